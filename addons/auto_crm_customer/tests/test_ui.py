from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env,
            login="tour_consultant",
            name="Tour Consultant",
            groups="auto_crm_customer.group_sales_consultant",
        )
        other = new_test_user(
            cls.env, login="tour_other", name="Other Consultant", groups="auto_crm_customer.group_sales_consultant"
        )
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "Tour Owner",
                "auto_customer_type": "individual",
                "mobile": "13800138000",
                "user_id": other.id,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "auto_customer_type": "individual",
                "mobile": "13900139001",
                "user_id": cls.consultant.id,
            }
        )

    def test_duplicate_mobile_tour(self):
        count = self.env["res.partner"].search_count([("auto_customer_type", "!=", False)])
        self.start_tour("/odoo", "auto_crm_customer_duplicate_mobile", login="tour_consultant")
        self.assertEqual(self.env["res.partner"].search_count([("auto_customer_type", "!=", False)]), count)

    def test_followup_done_tour(self):
        plan = self.env["auto.followup.plan"].create(
            {
                "name": "Tour plan",
                "step_ids": [(0, 0, {"name": "Tour thank-you call", "offset_days": 0})],
            }
        )
        followup = self.env["auto.followup"]._schedule(
            plan,
            [
                {"partner_id": self.customer.id, "user_id": self.consultant.id, "trigger_date": date.today()},
            ],
        )
        followup._open_now_if_due()
        self.start_tour("/odoo", "auto_crm_customer_followup_done", login="tour_consultant")
        self.assertEqual(followup.state, "done")
        self.assertEqual(followup.outcome, "reached")
        self.assertEqual(followup.note, "Customer happy, booked the first service")
