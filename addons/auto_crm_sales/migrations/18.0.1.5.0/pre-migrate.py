"""The steps of the plans this addon ships (lead cadences, receivable reminders, low delivery score) are records
of their own with an XML id, so that Odoo loads their Chinese from zh_CN.po; they were created inside their plan,
without one.

Before the data files load, each plan's existing step takes its XML id (the step of that name, else of that
sequence), so that the upgrade keeps the dealership's steps instead of adding a second one to the plan."""

from odoo.tools import SQL

# step XML id: (plan XML id, English name, sequence)
STEPS = {
    "auto_followup_plan_lead_weekly_step": ("auto_followup_plan_lead_weekly", "Weekly lead follow-up", 10),
    "auto_followup_plan_lead_2days_step": ("auto_followup_plan_lead_2days", "Hot lead follow-up", 10),
    "auto_followup_plan_lead_2weeks_step": ("auto_followup_plan_lead_2weeks", "Fortnightly lead follow-up", 10),
    "auto_followup_plan_lead_monthly_step": ("auto_followup_plan_lead_monthly", "Monthly lead follow-up", 10),
    "auto_followup_plan_receivable_step_1": ("auto_followup_plan_receivable", "Payment reminder before due date", 1),
    "auto_followup_plan_receivable_step_2": ("auto_followup_plan_receivable", "Payment overdue 1 day", 2),
    "auto_followup_plan_receivable_step_3": ("auto_followup_plan_receivable", "Payment overdue 7 days", 3),
    "auto_followup_plan_receivable_step_4": ("auto_followup_plan_receivable", "Payment overdue 30 days", 4),
    "auto_followup_plan_delivery_low_score_step_1": (
        "auto_followup_plan_delivery_low_score",
        "Call about the low delivery score",
        1,
    ),
    "auto_followup_plan_delivery_low_score_step_2": (
        "auto_followup_plan_delivery_low_score",
        "Check the low delivery score is settled",
        2,
    ),
}


def migrate(cr, version):
    if not version:
        return
    for step, (plan, name, sequence) in STEPS.items():
        cr.execute(
            SQL(
                """
                INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
                SELECT 'auto_crm_sales', %(step)s, 'auto.followup.plan.step', step.id, true
                  FROM auto_followup_plan_step step
                  JOIN ir_model_data plan
                    ON plan.module = 'auto_crm_sales' AND plan.name = %(plan)s AND plan.model = 'auto.followup.plan'
                   AND plan.res_id = step.plan_id
                 WHERE NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = 'auto_crm_sales' AND name = %(step)s)
                   AND NOT EXISTS (
                        SELECT 1 FROM ir_model_data WHERE model = 'auto.followup.plan.step' AND res_id = step.id
                   )
                 ORDER BY step.name->>'en_US' = %(name)s DESC, step.sequence = %(sequence)s DESC, step.id
                 LIMIT 1
                """,
                step=step,
                plan=plan,
                name=name,
                sequence=sequence,
            )
        )
