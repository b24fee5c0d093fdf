"""Users of Odoo's own apps, without a dealership role, keep working on the records AutoCRM also touches.

A dealership already on Odoo has accountants, warehouse staff, other sales teams, portal customers and
integrations: none of them holds a Dealership role, and none of their usual flows may end in an Access
Error because AutoCRM hooks into it (cancel, deliver, return, invoice, pay, lose or win a lead).
"""

from odoo import Command
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import AutoCrmSalesCase


class OdooUsersCase(AutoCrmSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="odoo_salesman", name="Odoo Salesman", groups="sales_team.group_sale_salesman"
        )
        cls.stock_user = new_test_user(
            cls.env, login="odoo_stock_user", name="Odoo Warehouse", groups="stock.group_stock_user"
        )
        cls.billing = new_test_user(
            cls.env, login="odoo_billing", name="Odoo Billing", groups="account.group_account_invoice"
        )
        cls.portal = new_test_user(cls.env, login="odoo_portal", name="Portal Customer", groups="base.group_portal")
        cls.portal.partner_id.write({"auto_customer_type": "individual", "mobile": "13655556666"})

    @classmethod
    def _plain_order(cls, user=None, partner=None):
        """An order of Odoo's own sales, without any vehicle."""
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": (user or cls.salesman).id,
                "order_line": [Command.create({"product_id": cls.accessory.id, "product_uom_qty": 2})],
            }
        )

    @classmethod
    def _signed_vehicle_order(cls, user=None, partner=None):
        order = cls._order(cls.lot1, user=user or cls.consultant, partner=partner)
        return cls._sign(order)

    def _deliver_as(self, user, order):
        if order.auto_is_vehicle_sale:
            self._complete_delivery_checklist(order)  # by the consultant, before the warehouse delivers
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        self.assertEqual(len(picking), 1)
        picking = picking.with_user(user)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        return picking


@tagged("post_install", "-at_install")
class TestOdooUsers(OdooUsersCase):
    def test_salesman_without_dealership_role(self):
        """Odoo's salesman: quotations, confirmation, cancellation, leads lost and won, as in Odoo."""
        env = self.env(user=self.salesman)
        # a plain order, the Odoo way
        form = Form(env["sale.order"])
        form.partner_id = self.env["res.partner"].create({"name": "Hardware Store Wang"})
        with form.order_line.new() as line:
            line.product_id = self.accessory
            line.product_uom_qty = 3
        plain = form.save()
        plain.action_confirm()
        self.assertEqual(plain.state, "sale")
        self.assertEqual(plain.auto_contract_state, "draft", "an order without a vehicle is no contract")
        with Form(plain) as edit, edit.order_line.edit(0) as line:
            line.product_uom_qty = 4  # a quantity change on a confirmed order
        plain.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(plain.state, "cancel")
        self.assertEqual(plain.auto_contract_state, "draft")

        # a vehicle contract signed by the dealership, in this salesman's name: opened and cancelled
        vehicle_order = self._signed_vehicle_order(user=self.salesman)
        self.env["auto.payment.plan.line"]._schedule_receivable_reminders(self.company)
        reminders = self.env["auto.followup"].search([("sale_order_id", "=", vehicle_order.id)])
        self.assertTrue(reminders, "the signed contract has its payment reminders")
        Form(vehicle_order.with_user(self.salesman))  # the form opens
        duplicate = vehicle_order.with_user(self.salesman).copy()  # "Duplicate", as in Odoo
        self.assertEqual(duplicate.auto_contract_state, "draft")
        self.assertFalse(duplicate.auto_payment_plan_line_ids, "a copy proposes its own plan, with new due dates")
        vehicle_order.with_user(self.salesman).with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(vehicle_order.auto_contract_state, "cancelled")
        self.assertEqual(self.lot1.auto_vehicle_id.state, "in_stock", "cancelling frees the vehicle")
        self.assertEqual(set(reminders.mapped("state")), {"cancelled"}, "the reminders go with the contract")

        # leads: lost through the API and the wizard, won
        reason = self.env.ref("auto_crm_sales.crm_lost_reason_competitor")
        Lead = env["crm.lead"]
        lost = Lead.create({"name": "Office printers", "type": "opportunity"})
        lost.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(lost.active)
        graded = self.env["crm.lead"].create(
            {
                "name": "Qin PLUS enquiry",
                "type": "opportunity",
                "user_id": self.salesman.id,
                "auto_grade_id": self.grade_b.id,
            }
        )
        graded.with_user(self.salesman).action_set_lost(lost_reason_id=reason.id)
        self.assertEqual(graded.auto_grade_code, "F")
        self.assertFalse(graded.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")))
        wizard_lead = Lead.create({"name": "Meeting chairs", "type": "opportunity"})
        wizard = Form(env["crm.lead.lost"].with_context(active_ids=wizard_lead.ids, default_lead_ids=wizard_lead.ids))
        wizard.lost_reason_id = reason
        wizard.save().action_lost_reason_apply()
        self.assertFalse(wizard_lead.active)
        won = Lead.create({"name": "Delivery van", "type": "opportunity"})
        won.action_set_won()
        self.assertEqual(won.probability, 100)

    def test_stock_user_without_dealership_role(self):
        """Odoo's warehouse user: validates deliveries of both kinds of orders and takes a return."""
        plain = self._plain_order()
        plain.action_confirm()
        picking = self._deliver_as(self.stock_user, plain)
        self.assertEqual(picking.state, "done")
        self.assertEqual(plain.order_line.qty_delivered, 2)

        vehicle_order = self._signed_vehicle_order()
        self._deliver_as(self.stock_user, vehicle_order)
        self.assertEqual(vehicle_order.auto_contract_state, "delivered", "the contract follows its delivery")

        # a return of the plain delivery, through Odoo's return wizard
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.stock_user)
            .with_context(active_id=picking.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = 1
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"]).with_user(self.stock_user)
        returned.move_ids.quantity = 1
        returned.move_ids.picked = True
        returned.button_validate()
        self.assertEqual(returned.state, "done")
        self.assertEqual(plain.order_line.qty_delivered, 1)

    def test_billing_user_without_dealership_role(self):
        """Odoo's invoicing user: invoices a delivered plain order, registers payments on both kinds."""
        plain = self._plain_order()
        plain.action_confirm()
        self._deliver_as(self.stock_user, plain)
        invoice = plain.with_user(self.billing)._create_invoices()
        invoice.action_post()
        self._pay(invoice.with_user(self.billing), invoice.amount_total)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

        vehicle_order = self._signed_vehicle_order()
        vehicle_invoice = self._invoice(vehicle_order)
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.billing)
            .with_context(active_model="account.move", active_ids=vehicle_invoice.ids)
            .create({"amount": 20000.0})
        )
        wizard._create_payments()
        self.assertEqual(vehicle_order.auto_amount_paid, 20000.0)
        self.assertEqual(vehicle_order.auto_contract_state, "in_execution", "the contract follows its payments")


@tagged("post_install", "-at_install")
class TestPortalCustomer(OdooUsersCase, HttpCase):
    def test_portal_customer_opens_orders_and_deliveries(self):
        """The customer opens their vehicle contract and their plain order, and their deliveries, in the portal."""
        partner = self.portal.partner_id
        plain = self._plain_order(partner=partner)
        plain.action_confirm()
        self._deliver_as(self.stock_user, plain)
        vehicle_order = self._signed_vehicle_order(partner=partner)
        self._deliver_as(self.stock_user, vehicle_order)
        self.assertEqual(vehicle_order.auto_contract_state, "delivered")
        self.authenticate("odoo_portal", "odoo_portal")
        response = self.url_open("/my/orders")
        self.assertEqual(response.status_code, 200)
        self.assertIn(vehicle_order.name, response.text)
        self.assertIn(plain.name, response.text)
        for order in plain | vehicle_order:
            response = self.url_open(f"/my/orders/{order.id}")
            self.assertEqual(response.status_code, 200, order.name)
            self.assertIn(order.name, response.text)
            self.assertIn(order.picking_ids.name, response.text, "the delivery is listed on the order")
        # what the portal reads, read as the portal user
        for order in (plain | vehicle_order).with_user(self.portal):
            order.read(["name", "amount_total", "state", "picking_ids", "invoice_ids"])
            order.picking_ids.read(["name", "state", "date_done"])


@tagged("post_install", "-at_install")
class TestOdooIntegrations(OdooUsersCase):
    def test_integrations_read_autocrm_fields(self):
        """An integration logged in as an Odoo user reads the fields AutoCRM adds to Odoo's models (those the
        user may read, as ``fields_get`` lists them): none of them turns that into an Access Error.

        (Reading *every* field is not Odoo's own contract: Odoo's fields such as a product's purchase lines
        or a contact's invoices already refuse such users.)"""
        order = self._signed_vehicle_order(user=self.salesman)
        self.env.invalidate_all()
        lead = self.env["crm.lead"].create(
            {
                "name": "Qin PLUS enquiry",
                "type": "opportunity",
                "user_id": self.salesman.id,
                "auto_grade_id": self.grade_h.id,
            }
        )
        cases = [
            (self.salesman, order),
            (self.salesman, order.order_line),
            (self.salesman, lead),
            (self.billing, order),
            (self.billing, order.order_line),
            (self.stock_user, order.picking_ids.move_ids.move_line_ids),
            (self.stock_user, self.lot1),
            (self.stock_user, self.product),
            (self.salesman, self.product.product_tmpl_id),
            (self.salesman, self.customer),
            (self.billing, self.customer),
            (self.stock_user, self.customer2),
        ]
        for user, records in cases:
            with self.subTest(user=user.login, model=records._name):
                records = records.with_user(user)
                readable = records.fields_get(attributes=["type"])
                names = [
                    name
                    for name, field in records._fields.items()
                    if name in readable and (field._module or "").startswith("auto_crm")
                ]
                if not names:
                    continue
                records.invalidate_recordset()
                values = records.read(names)
                self.assertEqual(len(values), len(records))

    def test_odoo_users_open_contacts(self):
        """The contact form of a dealership customer opens for Odoo's other users, without the Dealership page."""
        for user in (self.salesman, self.billing):
            with self.subTest(user=user.login):
                form = Form(self.customer.with_user(user))
                self.assertEqual(form.name, self.customer.name)
                self.assertNotIn("auto_vehicle_ids", form._view["fields"])
        consultant_form = Form(self.customer.with_user(self.consultant))
        self.assertIn(
            "auto_vehicle_ids", consultant_form._view["fields"], "the dealership's staff see the customer 360"
        )
