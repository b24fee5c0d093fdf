from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo (every addon installed with demo data) is the dealership's own: its records belong to its staff,
    its service history has real mileage, and its follow-ups read in the language of who makes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant2 = cls.env.ref("auto_crm_customer.res_users_consultant2_demo", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.consultant2:
            self.skipTest("no demo data")

    def test_records_belong_to_the_dealership_staff(self):
        odoo_users = self.env.ref("base.user_demo") | self.env.ref("base.user_admin") | self.env.ref("base.user_root")
        customers = [("auto_customer_type", "!=", False)]
        owned = {
            "res.partner": customers,
            "auto.vehicle": [],
            "crm.lead": [("partner_id.auto_customer_type", "!=", False)],
            "auto.test.drive": [],
            "auto.followup": [],
            "sale.order": [("partner_id.auto_customer_type", "!=", False)],
            "repair.order": [("auto_vehicle_id", "!=", False)],
            "auto.service.appointment": [],
        }
        for model, domain in owned.items():
            with self.subTest(model=model):
                records = self.env[model].with_context(active_test=False).search(domain)
                self.assertTrue(records, "the demo has some")
                theirs = records.filtered(lambda record: record.user_id in odoo_users)
                self.assertFalse(theirs.mapped("display_name"), "owned by Odoo's own demo users")
        consultants = self.env.ref("auto_crm_customer.res_users_consultant_demo") | self.consultant2
        per_consultant = dict(self.env["res.partner"]._read_group(customers, ["user_id"], ["__count"]))
        self.assertEqual(set(per_consultant), set(consultants), "every customer has a consultant of the showroom")
        self.assertGreater(min(per_consultant.values()), 20, "shared between the two consultants")

    def test_service_history_has_increasing_mileage(self):
        orders = self.env["repair.order"].search(
            [
                (
                    "id",
                    "in",
                    [
                        self.env.ref(f"auto_crm_hr.repair_order_history_{key}_demo").id
                        for key in (
                            "zhang_wei_camry_m2",
                            "chen_jing_civic_m2",
                            "xu_ming_crv_m2",
                            "liu_yang_sagitar_m1",
                            "chen_jing_civic_m1",
                            "wu_tingting_levin_m1",
                            "sun_li_boyue_l_m1",
                        )
                    ],
                )
            ]
        )
        self.assertEqual(len(orders), 7)
        for order in orders:
            with self.subTest(order=order.name):
                self.assertGreater(order.auto_mileage_in, 5000)
                self.assertEqual(order.auto_date_received.date(), order.auto_date_done.date(), "received that day")
                self.assertEqual(order.auto_odometer_id.value, order.auto_mileage_in, "an odometer reading")
        for vehicle in orders.auto_vehicle_id:
            readings = vehicle.odometer_ids.sorted(lambda reading: (reading.date, reading.id))
            values = readings.mapped("value")
            self.assertEqual(values, sorted(values), f"the odometer of {vehicle.display_name} never goes back")
            self.assertEqual(vehicle.mileage, values[-1])

    def test_followups_read_in_the_language_of_who_makes_them(self):
        if not self.env["res.lang"]._lang_get("zh_CN").active:
            self.skipTest("demo loaded without Chinese")
        followups = self.env["auto.followup"].search([("user_id.lang", "=", "zh_CN"), ("plan_step_id", "!=", False)])
        self.assertTrue(followups)
        english = followups.filtered(
            lambda followup: (
                followup.plan_step_id.with_context(lang="zh_CN").name
                != followup.plan_step_id.with_context(lang="en_US").name
                and followup.name.startswith(followup.plan_step_id.with_context(lang="en_US").name)
            )
        )
        self.assertFalse(english.mapped("name"), "named after a step translated into Chinese, in English")
