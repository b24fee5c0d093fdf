"""18.0.1.3.0: a follow-up's subject is a generic reference (``res_model``/``res_id``).

The complaint, appointment and service order columns of the follow-ups become their subject: a complaint's
return visit is about the complaint (its service order is the complaint's).
"""

from odoo.addons.auto_crm_customer.tools.followup_subject import move_subject_columns


def migrate(cr, version):
    move_subject_columns(
        cr,
        [
            ("ticket_id", "auto.service.ticket"),
            ("appointment_id", "auto.service.appointment"),
            ("repair_id", "repair.order"),
        ],
    )
