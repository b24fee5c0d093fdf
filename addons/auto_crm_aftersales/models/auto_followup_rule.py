from odoo import fields, models


class AutoFollowupRule(models.Model):
    _inherit = "auto.followup.rule"

    trigger = fields.Selection(
        selection_add=[("maintenance_due", "Maintenance Due")],
        ondelete={"maintenance_due": "cascade"},
    )

    def _subjects_maintenance_due(self, date_from, date_to):
        """Vehicles whose next service (every N km or M months) falls within the window, unless that service's
        reminders of this plan were scheduled already (the first service's, at the vehicle's delivery)."""
        partner_ids = self.env["res.partner"]._search(self._partner_domain())
        domain = [
            ("partner_id", "in", partner_ids),
            ("state", "!=", "scrapped"),
            ("model_id", "!=", False),
        ]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        subjects = self.env["auto.vehicle"]._maintenance_due_subjects(domain, date_from, date_to)
        if not subjects:
            return subjects
        scheduled = {
            (vehicle.id, trigger_date)
            for vehicle, trigger_date in self.env["auto.followup"]
            .with_context(active_test=False)
            ._read_group(
                [("plan_id", "=", self.plan_id.id), ("vehicle_id", "in", [s["vehicle_id"] for s in subjects])],
                ["vehicle_id", "trigger_date:day"],
            )
        }
        return [s for s in subjects if (s["vehicle_id"], s["trigger_date"]) not in scheduled]
