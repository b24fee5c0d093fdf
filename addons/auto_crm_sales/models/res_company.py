from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_discount_limit_consultant = fields.Monetary(
        "Consultant Discount Limit",
        currency_field="currency_id",
        default=5000.0,
        help="Largest discount off the list price a consultant's contract may carry without approval.",
    )
    auto_discount_limit_manager = fields.Monetary(
        "Sales Manager Discount Limit",
        currency_field="currency_id",
        default=20000.0,
        help="Largest discount the sales manager may approve; above it, the general manager approves.",
    )
    auto_receivable_plan_id = fields.Many2one(
        "auto.followup.plan",
        string="Receivable Reminder Plan",
        domain=[("target", "=", "receivable")],
        help="Steps of the receivable reminders: days before or after each instalment's due date and who is told.",
    )
    auto_receivable_reminder_days = fields.Integer(
        "Remind Before Due (days)",
        default=3,
        help="Instalments due within this many days enter the reminder ladder.",
    )
    auto_finance_user_id = fields.Many2one(
        "res.users", string="Finance Contact", help="Receives the last steps of the receivable reminders."
    )
    auto_delivery_survey_user_id = fields.Many2one(
        "res.users",
        string="Delivery Survey Follow-up By",
        help="Customer relations: follows up a low delivery satisfaction score (empty: the team's sales manager).",
    )
    auto_delivery_low_score = fields.Integer(
        "Low Delivery Score",
        default=2,
        help="A factor of the delivery survey scored at or under this (1-5) opens a follow-up.",
    )
    auto_delivery_low_nps = fields.Integer(
        "Low Delivery Recommendation",
        default=6,
        help="A would-recommend score at or under this (0-10) opens a follow-up; -1 never.",
    )

    @api.constrains(
        "auto_discount_limit_consultant",
        "auto_discount_limit_manager",
        "auto_receivable_reminder_days",
        "auto_delivery_low_score",
        "auto_delivery_low_nps",
    )
    def _check_auto_sales_settings(self):
        for company in self:
            if company.auto_discount_limit_consultant < 0 or company.auto_discount_limit_manager < 0:
                raise ValidationError(_("Discount limits cannot be negative."))
            if company.auto_discount_limit_manager < company.auto_discount_limit_consultant:
                raise ValidationError(_("The sales manager's discount limit must be at least the consultant's limit."))
            if company.auto_receivable_reminder_days < 0:
                raise ValidationError(_("The reminder delay before the due date cannot be negative."))
            if not 0 <= company.auto_delivery_low_score <= 5 or not -1 <= company.auto_delivery_low_nps <= 10:
                raise ValidationError(_("The low delivery score is from 0 to 5, the low recommendation from -1 to 10."))
