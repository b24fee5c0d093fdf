from datetime import timedelta

from odoo import api, fields, models


class AutoFollowupRule(models.Model):
    _inherit = "auto.followup.rule"

    trigger = fields.Selection(
        selection_add=[("maintenance_due", "Maintenance Due")],
        ondelete={"maintenance_due": "cascade"},
    )

    def _subjects_maintenance_due(self, date_from, date_to):
        """Vehicles whose next service (every N km or M months) falls within the window, unless that service's
        reminders of this plan were scheduled already (the first service's, at the vehicle's delivery)."""
        subjects = self.env["auto.vehicle"]._maintenance_due_subjects(
            self._maintenance_due_vehicle_domain(), date_from, date_to
        )
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

    def _maintenance_due_vehicle_domain(self):
        """The vehicles this "Maintenance due" rule reminds: its customers', of its company, not scrapped, of a
        model (whose interval gives the next service)."""
        self.ensure_one()
        domain = [
            ("partner_id", "in", self.env["res.partner"]._search(self._partner_domain())),
            ("state", "!=", "scrapped"),
            ("model_id", "!=", False),
        ]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return domain

    @api.model
    def _maintenance_due_horizons(self, vehicles):
        """For each of ``vehicles`` that a daily "Maintenance due" rule with a plan of steps reminds (the
        vehicles of :meth:`_maintenance_due_vehicle_domain`), the last day that rule plans reminders for today:
        a service due later is reminded by the rule when it comes within its window, with the car's responsible
        user of that day.

        :return: ``{vehicle_id: date}``; a vehicle no rule covers is not in it
        """
        today = fields.Date.context_today(self)
        # sudo: the rules are configured by customer relations; whoever imports or hands over the car asks
        rules = self.sudo().search([("trigger", "=", "maintenance_due"), ("plan_id.active", "=", True)])
        horizons = {}
        for rule in rules.filtered("plan_id.step_ids"):
            covered = vehicles.sudo().search([("id", "in", vehicles.ids), *rule._maintenance_due_vehicle_domain()])
            last_day = today + timedelta(days=rule.days_ahead)
            for vehicle_id in covered.ids:
                horizons[vehicle_id] = max(horizons.get(vehicle_id, last_day), last_day)
        return horizons
