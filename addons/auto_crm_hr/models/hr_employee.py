from odoo import _, api, fields, models
from odoo.exceptions import UserError

DEALERSHIP_DEPARTMENTS = [
    ("sales", "Sales"),
    ("service", "Service"),
    ("parts", "Parts"),
    ("customer_relations", "Customer Relations"),
    ("finance", "Finance"),
    ("management", "Management"),
]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    auto_role_id = fields.Many2one(
        related="user_id.auto_role_id",
        store=True,
        index="btree_not_null",
        string="Dealership Role",
        help="The role of the employee's user: it decides the KPIs of the employee's scorecards.",
    )
    auto_dealership_department = fields.Selection(
        DEALERSHIP_DEPARTMENTS, string="Dealership Department", index=True, tracking=True
    )
    auto_date_hired = fields.Date("Hire Date", tracking=True)
    auto_certification_ids = fields.One2many("auto.hr.certification", "employee_id", string="Certifications")
    auto_scorecard_ids = fields.One2many("auto.hr.scorecard", "employee_id", string="Scorecards")
    auto_scorecard_count = fields.Integer(compute="_compute_auto_scorecard_count", string="Scorecard Count")

    def _compute_auto_scorecard_count(self):
        counts = dict(
            self.env["auto.hr.scorecard"]._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"])
        )
        for employee in self:
            employee.auto_scorecard_count = counts.get(employee, 0)

    @api.constrains("auto_date_hired")
    def _check_auto_date_hired(self):
        today = fields.Date.context_today(self)
        for employee in self:
            if employee.auto_date_hired and employee.auto_date_hired > today:
                raise UserError(
                    _(
                        "The hire date of %(employee)s is in the future: enter the day they started.",
                        employee=employee.name,
                    )
                )

    def toggle_active(self):
        """No customer leaves with the staff member: archiving an employee whose user still owns customers,
        leads, vehicles or open follow-ups opens the reassignment first."""
        leaving = self.filtered(lambda e: e.active and e.user_id)
        if leaving and not self.env.context.get("auto_skip_reassign"):
            owners = leaving._auto_users_still_owning()
            if owners:
                if len(self) > 1:
                    raise UserError(
                        _(
                            "Hand over the customers of %(names)s before archiving them "
                            "(archive them one at a time to open the reassignment).",
                            names=", ".join(owners.mapped("name")),
                        )
                    )
                return self._auto_action_reassign(owners)
        return super().toggle_active()

    def _auto_users_still_owning(self):
        """The users of these employees who still own customers, leads, vehicles or open follow-ups, counted by
        the reassignment wizard itself (its domains are extended by the addons owning those records)."""
        wizard_model = self.env["auto.customer.reassign.wizard"]
        owners = self.env["res.users"]
        for user in self.user_id:
            # sudo: the count crosses sales and after-sales records HR does not read; nothing is shown but
            # whether something is left to hand over
            wizard = wizard_model.sudo().new({"user_from_id": user.id})
            if wizard._auto_count_owned():
                owners |= user
        return owners

    def _auto_action_reassign(self, user):
        return {
            "type": "ir.actions.act_window",
            "name": _("Hand over %(name)s's customers before archiving", name=user.name),
            "res_model": "auto.customer.reassign.wizard",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {"default_user_from_id": user.id},
        }

    def action_auto_open_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("auto_crm_hr.auto_hr_scorecard_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_group_by_period": 0}
        return action
