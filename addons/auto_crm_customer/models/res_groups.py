from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    auto_home_action_id = fields.Many2one(
        "ir.actions.actions",
        string="Role Home Screen",
        help="For a dealership role: the screen its users land on after logging in.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "auto_home_action_id" in vals:
            # the role's users land on its new home screen (e.g. once after-sales gives advisors theirs)
            for group in self:
                users = self.env["res.users"].with_context(active_test=False).search([("auto_role_id", "=", group.id)])
                users.write({"action_id": group.auto_home_action_id.id})
        return res
