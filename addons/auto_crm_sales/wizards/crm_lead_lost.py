from odoo import fields, models
from odoo.tools.mail import html2plaintext


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    auto_competitor_brand_id = fields.Many2one("auto.vehicle.brand", string="Competitor Brand Bought")
    auto_competitor_model = fields.Char("Competitor Model Bought")

    def action_lost_reason_apply(self):
        self.ensure_one()
        note = html2plaintext(self.lost_feedback or "").strip()
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
