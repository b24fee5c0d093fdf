from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

from .common import AutoCrmSalesCase

APP_ADMINS = (
    "account.group_account_manager",
    "stock.group_stock_manager",
    "purchase.group_purchase_manager",
    "sales_team.group_sale_manager",
    "base.group_erp_manager",
    "base.group_system",
)


@tagged("post_install", "-at_install")
class TestSalesRoles(RoleAssertions, AutoCrmSalesCase):
    """The sales side of the role matrix, with users made from their role as the dealership creates them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a = cls.env["crm.team"].create({"name": "Showroom A"})
        cls.team_b = cls.env["crm.team"].create({"name": "Showroom B"})

    def test_sales_consultant_quotes_without_accounting_or_stock_rights(self):
        user = self.make_role_user("auto_crm_customer.group_sales_consultant", "role_sales_consultant")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_sales_consultant",
            holds=["sales_team.group_sale_salesman"],
            lacks=[
                "sales_team.group_sale_salesman_all_leads",
                "account.group_account_invoice",
                "account.group_account_readonly",
                "stock.group_stock_user",
                "purchase.group_purchase_user",
                *APP_ADMINS,
            ],
        )
        self.assertModelRights(
            user,
            {
                "crm.lead": "rwc",
                # as Odoo's salesman: a quotation is cancelled, not deleted (the sales administrator deletes)
                "sale.order": "rwc",
                "auto.test.drive": "rwc",
                "stock.lot": "r",  # the VIN picker of the quotation
                "auto.lead.grade": "r",
                "auto.vehicle.profit.report": "",
                "account.journal": "r",
                "stock.quant": "r",
                "purchase.order": "",
            },
        )
        # a consultant does not read the invoices of another consultant's customers
        other = self._sign(self._order(self.lot2, partner=self.customer2, user=self.consultant2))
        invoice = self._invoice(other)
        self.assertCannotRead(user, invoice)

    def test_sales_manager_sees_own_team_only(self):
        manager = self.make_role_user("auto_crm_customer.group_sales_manager", "role_team_manager")
        self.assertExactRole(
            manager,
            "auto_crm_customer.group_sales_manager",
            holds=["sales_team.group_sale_salesman", "base.group_allow_export"],
            lacks=["sales_team.group_sale_salesman_all_leads", "auto_crm_sales.group_finance", *APP_ADMINS],
        )
        self.team_a.write({"user_id": manager.id, "member_ids": [Command.link(self.consultant.id)]})
        self.team_b.write({"member_ids": [Command.link(self.consultant2.id)]})
        own = self._order(self.lot1, user=self.consultant)
        other = self._order(self.lot2, partner=self.customer2, user=self.consultant2)
        self.assertEqual((own.team_id, other.team_id), (self.team_a, self.team_b))
        own.action_auto_generate_payment_plan()
        other.action_auto_generate_payment_plan()
        lead_own = self.env["crm.lead"].create({"name": "A", "user_id": self.consultant.id})
        lead_other = self.env["crm.lead"].create({"name": "B", "user_id": self.consultant2.id})
        env = self.env(user=manager)
        orders = own | other
        self.assertEqual(env["sale.order"].search([("id", "in", orders.ids)]), own)
        self.assertEqual(env["sale.order.line"].search([("order_id", "in", orders.ids)]).order_id, own)
        self.assertEqual(env["crm.lead"].search([("id", "in", (lead_own | lead_other).ids)]), lead_own)
        self.assertEqual(env["auto.payment.plan.line"].search([("order_id", "in", orders.ids)]).order_id, own)
        self.assertTrue(env["sale.report"].search([("team_id", "=", self.team_a.id)]))
        self.assertFalse(env["sale.report"].search([("team_id", "=", self.team_b.id)]))
        self.assertCannotRead(manager, other)
        # moving the consultant to the manager's team shows their work at once
        self.team_b.member_ids = [Command.unlink(self.consultant2.id)]
        self.team_a.member_ids = [Command.link(self.consultant2.id)]
        other.team_id = self.team_a
        self.assertEqual(env["sale.order"].search([("id", "in", orders.ids)]), orders)

    def test_sales_manager_of_no_team_sees_the_showroom(self):
        """A one-team showroom sets no sales team: its manager sees every lead and order."""
        manager = self.make_role_user("auto_crm_customer.group_sales_manager", "role_single_manager")
        other = self._order(self.lot2, partner=self.customer2, user=self.consultant2)
        self.assertEqual(other.with_user(manager).read(["name"])[0]["name"], other.name)

    def test_finance_invoices_and_follows_receivables(self):
        user = self.make_role_user("auto_crm_sales.group_finance", "role_finance")
        self.assertExactRole(
            user,
            "auto_crm_sales.group_finance",
            holds=["account.group_account_invoice"],
            lacks=["sales_team.group_sale_salesman", "account.group_account_manager", *APP_ADMINS],
        )
        self.assertModelRights(
            user,
            {
                "account.move": "rwcu",
                "account.payment": "rwcu",
                "sale.order": "rw",
                "sale.advance.payment.inv": "rwc",  # invoices the contract from the order
                "auto.payment.plan.line": "r",
                "auto.receivable.report": "r",
                "auto.followup.plan": "r",  # the plan of a receivable reminder, shown on its form
                "auto.test.drive": "",
                "crm.lead": "",
            },
        )
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_sales.auto_receivable_report_action").id)
        # finance opens a receivable reminder given to it, as its form reads it, and sees what it is about
        order = self.env["sale.order"].search([("auto_payment_plan_line_ids", "!=", False)], limit=1)
        if order:
            line = order.auto_payment_plan_line_ids[0]
            reminder = self.env["auto.followup"].create(
                {
                    "name": "Call the lender",
                    "date_scheduled": line.due_date,
                    "payment_plan_line_id": line.id,
                    "plan_id": self.env.company.auto_receivable_plan_id.id,
                    "user_id": user.id,
                }
            )
            values = reminder.with_user(user).web_read(
                {"plan_id": {"fields": {"display_name": {}}}, "res_name": {}, "is_overdue": {}, "state": {}}
            )[0]
            self.assertIn(order.name, values["res_name"])

    def test_general_manager_sees_every_team(self):
        user = self.make_role_user("auto_crm_customer.group_dealership_manager", "role_sales_gm")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_dealership_manager",
            holds=["sales_team.group_sale_manager", "auto_crm_sales.group_finance"],
            lacks=["account.group_account_manager", "base.group_system"],
            front_line=False,
        )
        self.team_a.member_ids = [Command.link(self.consultant.id)]
        order = self._order(self.lot1, user=self.consultant)
        order.action_auto_generate_payment_plan()
        self.assertTrue(order.with_user(user).auto_payment_plan_line_ids)
        self.assertModelRights(user, {"auto.test.drive": "rwcu", "auto.vehicle.profit.report": "r"})
