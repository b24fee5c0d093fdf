from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FOLLOWUP_CHANNELS = [
    ("call", "Phone Call"),
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("visit", "Visit"),
    ("email", "Email"),
]


class AutoFollowupPlanStep(models.Model):
    _name = "auto.followup.plan.step"
    _description = "Follow-up Plan Step"
    _order = "plan_id, sequence, offset_days, id"

    plan_id = fields.Many2one("auto.followup.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Step", required=True, translate=True)
    offset_days = fields.Integer(
        "Days After Trigger", help="Days after the trigger date (negative: before it, e.g. -30 before expiry)."
    )
    channel = fields.Selection(FOLLOWUP_CHANNELS, required=True, default="call")
    responsible = fields.Selection(
        [("consultant", "Customer's Consultant"), ("manager", "Escalation Manager"), ("user", "Specific User")],
        required=True,
        default="consultant",
    )
    user_id = fields.Many2one("res.users")
    script = fields.Text(translate=True, help="What to say or do: shown on the follow-up and its activity.")

    @api.constrains("responsible", "user_id")
    def _check_user(self):
        for step in self:
            if step.responsible == "user" and not step.user_id:
                raise ValidationError(_("The step %(step)s is for a specific user: choose the user.", step=step.name))

    @api.constrains("offset_days")
    def _check_offset(self):
        for step in self:
            if abs(step.offset_days) > 3660:
                raise ValidationError(
                    _(
                        "The step %(step)s is %(days)s days from its trigger: keep it within ten years.",
                        step=step.name,
                        days=step.offset_days,
                    )
                )
