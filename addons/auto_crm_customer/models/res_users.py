from odoo import api, fields, models

# Groups a role keeps from a user's former rights: they are switches of the interface (developer
# mode, the company switcher), not rights of a job.
KEPT_TECHNICAL_GROUPS = ("base.group_no_one", "base.group_multi_company")


class ResUsers(models.Model):
    _inherit = "res.users"

    auto_role_id = fields.Many2one(
        "res.groups",
        string="Dealership Role",
        domain=lambda self: [("category_id", "=", self.env.ref("auto_crm_customer.module_category_dealership").id)],
        help="The user's job at the dealership. Setting it gives exactly the rights of that job, Odoo's own "
        "included, and its home screen; any other right the user held is taken away. Extra rights for every "
        "user of a role are given to the role's group.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered("auto_role_id")._auto_apply_role()
        return users

    def write(self, vals):
        # Odoo hands the groups added to its default user template to every internal user (e.g. Invoicing,
        # Inventory and Purchase Administrator when those apps are installed after the users exist). A user
        # with a dealership role keeps exactly the rights of the role.
        template_changed = "groups_id" in vals and self._apply_groups_to_existing_employees()
        res = super().write(vals)
        if "auto_role_id" in vals:
            self.filtered("auto_role_id")._auto_apply_role()
        if template_changed:
            self.search([("auto_role_id", "!=", False), ("id", "not in", self.ids)])._auto_apply_role()
        return res

    def _auto_apply_role(self):
        """Give each user the groups of its role (and those they imply), the internal user group, and only
        the interface switches it already had; set the role's home screen."""
        internal = self.env.ref("base.group_user")
        kept = self.env["res.groups"].browse(
            [group.id for xmlid in KEPT_TECHNICAL_GROUPS if (group := self.env.ref(xmlid, raise_if_not_found=False))]
        )
        batches = {}
        for user in self:
            key = (user.auto_role_id, user.groups_id & kept)
            batches.setdefault(key, self.browse())
            batches[key] |= user
        for (role, technical), users in batches.items():
            vals = {"groups_id": [fields.Command.set((internal | role | technical).ids)]}
            if role.auto_home_action_id:
                vals["action_id"] = role.auto_home_action_id.id
            # super(): applying a role is not a change of the role
            super(ResUsers, users).write(vals)
        return True
