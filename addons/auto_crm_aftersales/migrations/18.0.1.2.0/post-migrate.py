"""18.0.1.2.0: ``noupdate`` data an upgrade does not bring up to date by itself.

- The maintenance reminder plan is found by its purpose (the hand-off schedules the first service with it):
  give the shipped plan its ``purpose``, unless the dealership already pointed another plan of theirs at it.
- Customer relations see the delivery return visits as they see the other return visits: the shipped
  record rule gets its new domain, unless the dealership changed it.
"""

RULE_DOMAIN_BEFORE = (
    "['|', '|', '|', ('user_id', '=', user.id), ('repair_id', '!=', False), ('ticket_id', '!=', False), "
    "('escalation_user_id', '=', user.id)]"
)
RULE_DOMAIN_AFTER = (
    "['|', '|', '|', '|', ('user_id', '=', user.id), ('repair_id', '!=', False), ('ticket_id', '!=', False), "
    "('plan_id.purpose', '=', 'delivery_return_visit'), ('escalation_user_id', '=', user.id)]"
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE auto_followup_plan plan
           SET purpose = 'maintenance_reminder'
          FROM ir_model_data data
         WHERE data.module = 'auto_crm_aftersales'
           AND data.name = 'auto_followup_plan_maintenance_reminder'
           AND data.model = 'auto.followup.plan'
           AND plan.id = data.res_id
           AND plan.purpose IS NULL
           AND NOT EXISTS (
               SELECT 1 FROM auto_followup_plan other
                WHERE other.purpose = 'maintenance_reminder' AND other.active
                  AND other.company_id IS NOT DISTINCT FROM plan.company_id
           )
        """
    )
    cr.execute(
        """
        UPDATE ir_rule rule
           SET domain_force = %(after)s
          FROM ir_model_data data
         WHERE data.module = 'auto_crm_aftersales'
           AND data.name = 'auto_followup_rule_customer_relations'
           AND data.model = 'ir.rule'
           AND rule.id = data.res_id
           AND rule.domain_force = %(before)s
        """,
        {"before": RULE_DOMAIN_BEFORE, "after": RULE_DOMAIN_AFTER},
    )
