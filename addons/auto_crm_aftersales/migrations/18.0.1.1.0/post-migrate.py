"""18.0.1.1.0: plans are found by their purpose, no longer by XML id.

The shipped plans are ``noupdate`` data: an upgrade does not give them their new ``purpose``. Give it to
them here, unless the dealership already pointed another plan of theirs at that purpose.
"""

SHIPPED_PURPOSES = {
    "auto_followup_plan_return_visit_service": "service_return_visit",
    "auto_followup_plan_return_visit_delivery": "delivery_return_visit",
    "auto_followup_plan_return_visit_ticket": "ticket_return_visit",
    "auto_followup_plan_appointment_reminder": "appointment_reminder",
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, purpose in SHIPPED_PURPOSES.items():
        cr.execute(
            """
            UPDATE auto_followup_plan plan
               SET purpose = %(purpose)s
              FROM ir_model_data data
             WHERE data.module = 'auto_crm_aftersales'
               AND data.name = %(xmlid)s
               AND data.model = 'auto.followup.plan'
               AND plan.id = data.res_id
               AND plan.purpose IS NULL
               AND NOT EXISTS (
                   SELECT 1 FROM auto_followup_plan other
                    WHERE other.purpose = %(purpose)s AND other.active
                      AND other.company_id IS NOT DISTINCT FROM plan.company_id
               )
            """,
            {"purpose": purpose, "xmlid": xmlid},
        )
