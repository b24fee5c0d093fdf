from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.utm_campaign import CAMPAIGN_STATES, CAMPAIGN_TYPES, SIGNED_STATES


class AutoMktCampaignReport(models.Model):
    """Campaigns side by side: documents brought, costs and attributed gross profit, in the company's currency."""

    _name = "auto.mkt.campaign.report"
    _description = "Campaign Comparison"
    _auto = False
    _order = "date_start desc"

    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    campaign_type = fields.Selection(CAMPAIGN_TYPES, readonly=True)
    state = fields.Selection(CAMPAIGN_STATES, string="Status", readonly=True)
    plan_id = fields.Many2one("auto.mkt.plan", string="Annual Plan", readonly=True)
    date_start = fields.Date("Start Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    lead_count = fields.Integer("Leads", readonly=True)
    test_drive_count = fields.Integer("Test Drives", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    service_count = fields.Integer("Service Visits", readonly=True)
    budget_planned = fields.Monetary("Planned Budget", readonly=True)
    cost_actual = fields.Monetary("Actual Cost", readonly=True)
    gross_profit = fields.Monetary("Attributed Gross Profit", readonly=True)
    net_return = fields.Monetary("Gross Profit less Cost", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT c.id AS id,
                           c.id AS campaign_id,
                           c.auto_campaign_type AS campaign_type,
                           c.auto_state AS state,
                           c.auto_plan_id AS plan_id,
                           c.auto_date_start AS date_start,
                           c.company_id AS company_id,
                           company.currency_id,
                           COALESCE(leads.n, 0) AS lead_count,
                           COALESCE(drives.n, 0) AS test_drive_count,
                           COALESCE(orders.n, 0) AS order_count,
                           COALESCE(repairs.n, 0) AS service_count,
                           COALESCE(c.auto_budget_planned, 0) AS budget_planned,
                           COALESCE(c.auto_cost_actual, 0) AS cost_actual,
                           COALESCE(orders.profit, 0) AS gross_profit,
                           COALESCE(orders.profit, 0) - COALESCE(c.auto_cost_actual, 0) AS net_return
                      FROM utm_campaign c
                      LEFT JOIN res_company company ON company.id = c.company_id
                      LEFT JOIN (SELECT campaign_id, count(*) AS n FROM crm_lead
                                  WHERE campaign_id IS NOT NULL GROUP BY campaign_id) leads
                             ON leads.campaign_id = c.id
                      LEFT JOIN (SELECT campaign_id, count(*) AS n FROM auto_test_drive
                                  WHERE campaign_id IS NOT NULL AND state != 'cancelled' GROUP BY campaign_id) drives
                             ON drives.campaign_id = c.id
                      LEFT JOIN (SELECT campaign_id, count(*) AS n, sum(auto_gross_profit) AS profit FROM sale_order
                                  WHERE campaign_id IS NOT NULL AND auto_contract_state IN %(signed)s
                                  GROUP BY campaign_id) orders
                             ON orders.campaign_id = c.id
                      LEFT JOIN (SELECT campaign_id, count(*) AS n FROM repair_order
                                  WHERE campaign_id IS NOT NULL AND state != 'cancel' GROUP BY campaign_id) repairs
                             ON repairs.campaign_id = c.id
                     WHERE c.auto_campaign_type IS NOT NULL
                )
                """,
                table=SQL.identifier(self._table),
                signed=SIGNED_STATES,
            )
        )
