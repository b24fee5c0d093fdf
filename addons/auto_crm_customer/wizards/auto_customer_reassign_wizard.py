from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AutoCustomerReassignWizard(models.TransientModel):
    """When a consultant leaves: hand their customers, vehicles and open follow-ups to a colleague at once."""

    _name = "auto.customer.reassign.wizard"
    _description = "Reassign a Consultant's Customers"

    user_from_id = fields.Many2one("res.users", string="From", required=True)
    user_to_id = fields.Many2one("res.users", string="To", required=True, domain=[("share", "=", False)])
    reassign_customers = fields.Boolean("Customers", default=True)
    reassign_vehicles = fields.Boolean("Vehicles", default=True)
    reassign_followups = fields.Boolean("Open Follow-ups", default=True)
    customer_count = fields.Integer(compute="_compute_counts")
    vehicle_count = fields.Integer(compute="_compute_counts")
    followup_count = fields.Integer(compute="_compute_counts")

    @api.depends("user_from_id")
    def _compute_counts(self):
        for wizard in self:
            user = wizard.user_from_id
            wizard.customer_count = user and self.env["res.partner"].search_count(wizard._customer_domain())
            wizard.vehicle_count = user and self.env["auto.vehicle"].search_count(wizard._vehicle_domain())
            wizard.followup_count = user and self.env["auto.followup"].search_count(wizard._followup_domain())

    def _customer_domain(self):
        return [("user_id", "=", self.user_from_id.id), ("auto_customer_type", "!=", False)]

    def _vehicle_domain(self):
        return [("user_id", "=", self.user_from_id.id)]

    def _followup_domain(self):
        return [("user_id", "=", self.user_from_id.id), ("state", "in", ("planned", "open"))]

    def action_reassign(self):
        self.ensure_one()
        if self.user_from_id == self.user_to_id:
            raise UserError(_("Choose another consultant to take over the customers."))
        counts = self._reassign_records()
        message = _(
            "%(user)s now has: %(details)s.",
            user=self.user_to_id.name,
            details=", ".join(f"{label} {count}" for label, count in counts),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Customers reassigned"),
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _reassign_records(self):
        """Reassign in batch; returns ``[(label, count)]``. Other addons add their records (leads...)."""
        counts = []
        new_user = self.user_to_id.id
        if self.reassign_customers:
            customers = self.env["res.partner"].search(self._customer_domain())
            customers.write({"user_id": new_user})
            counts.append((_("customers"), len(customers)))
        if self.reassign_vehicles:
            vehicles = self.env["auto.vehicle"].search(self._vehicle_domain())
            vehicles.write({"user_id": new_user})
            counts.append((_("vehicles"), len(vehicles)))
        if self.reassign_followups:
            followups = self.env["auto.followup"].search(self._followup_domain())
            followups.write({"user_id": new_user})
            activities = followups.activity_ids.filtered(lambda a: a.user_id == self.user_from_id)
            activities.with_context(mail_activity_quick_update=True).write({"user_id": new_user})
            counts.append((_("follow-ups"), len(followups)))
        return counts
