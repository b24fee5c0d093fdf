from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import AutoCrmCustomerCase
from .legacy import legacy_job

HEADER = "车架号,原车主手机,原车主姓名,新车主手机,新车主姓名,过户日期\n"


@tagged("post_install", "-at_install")
class TestLegacyOwnership(AutoCrmCustomerCase):
    """Ownership history of the legacy system (车辆过户记录): onto the vehicle's ownership lines, the latest
    transfer giving the vehicle its owner; a second import changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.gm = new_test_user(
            cls.env, login="own_gm", groups="auto_crm_customer.group_dealership_manager", lang="zh_CN"
        )
        cls.customer3 = cls.env["res.partner"].create(
            {"name": "赵敏", "auto_customer_type": "individual", "mobile": "13700137001"}
        )
        Vehicle = cls.env["auto.vehicle"]
        cls.vehicle = Vehicle.create(
            {"vin": cls._vin("LGXCE6CB", 11), "partner_id": cls.customer.id, "purchase_date": date(2019, 1, 10)}
        )
        cls.vehicle2 = Vehicle.create(
            {"vin": cls._vin("LGXCE6CB", 12), "partner_id": cls.customer2.id, "purchase_date": date(2020, 5, 1)}
        )

    def _job(self, text, batch_size=1000):
        return legacy_job(self.env, self.gm, "ownership", text, "ownership.csv", batch_size)

    @freeze_time("2025-03-01")
    def test_ownership_import(self):
        v1, v2 = self.vehicle.vin, self.vehicle2.vin
        text = HEADER + (
            f"{v1},13700137001,赵敏,13900139000,王芳,2021-06-01\n"  # 2 the earlier transfer first in the file
            f"{v1},13900139000,王芳,13800138000,张伟,2023-02-01\n"  # 3 to the current owner
            f"{v2},13800138000,张伟,13900139000,王芳,2022-03-03\n"  # 4
            f"{v2},13900139000,王芳,13800138000,张伟,2024-09-09\n"  # 5 the vehicle goes to a new owner
            f"LGXCE6CB0P0999999,13800138000,张伟,13900139000,王芳,2022-01-01\n"  # 6 not a valid VIN
            f"{self._vin('LGXCE6CB', 99)},13800138000,张伟,13900139000,王芳,2022-01-01\n"  # 7 no such vehicle
            f"{v1},13000000009,,13900139000,王芳,2022-01-01\n"  # 8 unknown previous owner
            f"{v1},13800138000,张伟,13900139000,李雷,2022-01-01\n"  # 9 new owner's name is not the mobile's
            f"{v1},13800138000,张伟,13800138000,张伟,2022-01-01\n"  # 10 to oneself
            f"{v1},13800138000,张伟,13900139000,王芳,2099-01-01\n"  # 11 in the future
            f"{v1},13800138000,张伟,13900139000,王芳,2022-02-30\n"  # 12 not a date
        )
        job = self._job(text)
        job.action_validate()
        self.assertEqual(len(self.vehicle.ownership_ids), 1, "a validation writes nothing")
        refusals = {line.row_number: line.column for line in job.line_ids}
        self.assertEqual(
            refusals,
            {
                6: "车架号",
                7: "车架号",
                8: "原车主手机",
                9: "新车主姓名",
                10: "新车主手机",
                11: "过户日期",
                12: "过户日期",
            },
        )
        self.assertIn("车架号", job.line_ids.filtered(lambda line: line.row_number == 7).reason)
        self.assertEqual((job.create_count, job.refuse_count, job.row_count), (4, 7, 11))

        reminder = self.env["auto.followup"].create(
            {
                "name": "保养提醒",
                "partner_id": self.customer2.id,
                "vehicle_id": self.vehicle2.id,
                "date_scheduled": "2025-04-01",
            }
        )
        job.action_import()
        self.assertEqual(job.state, "done")
        self.assertEqual(reminder.partner_id, self.customer, "the car's reminder goes to its new owner")
        lines = self.vehicle.ownership_ids.sorted("date_start")
        self.assertEqual(
            [(line.partner_id, str(line.date_start), str(line.date_end or "")) for line in lines],
            [
                (self.customer3, "2019-01-10", "2021-06-01"),
                (self.customer2, "2021-06-01", "2023-02-01"),
                (self.customer, "2023-02-01", ""),
            ],
        )
        self.assertEqual(self.vehicle.partner_id, self.customer)
        lines2 = self.vehicle2.ownership_ids.sorted("date_start")
        self.assertEqual(self.vehicle2.partner_id, self.customer, "the latest transfer gives the vehicle its owner")
        self.assertEqual(lines2.partner_id.mapped("name"), ["张伟", "王芳"])
        self.assertEqual(len(lines2), 3)  # 张伟, then 王芳 (the registered owner), then 张伟 again
        self.assertFalse(lines2[-1].date_end)
        self.assertEqual(str(lines2[-2].date_end), "2024-09-09")

        again = self._job(text)
        again.action_import()
        self.assertEqual((again.create_count, again.unchanged_count, again.refuse_count), (0, 4, 7))
        self.assertEqual(len(self.vehicle.ownership_ids), 3, "importing the same file twice changes nothing")
        self.assertEqual(len(self.vehicle2.ownership_ids), 3)
