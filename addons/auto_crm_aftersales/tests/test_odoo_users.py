"""A repair user of Odoo's own repair app, without a dealership role, keeps working on repairs.

In Odoo 18 the repair app is used with the warehouse user group: such a user does not hold a Dealership
role and cannot read follow-ups, plans or the vehicle registry, yet finishes repairs that AutoCRM hooks into.
"""

from odoo.tests import Form, new_test_user, tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestOdooRepairUser(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair_user = new_test_user(
            cls.env, login="odoo_repair_user", name="Odoo Repair User", groups="stock.group_stock_user"
        )

    def _walk(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")

    def test_plain_repair_done_without_return_visit(self):
        """A repair without a vehicle (Odoo's own repair app) is finished as in Odoo, with no dealership work."""
        env = self.env(user=self.repair_user)
        form = Form(env["repair.order"])
        form.partner_id = self.customer2
        repair = form.save()
        self._walk(repair)
        self.assertTrue(repair.auto_date_done)
        self.assertFalse(repair.sudo().auto_followup_ids, "no return visit for a repair of Odoo's own app")

    def test_vehicle_repair_done_by_odoo_repair_user(self):
        """A service order of the workshop, finished by a repair user without a role: the return visit still comes."""
        repair = self._order(auto_mileage_in=9000)
        repair = repair.with_user(self.repair_user)
        Form(repair)  # the repair form opens
        self._walk(repair)
        visit = repair.sudo().auto_followup_ids
        self.assertEqual(len(visit), 1, "the return visit is scheduled whoever finishes the order")
        self.assertEqual(visit.user_id, self.relations)

    def test_copy_service_order(self):
        """Odoo's repair user duplicates a service order as in Odoo; the workshop's copy keeps its labour."""
        repair = self._order(auto_mileage_in=9000)
        repair.auto_labour_line_ids = [(0, 0, {"name": "Oil change", "hours": 1.5, "hourly_rate": 200})]
        plain_copy = repair.with_user(self.repair_user).copy()
        self.assertFalse(plain_copy.sudo().auto_labour_line_ids, "no labour copied by a user who cannot see it")
        advisor_copy = repair.with_user(self.advisor).copy()
        self.assertEqual(advisor_copy.auto_labour_line_ids.mapped("name"), ["Oil change"])
        self.assertEqual(advisor_copy.auto_amount_labour, 300)
