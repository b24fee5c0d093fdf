from odoo.tests import Form, TransactionCase, tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions
from odoo.addons.auto_crm_customer.tools.vin import vin_check_digit


@tagged("post_install", "-at_install")
class TestInventoryRoles(RoleAssertions, TransactionCase):
    """The stock side of the role matrix, with users made from their role."""

    def test_stock_clerk(self):
        user = self.make_role_user("auto_crm_inventory.group_stock_clerk", "role_stock_clerk")
        self.assertExactRole(
            user,
            "auto_crm_inventory.group_stock_clerk",
            holds=["stock.group_stock_user", "stock.group_production_lot"],
            lacks=[
                "stock.group_stock_manager",
                "purchase.group_purchase_user",
                "account.group_account_invoice",
                "sales_team.group_sale_salesman",
                "base.group_erp_manager",
            ],
        )
        self.assertModelRights(
            user,
            {
                "auto.stock.count": "rwc",
                "auto.vehicle": "rwc",
                "auto.alert.rule": "r",
                "stock.picking": "rwcu",
                "auto.vehicle.stock.report": "r",
                "auto.vehicle.odometer": "r",
                "purchase.order": "r",
            },
        )
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_inventory.auto_vehicle_action_stock").id)
        # the vehicle form opens for the clerk: every field it shows, its odometer readings included
        draft = "LGXCE4CC0P0000151"
        vehicle = self.env["auto.vehicle"].create({"vin": draft[:8] + vin_check_digit(draft) + draft[9:]})
        Form(vehicle.with_user(user))

    def test_inventory_manager(self):
        user = self.make_role_user("auto_crm_inventory.group_inventory_manager", "role_inventory_manager")
        self.assertExactRole(
            user,
            "auto_crm_inventory.group_inventory_manager",
            holds=["stock.group_stock_manager", "purchase.group_purchase_user", "auto_crm_inventory.group_stock_clerk"],
            lacks=["purchase.group_purchase_manager", "account.group_account_manager", "base.group_erp_manager"],
            front_line=False,
        )
        self.assertModelRights(user, {"auto.stock.count": "rwcu", "auto.alert.rule": "rwcu", "purchase.order": "rwcu"})
