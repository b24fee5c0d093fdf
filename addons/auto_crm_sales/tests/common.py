from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.auto_crm_inventory.tests.common import AutoCrmInventoryCase

# a 1x1 PNG: the photo of the customer with the car
DELIVERY_PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


class AutoCrmSalesCase(AutoCrmInventoryCase):
    """Sales roles, vehicles of one model in stock (one of them a demo car), and order helpers.

    Stock (warehouse, showroom, vehicle product, receipts) comes from the inventory test case.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.general_manager = new_test_user(
            cls.env, login="auto_gm", name="General Manager Zhou", groups="auto_crm_customer.group_dealership_manager"
        )
        cls.finance = new_test_user(
            cls.env, login="auto_fin", name="Finance Qian", groups="auto_crm_sales.group_finance"
        )
        # the figures below are in the company's currency: so is the showroom's first pricelist (the Chinese demo
        # changes the company's currency after Odoo made its public pricelist)
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Showroom prices", "currency_id": cls.company.currency_id.id, "sequence": 0}
        )
        cls.company.write(
            {
                "auto_discount_limit_consultant": 5000.0,
                "auto_discount_limit_manager": 20000.0,
                "auto_finance_user_id": cls.finance.id,
                "auto_receivable_plan_id": cls.env.ref("auto_crm_sales.auto_followup_plan_receivable").id,
                "auto_receivable_reminder_days": 3,
            }
        )
        cls.model.list_price = 150000.0
        cls.product.taxes_id = [Command.clear()]
        cls.vehicles = cls._stock_quickly([cls._vin("LGXCE4CB", 700 + i) for i in range(4)])
        cls.demo_vehicle = cls.vehicles[0]
        cls.demo_vehicle.auto_demo = True
        cls.lots = cls.vehicles.lot_id
        cls.lot1, cls.lot2, cls.lot3 = cls.vehicles[1].lot_id, cls.vehicles[2].lot_id, cls.vehicles[3].lot_id
        cls.accessory = cls.env["product.product"].create(
            {"name": "Floor Mats", "type": "consu", "list_price": 800.0, "standard_price": 300.0, "taxes_id": False}
        )
        cls.fee = cls.env.ref("auto_crm_sales.product_fee_registration")
        cls.grade_h = cls.env.ref("auto_crm_sales.auto_lead_grade_h")
        cls.grade_b = cls.env.ref("auto_crm_sales.auto_lead_grade_b")

    @classmethod
    def _order(cls, lot=None, price=150000.0, user=None, partner=None, lines=()):
        lot = lot or cls.lot1
        order_lines = [
            Command.create(
                {"product_id": lot.product_id.id, "auto_lot_id": lot.id, "price_unit": price, "tax_id": False}
            )
        ]
        order_lines += [Command.create(dict(line, tax_id=False)) for line in lines]
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": (user or cls.consultant).id,
                "order_line": order_lines,
            }
        )

    @classmethod
    def _sign(cls, order):
        order.action_auto_generate_payment_plan()
        order.action_auto_submit_contract()
        if order.auto_contract_state == "to_approve":
            order.with_user(cls.general_manager).action_auto_approve_contract()
        order.action_auto_sign_contract()
        return order

    @classmethod
    def _complete_delivery_checklist(cls, order):
        order.write(
            {
                "auto_delivery_pdi_done": True,
                "auto_delivery_documents_handed": True,
                "auto_delivery_keys_handed": True,
                "auto_delivery_registered": True,
                "auto_delivery_insured": True,
                "auto_delivery_functions_explained": True,
                "auto_delivery_photo": DELIVERY_PHOTO,
            }
        )
        return order

    @classmethod
    def _invoice(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    @classmethod
    def _pay(cls, invoice, amount, date=None, **extra):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": date or fields.Date.today(), **extra})
        )
        return wizard._create_payments()
