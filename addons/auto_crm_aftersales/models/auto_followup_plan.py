from odoo import fields, models

# the plans after-sales schedules, found by their purpose (a company may point its own plan at one)
RETURN_VISIT_PURPOSES = ("service_return_visit", "delivery_return_visit", "ticket_return_visit")


class AutoFollowupPlan(models.Model):
    _inherit = "auto.followup.plan"

    purpose = fields.Selection(
        selection_add=[
            ("service_return_visit", "Return Visit after Service"),
            ("delivery_return_visit", "Return Visit after Delivery"),
            ("ticket_return_visit", "Return Visit after a Complaint"),
            ("appointment_reminder", "Appointment Reminder"),
            ("maintenance_reminder", "Maintenance Reminder"),
            ("service_campaign_notice", "Recall or Service Campaign Notice"),
        ],
        ondelete={
            "service_return_visit": "set null",
            "delivery_return_visit": "set null",
            "ticket_return_visit": "set null",
            "appointment_reminder": "set null",
            "maintenance_reminder": "set null",
            "service_campaign_notice": "set null",
        },
    )
