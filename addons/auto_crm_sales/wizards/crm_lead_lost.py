from odoo import api, fields, models
from odoo.tools.mail import html2plaintext


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    auto_competitor_brand_id = fields.Many2one("auto.vehicle.brand", string="Competitor Brand Bought")
    auto_competitor_model = fields.Char("Competitor Model Bought")
    auto_needs_loss_analysis = fields.Boolean(
        "Loss Analysis Needed",
        compute="_compute_auto_needs_loss_analysis",
        help="A dealership lead (graded, or for a vehicle) is lost with its reason and a note of what happened.",
    )

    @api.depends("lead_ids")
    def _compute_auto_needs_loss_analysis(self):
        for wizard in self:
            wizard.auto_needs_loss_analysis = bool(wizard.lead_ids._auto_dealership_leads())

    def action_lost_reason_apply(self):
        self.ensure_one()
        note = html2plaintext(self.lost_feedback or "").strip()
        self.lead_ids._auto_check_loss_analysis(self.lost_reason_id, note)
        return super(
            CrmLeadLost,
            self.with_context(
                auto_loss_values={
                    "auto_loss_note": note,
                    "auto_competitor_brand_id": self.auto_competitor_brand_id.id,
                    "auto_competitor_model": self.auto_competitor_model,
                }
            ),
        ).action_lost_reason_apply()
