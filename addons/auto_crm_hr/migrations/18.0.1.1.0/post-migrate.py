"""18.0.1.1.0: a follow-up's subject is a generic reference (``res_model``/``res_id``): the certificate
column of the renewal reminders becomes their subject."""

from odoo.addons.auto_crm_customer.tools.followup_subject import move_subject_columns


def migrate(cr, version):
    move_subject_columns(cr, [("auto_hr_certification_id", "auto.hr.certification")])
