from odoo import fields, models


class AutoFollowupRule(models.Model):
    _inherit = "auto.followup.rule"

    trigger = fields.Selection(
        selection_add=[("maintenance_due", "Maintenance Due")],
        ondelete={"maintenance_due": "cascade"},
    )

    def _subjects_maintenance_due(self, date_from, date_to):
        """Vehicles whose next service (every N km or M months) falls within the window."""
        partner_ids = self.env["res.partner"]._search(self._partner_domain())
        domain = [
            ("partner_id", "in", partner_ids),
            ("state", "!=", "scrapped"),
            ("model_id", "!=", False),
        ]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return self.env["auto.vehicle"]._maintenance_due_subjects(domain, date_from, date_to)
