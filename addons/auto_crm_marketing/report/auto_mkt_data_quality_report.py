from odoo import _, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.auto_crm_customer.models.res_partner import SOURCE_CHANNELS

ISSUES = [
    ("missing_name", "Name Missing"),
    ("missing_mobile", "Mobile Missing"),
    ("invalid_mobile", "Mobile Not Valid"),
    ("duplicate_mobile", "Same Mobile as Another Record"),
]
RECORD_KINDS = [("customer", "Customer"), ("lead", "Lead")]
# a mainland mobile (11 digits from 13 to 19) or an international number with + and 8 to 15 digits
VALID_MOBILE = r"^(1[3-9][0-9]{9}|\+[0-9]{8,15})$"


class AutoMktDataQualityReport(models.Model):
    """What is wrong with the customer and lead data (数据清洗), per source: one row per record and problem.

    Records sharing a mobile (however it was typed) are offered for merge through Odoo's own merge wizards,
    which move every linked document to the record kept.
    """

    _name = "auto.mkt.data.quality.report"
    _description = "Data Quality"
    _auto = False
    _order = "mobile, record_kind, id"

    record_kind = fields.Selection(RECORD_KINDS, string="Record", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    name = fields.Char(readonly=True)
    mobile = fields.Char("Mobile (normalised)", readonly=True)
    source_channel = fields.Selection(SOURCE_CHANNELS, readonly=True)
    issue = fields.Selection(ISSUES, readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    record_count = fields.Integer("Records", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    WITH records AS (
                        SELECT 'customer' AS record_kind, p.id AS partner_id, NULL::int AS lead_id,
                               p.name, p.auto_mobile_normalized AS mobile,
                                 p.auto_source_channel AS source_channel, p.user_id, p.company_id
                          FROM res_partner p
                         WHERE p.auto_customer_type IS NOT NULL AND p.active
                        UNION ALL
                        SELECT 'lead', NULL, l.id, COALESCE(l.contact_name, l.partner_name, l.name),
                               l.auto_mobile_normalized, l.auto_source_channel, l.user_id, l.company_id
                          FROM crm_lead l
                         WHERE l.active AND l.partner_id IS NULL
                    ),
                    shared AS (
                        SELECT mobile FROM records WHERE mobile IS NOT NULL AND mobile != ''
                         GROUP BY mobile HAVING count(*) > 1
                    ),
                    issues AS (
                        SELECT r.*, 'missing_name' AS issue FROM records r
                         WHERE r.name IS NULL OR btrim(r.name) = ''
                        UNION ALL
                        SELECT r.*, 'missing_mobile' FROM records r WHERE r.mobile IS NULL OR r.mobile = ''
                        UNION ALL
                        SELECT r.*, 'invalid_mobile' FROM records r
                         WHERE r.mobile IS NOT NULL AND r.mobile != '' AND r.mobile !~ %(valid)s
                        UNION ALL
                        SELECT r.*, 'duplicate_mobile' FROM records r JOIN shared s ON s.mobile = r.mobile
                    )
                    SELECT row_number() OVER (ORDER BY issue, record_kind, partner_id, lead_id) AS id,
                           record_kind, partner_id, lead_id, name, mobile, source_channel, issue, user_id,
                           company_id, 1 AS record_count
                      FROM issues
                )
                """,
                table=SQL.identifier(self._table),
                valid=VALID_MOBILE,
            )
        )

    def action_merge(self):
        """Open Odoo's merge of the selected customers, or of the selected leads, sharing a mobile."""
        rows = self.filtered(lambda row: row.issue == "duplicate_mobile")
        if len(set(rows.mapped("mobile"))) != 1:
            raise UserError(_("Select the records of one same mobile number to merge them."))
        partners, leads = rows.partner_id, rows.lead_id
        if len(partners) >= 2:
            return {
                "type": "ir.actions.act_window",
                "name": _("Merge Customers"),
                "res_model": "base.partner.merge.automatic.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"active_model": "res.partner", "active_ids": partners.ids},
            }
        if len(leads) >= 2:
            return {
                "type": "ir.actions.act_window",
                "name": _("Merge Leads"),
                "res_model": "crm.merge.opportunity",
                "view_mode": "form",
                "target": "new",
                "context": {"active_model": "crm.lead", "active_ids": leads.ids},
            }
        raise UserError(_("Select at least two customers or two leads with the same mobile to merge."))
