from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestAccess(AutoCrmCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls.env["auto.vehicle"].create(
            {
                "vin": cls._vin("LVGBE40K", 1),
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
            }
        )
        cls.vehicle2 = cls.env["auto.vehicle"].create(
            {
                "vin": cls._vin("LVGBE40K", 2),
                "partner_id": cls.customer2.id,
                "user_id": cls.consultant2.id,
            }
        )
        cls.stock_vehicle = cls.env["auto.vehicle"].create({"vin": cls._vin("LVGBE40K", 3)})
        cls.plan = cls.env.ref("auto_crm_customer.auto_followup_plan_birthday")
        cls.followups = cls.env["auto.followup"]._schedule(
            cls.plan,
            [
                {"partner_id": cls.customer.id, "user_id": cls.consultant.id, "trigger_date": "2030-01-01"},
                {"partner_id": cls.customer2.id, "user_id": cls.consultant2.id, "trigger_date": "2030-01-01"},
            ],
        )

    def test_consultant_sees_only_own_customers(self):
        Partner = self.env["res.partner"].with_user(self.consultant)
        visible = Partner.search([("id", "in", (self.customer + self.customer2).ids)])
        self.assertEqual(visible, self.customer)
        with self.assertRaises(AccessError):
            self.customer2.with_user(self.consultant).read(["name", "mobile"])
        with self.assertRaises(AccessError):
            self.customer2.with_user(self.consultant).write({"name": "stolen"})
        # contacts that are not dealership customers are not hidden
        self.assertTrue(self.env.user.partner_id.with_user(self.consultant).read(["name"]))

    def test_consultant_vehicles_and_followups(self):
        Vehicle = self.env["auto.vehicle"].with_user(self.consultant)
        visible = Vehicle.search([("id", "in", (self.vehicle + self.vehicle2 + self.stock_vehicle).ids)])
        self.assertEqual(visible, self.vehicle + self.stock_vehicle, "own customers' vehicles and dealer stock")
        Followup = self.env["auto.followup"].with_user(self.consultant)
        self.assertEqual(Followup.search([("id", "in", self.followups.ids)]).partner_id, self.customer)

    def test_managers_and_advisors_see_all(self):
        for user in (self.manager, self.advisor):
            self.assertEqual(
                len(
                    self.env["res.partner"].with_user(user).search([("id", "in", (self.customer + self.customer2).ids)])
                ),
                2,
                user.name,
            )
            self.assertEqual(
                len(
                    self.env["auto.vehicle"].with_user(user).search([("id", "in", (self.vehicle + self.vehicle2).ids)])
                ),
                2,
            )

    def test_export_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.consultant).export_data(["name", "mobile"])
        data = self.customer.with_user(self.manager).export_data(["name", "mobile"])
        self.assertEqual(data["datas"], [["张伟", "13800138000"]])

    def test_consultant_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["auto.followup.plan"].with_user(self.consultant).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["auto.customer.reassign.wizard"].with_user(self.consultant).create(
                {
                    "user_from_id": self.consultant2.id,
                    "user_to_id": self.consultant.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["auto.customer.value"].with_user(self.consultant).create(
                {
                    "partner_id": self.customer.id,
                    "amount": 1.0,
                }
            )

    def test_reassign_wizard_hands_everything_over(self):
        self.followups._open_now_if_due()
        wizard = (
            self.env["auto.customer.reassign.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "user_from_id": self.consultant2.id,
                    "user_to_id": self.consultant.id,
                }
            )
        )
        self.assertEqual((wizard.customer_count, wizard.vehicle_count, wizard.followup_count), (1, 1, 1))
        wizard.action_reassign()
        self.assertEqual(self.customer2.user_id, self.consultant)
        self.assertEqual(self.vehicle2.user_id, self.consultant)
        self.assertEqual(self.followups.mapped("user_id"), self.consultant)
        visible = (
            self.env["res.partner"]
            .with_user(self.consultant)
            .search([("id", "in", (self.customer + self.customer2).ids)])
        )
        self.assertEqual(len(visible), 2, "the new consultant now sees the handed-over customer")
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.consultant2)
            .search([("id", "in", (self.customer + self.customer2).ids)])
        )

    def test_multi_company_vehicles(self):
        other_company = self.env["res.company"].create({"name": "Chongqing 4S Store"})
        other_vehicle = self.env["auto.vehicle"].create(
            {"vin": self._vin("LVGBE40K", 4), "company_id": other_company.id}
        )
        self.assertFalse(self.env["auto.vehicle"].with_user(self.manager).search([("id", "=", other_vehicle.id)]))
        self.manager.company_ids = [(4, other_company.id)]
        self.assertTrue(
            self.env["auto.vehicle"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.env.company.id, other_company.id])
            .search([("id", "=", other_vehicle.id)])
        )
