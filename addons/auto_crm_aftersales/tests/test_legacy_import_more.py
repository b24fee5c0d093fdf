from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_customer.tests.legacy import legacy_job

from .common import AftersalesCase

FOLLOWUP_HEADER = "客户手机,客户姓名,车架号,跟进用途,到期日期,负责人账号,备注\n"
POLICY_HEADER = "车架号,类型,保险公司,保单号,开始日期,结束日期,金额\n"


@tagged("post_install", "-at_install")
class TestLegacyFollowupsAndPolicies(AftersalesCase):
    """Open follow-ups (未完成回访/跟进) through the follow-up engine, and warranty and insurance policies (保修/保险)
    onto the policies and the vehicle's warranty: good rows, each bad row refused, a second run that changes
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.gm = new_test_user(
            cls.env, login="li_as_gm2", groups="auto_crm_customer.group_dealership_manager", lang="zh_CN"
        )

    def _job(self, template, text):
        return legacy_job(self.env, self.gm, template, text)

    @freeze_time("2025-03-01")
    def test_open_followups(self):
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        text = FOLLOWUP_HEADER + (
            f"13800138000,张伟,{v1},maintenance_reminder,2025-04-01,as_sa2,客户希望周末到店\n"  # 2
            "139 0013 9000,王芳,,Appointment Reminder,2025-02-20,,\n"  # 3 already due: opened
            "13000000009,,,maintenance_reminder,2025-04-01,,\n"  # 4 no such customer
            "13800138000,李雷,,maintenance_reminder,2025-04-01,,\n"  # 5 not the customer's name
            f"13800138000,张伟,{v2},maintenance_reminder,2025-04-01,,\n"  # 6 someone else's vehicle
            "13800138000,张伟,,洗车提醒,2025-04-01,,\n"  # 7 no such purpose
            "13800138000,张伟,,maintenance_reminder,4月1日,,\n"  # 8 not a date
            "13800138000,张伟,,maintenance_reminder,2025-04-01,nobody,\n"  # 9 no such user
            f"13800138000,张伟,{v1},maintenance_reminder,2025-04-01,as_sa2,客户希望周末到店\n"  # 10 twice
        )
        Followup = self.env["auto.followup"]
        job = self._job("followup", text)
        job.action_validate()
        self.assertFalse(Followup.search([("trigger_key", "=like", "legacy:%")]), "a validation writes nothing")
        self.assertEqual(
            {line.row_number: line.column for line in job.line_ids},
            {4: "客户手机", 5: "客户姓名", 6: "车架号", 7: "跟进用途", 8: "到期日期", 9: "负责人账号"},
        )
        self.assertIn("王芳", job.line_ids.filtered(lambda line: line.row_number == 6).reason)
        self.assertEqual((job.create_count, job.unchanged_count, job.refuse_count), (2, 1, 6))

        job.action_import()
        created = Followup.search([("trigger_key", "=like", "legacy:%")])
        self.assertEqual(len(created), 2, "one follow-up per row: the first step of the purpose's plan")
        reminder = created.filtered("vehicle_id")
        self.assertEqual(reminder.plan_id.purpose, "maintenance_reminder")
        self.assertEqual((reminder.partner_id, reminder.user_id), (self.customer, self.advisor2))
        self.assertEqual(str(reminder.date_scheduled), "2025-04-01")
        self.assertIn("客户希望周末到店", reminder.script)
        self.assertEqual(reminder.state, "planned")
        appointment = created - reminder
        self.assertEqual(appointment.plan_id.purpose, "appointment_reminder")
        self.assertEqual(appointment.state, "open", "a follow-up already due is opened with its activity")

        again = self._job("followup", text)
        again.action_import()
        self.assertEqual((again.create_count, again.unchanged_count, again.refuse_count), (0, 3, 6))
        self.assertEqual(Followup.search_count([("trigger_key", "=like", "legacy:%")]), 2)

    @freeze_time("2025-03-01")
    def test_warranty_and_insurance_policies(self):
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        text = POLICY_HEADER + (
            f'{v1},商业险,中国人保,P001,2024-06-01,2025-05-31,"¥4,860"\n'  # 2
            f"{v1},交强险,中国人保,P002,2024-06-01,2025-05-31,950\n"  # 3
            f"{v2},延保,比亚迪,YB1,2020-01-10,2026-01-09,3800\n"  # 4 extended warranty
            f"{self._vin('LGXC16DF', 99)},商业险,平安,P003,2024-06-01,2025-05-31,950\n"  # 5 no such vehicle
            f"{v1},意外险,平安,P004,2024-06-01,2025-05-31,950\n"  # 6 no such type
            f"{v1},商业险,平安,P005,2025-06-01,2024-05-31,950\n"  # 7 ends before it starts
            f"{v1},商业险,平安,P006,2024-06-01,2025-05-31,四千\n"  # 8 not an amount
            f"{v1},商业险,,P007,2024-06-01,2025-05-31,950\n"  # 9 no insurer
            f"{v2},商业险,中国人保,P001,2024-06-01,2025-05-31,950\n"  # 10 the same policy again
            f"{v1},商业险,平安,P008,2024-13-01,2025-05-31,950\n"  # 11 not a date
        )
        Policy = self.env["auto.insurance.policy"]
        job = self._job("policy", text)
        job.action_validate()
        self.assertFalse(Policy.search([("vehicle_id", "in", (self.vehicle | self.vehicle2).ids)]))
        self.assertEqual(
            {line.row_number: line.column for line in job.line_ids},
            {5: "车架号", 6: "类型", 7: "结束日期", 8: "金额", 9: "保险公司", 10: "保单号", 11: "开始日期"},
        )
        self.assertEqual((job.create_count, job.update_count, job.refuse_count), (2, 1, 7))

        job.action_import()
        policies = Policy.search([("vehicle_id", "=", self.vehicle.id)])
        self.assertEqual(sorted(policies.mapped("name")), ["P001", "P002"])
        self.assertEqual(policies.insurer_id.name, "中国人保")
        self.assertEqual(sum(policies.mapped("premium")), 5810.0)
        self.assertEqual(str(self.vehicle.insurance_expiry_date), "2025-05-31", "the expiry follows the policies")
        self.assertEqual(str(self.vehicle2.warranty_end_date), "2026-01-09")
        self.assertTrue(self.vehicle2.in_warranty, "the warranty state follows from the imported warranty")

        again = self._job("policy", text)
        again.action_import()
        self.assertEqual(
            (again.create_count, again.update_count, again.unchanged_count, again.refuse_count), (0, 0, 3, 7)
        )
        self.assertEqual(Policy.search_count([("vehicle_id", "=", self.vehicle.id)]), 2)
