from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

CUSTOMER_TIERS = [("key", "Key (Gold)"), ("potential", "Potential (Silver)"), ("ordinary", "Ordinary")]


class AutoMktChurnAnalysis(models.Model):
    """Customer churn (客户流失率) on a given day: who is lost, and the churn rate of each past month.

    A customer is *active* at a moment when they visited, bought or had their car serviced (a value record
    of the customer addon, or their last visit) in the ``inactive_days`` before it; a customer active at the
    start of a month and no longer active at its end churned in that month. The rate of a month is the
    customers who churned in it over the customers active at its start.
    """

    _name = "auto.mkt.churn.analysis"
    _description = "Churn Analysis"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date("Analysis Date", required=True, default=fields.Date.context_today)
    inactive_days = fields.Integer(
        "Churned After (days)", required=True, default=lambda self: self.env.company.auto_mkt_churn_days
    )
    month_count = fields.Integer("Months Analysed", required=True, default=12)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    month_ids = fields.One2many("auto.mkt.churn.month", "analysis_id", string="Monthly Churn", readonly=True)
    churned_partner_ids = fields.Many2many("res.partner", string="Churned Customers", readonly=True, copy=False)
    churned_count = fields.Integer("Churned Customers Now", readonly=True)
    active_count = fields.Integer("Active Customers Now", readonly=True)
    churn_rate = fields.Float(
        "Churned Share (%)",
        readonly=True,
        digits=(16, 1),
        help="Churned customers over the customers who were ever active, on the analysis date.",
    )
    winback_campaign_id = fields.Many2one("utm.campaign", string="Win-back Campaign", readonly=True, copy=False)

    @api.depends("date")
    def _compute_name(self):
        for analysis in self:
            analysis.name = _("Churn on %(date)s", date=analysis.date)

    @api.constrains("inactive_days", "month_count")
    def _check_parameters(self):
        for analysis in self:
            if analysis.inactive_days < 30:
                raise ValidationError(_("A customer churns after at least 30 days without a visit or a purchase."))
            if not 1 <= analysis.month_count <= 60:
                raise ValidationError(_("Analyse between 1 and 60 months."))

    def action_compute(self):
        for analysis in self:
            analysis._compute_churn()

    def action_create_winback(self):
        """A draft win-back campaign with a target list of the churned customers (who agreed to be contacted)."""
        self.ensure_one()
        if not self.churned_partner_ids:
            raise UserError(_("Compute the analysis first: it has no churned customer."))
        title = _("Win-back %(date)s", date=self.date)
        campaign = self.env["utm.campaign"].create(
            {
                "title": title,
                "auto_campaign_type": "promotion",
                "company_id": self.company_id.id,
                "auto_date_start": self.date,
            }
        )
        churned = self.churned_partner_ids.filtered("auto_contact_consent")
        target = self.env["auto.mkt.target.list"].create(
            {
                "name": title,
                "campaign_id": campaign.id,
                "company_id": self.company_id.id,
                "partner_ids": [fields.Command.set(churned.ids)],
                "state": "built",
            }
        )
        self.winback_campaign_id = campaign
        return {
            "type": "ir.actions.act_window",
            "res_model": "auto.mkt.target.list",
            "res_id": target.id,
            "view_mode": "form",
        }

    def action_view_churned(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Churned Customers"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.churned_partner_ids.ids)],
        }

    def _activity_sql(self):
        """Every dated contact of a customer of the company: value records (sales, service) and last visits."""
        company = self.company_id.id
        return SQL(
            """
            SELECT value.partner_id, value.date
              FROM auto_customer_value value
             WHERE value.company_id = %s
            UNION ALL
            SELECT partner.id, partner.auto_last_visit_date
              FROM res_partner partner
             WHERE partner.auto_last_visit_date IS NOT NULL
               AND partner.auto_customer_type IS NOT NULL
               AND (partner.company_id = %s OR partner.company_id IS NULL)
            """,
            company,
            company,
        )

    def _compute_churn(self):
        """Set the monthly rows and the churned customers: two set-based queries, one batch create."""
        self.ensure_one()
        self.env.flush_all()
        days = self.inactive_days
        first_of_month = self.date.replace(day=1)
        # the month_count full months before the analysis month, and the end of the last one
        starts = [first_of_month - relativedelta(months=k) for k in range(self.month_count, -1, -1)]
        self.env.cr.execute(
            SQL(
                """
                WITH act AS (%(activity)s),
                bounds AS (SELECT unnest(%(starts)s::date[]) AS t),
                -- active at each boundary, and the next boundary at which the customer is still active
                member AS (
                    SELECT active.t, active.partner_id,
                           lead(active.t) OVER (PARTITION BY active.partner_id ORDER BY active.t) AS next_t
                      FROM (SELECT DISTINCT b.t, a.partner_id
                              FROM bounds b
                              JOIN act a ON a.date >= b.t - %(days)s AND a.date < b.t) active
                ),
                advisor AS (
                    SELECT DISTINCT ON (r.partner_id) r.partner_id, r.user_id
                      FROM repair_order r
                     WHERE r.state = 'done' AND r.partner_id IS NOT NULL AND r.company_id = %(company)s
                     ORDER BY r.partner_id, r.auto_date_done DESC NULLS LAST, r.id DESC
                )
                SELECT m.t, p.auto_customer_tier, p.user_id, advisor.user_id,
                       count(*), count(*) FILTER (WHERE m.next_t IS DISTINCT FROM (m.t + interval '1 month')::date)
                  FROM member m
                  JOIN res_partner p ON p.id = m.partner_id AND p.auto_customer_type IS NOT NULL AND p.active
                  LEFT JOIN advisor ON advisor.partner_id = m.partner_id
                 WHERE m.t < %(last)s
                 GROUP BY 1, 2, 3, 4
                """,
                activity=self._activity_sql(),
                starts=starts,
                days=days,
                company=self.company_id.id,
                last=starts[-1],
            )
        )
        rows = self.env.cr.fetchall()
        self.env.cr.execute(
            SQL(
                """
                WITH act AS (%(activity)s)
                SELECT act.partner_id, max(act.date) >= %(since)s
                  FROM act
                  JOIN res_partner p ON p.id = act.partner_id AND p.auto_customer_type IS NOT NULL AND p.active
                 WHERE act.date <= %(today)s
                 GROUP BY act.partner_id
                """,
                activity=self._activity_sql(),
                since=self.date - relativedelta(days=days),
                today=self.date,
            )
        )
        churned_ids, active = [], 0
        for partner_id, is_active in self.env.cr.fetchall():
            if is_active:
                active += 1
            else:
                churned_ids.append(partner_id)
        self.month_ids.unlink()
        self.env["auto.mkt.churn.month"].create(
            [
                {
                    "analysis_id": self.id,
                    "month": month,
                    "customer_tier": tier,
                    "user_id": user_id,
                    "advisor_id": advisor_id,
                    "active_count": active_count,
                    "churned_count": churned_count,
                }
                for month, tier, user_id, advisor_id, active_count, churned_count in rows
            ]
        )
        total = active + len(churned_ids)
        self.write(
            {
                "churned_partner_ids": [fields.Command.set(churned_ids)],
                "churned_count": len(churned_ids),
                "active_count": active,
                "churn_rate": len(churned_ids) * 100.0 / total if total else 0.0,
            }
        )


class AutoMktChurnMonth(models.Model):
    """Customers active at the start of a month and those of them who churned in it, by tier and staff."""

    _name = "auto.mkt.churn.month"
    _description = "Monthly Churn"
    _order = "month, id"

    analysis_id = fields.Many2one("auto.mkt.churn.analysis", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="analysis_id.company_id", store=True)
    month = fields.Date(required=True)
    customer_tier = fields.Selection(CUSTOMER_TIERS)
    user_id = fields.Many2one("res.users", string="Consultant")
    advisor_id = fields.Many2one("res.users", string="Service Advisor")
    active_count = fields.Integer("Active at Start")
    churned_count = fields.Integer("Churned")
    churn_rate = fields.Float(
        "Churn Rate (%)",
        compute="_compute_churn_rate",
        store=True,
        digits=(16, 1),
        aggregator=None,
        help="Churned over active at the start of the month, for this row; group by month and read the counts "
        "for a whole month.",
    )

    @api.depends("active_count", "churned_count")
    def _compute_churn_rate(self):
        for row in self:
            row.churn_rate = row.churned_count * 100.0 / row.active_count if row.active_count else 0.0
