"""18.0.1.2.0: a follow-up's subject is a generic reference (``res_model``/``res_id``).

The lead, contract and instalment columns of the follow-ups become their subject: an instalment's reminder is
about the instalment (its contract is the instalment's), a lead's follow-up about the lead.
"""

from odoo.addons.auto_crm_customer.tools.followup_subject import move_subject_columns


def migrate(cr, version):
    move_subject_columns(
        cr,
        [
            ("payment_plan_line_id", "auto.payment.plan.line"),
            ("sale_order_id", "sale.order"),
            ("lead_id", "crm.lead"),
        ],
    )
