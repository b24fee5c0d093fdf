"""18.0.1.3.0

- A follow-up's subject is a generic reference (``res_model``/``res_id``): the complaint, appointment and service
  order columns of the follow-ups become their subject (a complaint's return visit is about the complaint, its
  service order is the complaint's).
- Labour is priced through the service order's quotation, as the company's labour product: the companies without
  one get the shipped "Workshop Labour" product, and the labour lines recorded before get their company's product
  (their hours and rates are kept).
"""

from odoo import SUPERUSER_ID, api

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
    env = api.Environment(cr, SUPERUSER_ID, {})
    labour = env.ref("auto_crm_aftersales.product_labour_hour", raise_if_not_found=False)
    if labour:
        env["res.company"]._auto_set_default_labour_product(labour.id)
    env.flush_all()
    cr.execute(
        """
        UPDATE auto_repair_labour line
           SET product_id = company.auto_labour_product_id
          FROM res_company company
         WHERE company.id = line.company_id AND line.product_id IS NULL
           AND company.auto_labour_product_id IS NOT NULL
        """
    )
    env.invalidate_all()
