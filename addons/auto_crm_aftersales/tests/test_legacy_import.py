from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_customer.tests.legacy import legacy_job

from .common import AftersalesCase

HEADER = "工单号,行号,车架号,日期,进厂里程,类型,项目,金额\n"


@tagged("post_install", "-at_install")
class TestLegacyServiceHistory(AftersalesCase):
    """Service history of the legacy system (历史维修记录): light lines on the vehicle, the odometer, the customer's
    value and the next maintenance reminder derived from them; a second import changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.gm = new_test_user(
            cls.env, login="li_as_gm", groups="auto_crm_customer.group_dealership_manager", lang="zh_CN"
        )

    def _file(self):
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        return HEADER + (
            f"WX001,1,{v1},2024-07-10,5000,保养,更换机油机滤,480.00\n"  # 2
            f"WX001,2,{v1},2024-07-10,5000,保养,更换空气滤芯,¥120\n"  # 3
            f"WX002,1,{v2},2023/3/5,30000,维修,更换刹车片,860\n"  # 4
            f"WX003,1,LGXC16DF0P0999999,2024-01-01,100,保养,更换机油机滤,480\n"  # 5 unknown VIN
            f"WX004,1,{v1},2024-02-30,4000,保养,更换机油机滤,480\n"  # 6 not a date
            f"WX005,1,{v1},2099-01-01,9000,保养,更换机油机滤,480\n"  # 7 in the future
            f"WX006,1,{v2},2023-06-01,100,维修,更换雨刮,80\n"  # 8 mileage going back
            f"WX007,1,{v2},2023-06-01,31000,维修,更换雨刮,八十\n"  # 9 not an amount
            f"WX008,1,{v2},2023-06-01,31000,洗车,精洗,80\n"  # 10 unknown type
            f"WX009,1,{v2},2023-06-01,31000,维修,,80\n"  # 11 no work
        )

    def _job(self):
        return legacy_job(self.env, self.gm, "service_history", self._file(), "x.csv")

    @freeze_time("2025-03-01")
    def test_service_history_import(self):
        History = self.env["auto.service.history"]
        job = self._job()
        job.action_validate()
        self.assertFalse(History.search([("vehicle_id", "in", (self.vehicle | self.vehicle2).ids)]))
        refusals = {line.row_number: line.column for line in job.line_ids}
        self.assertEqual(
            refusals, {5: "车架号", 6: "日期", 7: "日期", 8: "进厂里程", 9: "金额", 10: "类型", 11: "项目"}
        )
        self.assertIn("里程", job.line_ids.filtered(lambda line: line.row_number == 8).reason)
        self.assertIn("不是日期", job.line_ids.filtered(lambda line: line.row_number == 6).reason)
        # through the API without a context, the reasons are in the general manager's language all the same
        by_api = self._job().with_context(lang=None)
        by_api.action_validate()
        self.assertEqual(
            by_api.line_ids.filtered(lambda line: line.row_number in (6, 8)).mapped("reason"),
            job.line_ids.filtered(lambda line: line.row_number in (6, 8)).mapped("reason"),
        )
        self.assertEqual((job.create_count, job.refuse_count, job.row_count), (3, 7, 10))

        job.action_import()
        lines = self.vehicle.service_history_ids
        self.assertEqual(sorted(lines.mapped("description")), ["更换机油机滤", "更换空气滤芯"])
        self.assertEqual(sum(lines.mapped("amount")), 600.0)
        self.assertEqual(self.vehicle2.service_history_ids.service_type, "repair")
        # the odometer, the next service and its reminder follow from the imported maintenance
        self.assertEqual(self.vehicle.mileage, 5000)
        self.assertEqual(str(self.vehicle.last_service_date), "2024-07-10")
        self.assertTrue(self.vehicle.next_service_date)
        reminders = self.env["auto.followup"].search(
            [("vehicle_id", "=", self.vehicle.id), ("plan_id.purpose", "=", "maintenance_reminder")]
        )
        self.assertTrue(reminders, "the maintenance reminder is scheduled from the imported history")
        # the customer's value: one record per legacy order, and the tiers recomputed
        values = self.env["auto.customer.value"].search([("res_model", "=", "auto.service.history")])
        self.assertEqual(sorted(values.mapped("amount")), [600.0, 860.0])
        self.assertTrue(self.customer.auto_customer_tier)
        # ...and the customers' lifetime value counts them (derived once, at the end of the import)
        owners = (self.vehicle | self.vehicle2).partner_id.commercial_partner_id
        owners.invalidate_recordset(["auto_lifetime_value", "auto_last_value_date"])
        for owner in owners:
            own = self.env["auto.customer.value"].search([("partner_id", "=", owner.id)])
            self.assertEqual(owner.auto_lifetime_value, sum(own.mapped("amount")))
            self.assertEqual(owner.auto_last_value_date, max(own.mapped("date")))
        self.assertEqual(values.partner_id, owners)

        again = self._job()
        again.action_import()
        self.assertEqual((again.create_count, again.unchanged_count, again.refuse_count), (0, 3, 7))
        self.assertEqual(len(self.vehicle.service_history_ids), 2, "importing the same file twice changes nothing")
        self.assertEqual(self.env["auto.customer.value"].search_count([("res_model", "=", "auto.service.history")]), 2)

    def test_a_service_due_months_ahead_is_left_to_the_daily_rule(self):
        """A car serviced last month is next due in a year: the import does not make its reminders now. The
        daily "Maintenance due" rule does, when the service comes within its window, and gives the call to the
        car's consultant of that day. Where no such rule runs, the import reminds it at once."""
        rule = self.env.ref("auto_crm_aftersales.auto_followup_rule_maintenance_due")
        rule.active = True
        plan = self.env["auto.followup.plan"]._for_purpose("maintenance_reminder", self.vehicle.company_id)
        Followup = self.env["auto.followup"]
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        with freeze_time("2025-03-01"):
            job = legacy_job(
                self.env, self.gm, "service_history", HEADER + f"WX301,1,{v1},2025-02-01,8000,保养,保养,480\n"
            )
            job.action_import()
            self.assertEqual(job.create_count, 1)
            self.assertEqual(str(self.vehicle.next_service_date), "2026-02-01")
            self.assertFalse(
                Followup.search([("vehicle_id", "=", self.vehicle.id), ("plan_id", "=", plan.id)]),
                "no call planned eleven months ahead",
            )
        # the consultant who looks after the car changes before its service comes near
        self.vehicle.user_id = self.advisor2
        with freeze_time("2026-01-10"):
            Followup._apply_rules()
            self.assertFalse(Followup.search([("vehicle_id", "=", self.vehicle.id), ("plan_id", "=", plan.id)]))
        with freeze_time("2026-01-18"):
            Followup._apply_rules()
            reminders = Followup.search([("vehicle_id", "=", self.vehicle.id), ("plan_id", "=", plan.id)])
            self.assertEqual(len(reminders), len(plan.step_ids), "the rule reminds it 14 days ahead")
            self.assertEqual(set(reminders.mapped("trigger_date")), {self.vehicle.next_service_date})
            self.assertEqual(str(reminders[:1].date_scheduled), "2026-01-18")
            self.assertEqual(reminders.user_id, self.advisor2)
        # where no "Maintenance due" rule runs, the import is the only one to remind it
        rule.active = False
        with freeze_time("2025-03-01"):
            job = legacy_job(
                self.env, self.gm, "service_history", HEADER + f"WX302,1,{v2},2025-02-01,40000,保养,保养,480\n"
            )
            job.action_import()
            reminders = Followup.search([("vehicle_id", "=", self.vehicle2.id), ("plan_id", "=", plan.id)])
            self.assertEqual(len(reminders), len(plan.step_ids))
            self.assertEqual(str(reminders[:1].trigger_date), "2026-02-01")

    def test_advisors_read_the_history_but_do_not_import(self):
        self.env["auto.service.history"].create(
            {
                "vehicle_id": self.vehicle.id,
                "order_ref": "WX100",
                "date": "2024-01-01",
                "description": "更换机油",
                "legacy_key": "WX100/1",
            }
        )
        self.assertEqual(len(self.vehicle.with_user(self.advisor).service_history_ids), 1)
        with self.assertRaises(AccessError):
            self.env["auto.legacy.import"].with_user(self.service_manager).create({"template": "service_history"})

    @freeze_time("2025-03-01")
    def test_a_file_sorted_by_date_spreads_a_vehicle_over_batches(self):
        """Legacy systems export by date: a vehicle's lines fall in several batches. Its odometer gets the first
        and the last mileage of the whole import, its next service one set of reminders (not one per batch),
        and a mileage going back against a line of an earlier batch is refused. A car whose service is overdue
        by more than a year is lapsed: no reminder."""
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        data = HEADER + (
            f"WX101,1,{v1},2023-01-10,3000,保养,更换机油机滤,480\n"  # 2, batch 1
            f"WX102,1,{v2},2023-02-01,20000,维修,更换刹车片,860\n"  # 3, batch 1
            f"WX103,1,{v2},2023-01-05,19000,保养,更换机油机滤,480\n"  # 4, batch 2
            f"WX104,1,{v1},2024-01-12,9000,保养,更换机油机滤,480\n"  # 5, batch 2
            f"WX105,1,{v1},2024-06-01,8000,维修,更换雨刮,80\n"  # 6, batch 3: goes back against row 5
            f'WX106,1,{v1},2024-09-01,12000,维修,"更换雨刮\\后\t左",80\n'  # 7, batch 3: a backslash, a tab
        )
        job = legacy_job(self.env, self.gm, "service_history", data, "by_date.csv", batch_size=2)
        job.action_import()
        self.assertEqual((job.create_count, job.refuse_count), (5, 1))
        refusal = job.line_ids
        self.assertEqual((refusal.row_number, refusal.column), (6, "进厂里程"))
        self.assertIn("9000", refusal.reason)
        lines = self.env["auto.service.history"].search([("import_id", "=", job.id)])
        self.assertEqual(len(lines), 5, "each line records the import that brought it")
        self.assertIn("更换雨刮\\后\t左", lines.mapped("description"), "written as it was, escapes and all")
        readings = self.env["auto.vehicle.odometer"].search(
            [("vehicle_id", "=", self.vehicle.id), ("source", "=", "import")]
        )
        self.assertEqual(sorted(readings.mapped("value")), [3000, 12000], "the first and the last of the import")
        self.assertEqual(self.vehicle.mileage, 12000)
        self.assertEqual(str(self.vehicle.last_service_date), "2024-01-12")
        plan = self.env["auto.followup.plan"]._for_purpose("maintenance_reminder", self.vehicle.company_id)
        reminders = self.env["auto.followup"].search([("vehicle_id", "=", self.vehicle.id), ("plan_id", "=", plan.id)])
        self.assertEqual(len(reminders), len(plan.step_ids), "one set of reminders, for the service due now")
        self.assertEqual(len(set(reminders.mapped("trigger_date"))), 1)
        self.assertEqual(reminders[:1].trigger_date, self.vehicle.next_service_date)
        self.assertEqual(str(self.vehicle2.next_service_date), "2024-01-05")
        self.assertFalse(
            self.env["auto.followup"].search([("vehicle_id", "=", self.vehicle2.id), ("plan_id", "=", plan.id)]),
            "a service overdue by more than a year is not reminded: the owner is lapsed",
        )
