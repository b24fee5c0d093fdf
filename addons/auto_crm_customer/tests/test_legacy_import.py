import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AutoCrmCustomerCase
from .legacy import import_interrupted_at_second_batch, legacy_job

CUSTOMER_HEADER = "姓名,手机,客户类型,微信,生日,来源,最近到店\n"
VEHICLE_HEADER = "车架号,车牌号,车主手机,车主姓名,车型,颜色,购车日期,当前里程,里程日期\n"


@tagged("post_install", "-at_install")
class TestLegacyImport(AutoCrmCustomerCase):
    """Legacy data import (数据迁移): a validation that writes nothing, an import in batches that resumes, a second
    run that changes nothing, every row ends as a record or a refusal with its reason in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.gm = new_test_user(
            cls.env,
            login="li_gm",
            name="General Manager Sun",
            groups="auto_crm_customer.group_dealership_manager",
            lang="zh_CN",
        )
        cls.vins = [cls._vin("LGXCE6CB", serial) for serial in range(1, 5)]

    def _job(self, template, text, filename="legacy.csv", batch_size=1000):
        return legacy_job(self.env, self.gm, template, text, filename, batch_size)

    def _refusals(self, job):
        return {line.row_number: (line.column, line.reason) for line in job.line_ids}

    def _customers_file(self):
        return CUSTOMER_HEADER + (
            "赵敏,13700137001,个人,zm01,1988-02-03,转介绍,2024/5/6\n"  # 2 created
            "钱进,137 0013 7002,企业,,,到店,\n"  # 3 created
            ",13700137003,个人,,,,\n"  # 4 no name
            "孙丽,1370013,个人,,,,\n"  # 5 bad mobile
            "张伟,+86 138 0013 8000,个人,zw_wechat,,,\n"  # 6 merged onto the existing 张伟 (WeChat filled)
            "李雷,13800138000,个人,,,,\n"  # 7 mobile of 张伟, other name
            "周杰,13700137004,个人,,2099-01-01,,\n"  # 8 birthday in the future
            "吴天,13700137005,外星人,,,,\n"  # 9 unknown type
            "赵敏,13700137001,个人,,,,\n"  # 10 twice in the file, same name
        )

    def test_customers_validate_import_and_again(self):
        Partner = self.env["res.partner"]
        job = self._job("customer", self._customers_file())
        before = Partner.search_count([])
        job.action_validate()
        self.assertEqual(job.state, "validated")
        self.assertEqual(Partner.search_count([]), before, "a validation writes nothing")
        self.assertEqual(
            (job.row_count, job.create_count, job.merge_count, job.unchanged_count, job.refuse_count), (9, 2, 1, 1, 5)
        )
        refusals = self._refusals(job)
        self.assertEqual(set(refusals), {4, 5, 7, 8, 9})
        self.assertEqual(refusals[4][0], "姓名")
        self.assertEqual(refusals[5][0], "手机")
        self.assertIn("手机", refusals[5][1], "the reason is in the user's language (zh_CN)")
        self.assertIn("张伟", refusals[7][1])
        self.assertEqual(refusals[8][0], "生日")
        self.assertEqual(refusals[9][0], "客户类型")

        job.action_import()
        self.assertEqual(job.state, "done")
        self.assertEqual(Partner.search_count([]), before + 2)
        zhao = Partner.search([("mobile", "=", "13700137001")])
        self.assertEqual(
            (zhao.name, zhao.auto_source_channel, str(zhao.auto_birthday)), ("赵敏", "referral", "1988-02-03")
        )
        self.assertEqual(Partner.search([("mobile", "=", "13700137002")]).auto_customer_type, "company")
        self.assertEqual(self.customer.auto_wechat_id, "zw_wechat", "merged: what the customer lacked is filled in")
        self.assertEqual(self.customer.name, "张伟")
        self.assertTrue(zhao.auto_customer_tier, "tiers are recomputed after the import")
        self.assertEqual(job.row_count, job.create_count + job.merge_count + job.unchanged_count + job.refuse_count)

        again = self._job("customer", self._customers_file())
        again.action_import()
        self.assertEqual(Partner.search_count([]), before + 2, "importing the same file twice changes nothing")
        self.assertEqual((again.create_count, again.merge_count, again.unchanged_count), (0, 0, 4))
        self.assertEqual(again.refuse_count, 5)

    def _vehicles_file(self):
        v = self.vins
        wrong = "0" if v[2][8] != "0" else "1"
        return (
            VEHICLE_HEADER
            + (
                f"{v[0]},沪A12345,13800138000,张伟,Qin PLUS DM-i 55km,白色,2023-05-20,12000,2024-06-01\n"  # 2 created
                f"{v[1]},,139 0013 9000,王芳,旧款捷达,黑色,2022/1/5,,\n"  # 3 created, model kept in the note
                f"{v[2][:8]}{wrong}{v[2][9:]},,13800138000,张伟,,,,,\n"  # 4 check digit
                f"{v[3]},,13000000000,,,,,,\n"  # 5 no such customer
                f"{v[3]},,13800138000,李雷,,,,,\n"  # 6 the mobile is 张伟's
                f"{v[3]},,13800138000,张伟,,,2022-13-01,,\n"  # 7 bad date
                f"{v[0]},,13800138000,张伟,,,,,\n"  # 8 twice in the file
            )
        )

    def test_vehicles_validate_import_and_again(self):
        Vehicle = self.env["auto.vehicle"]
        job = self._job("vehicle", self._vehicles_file())
        job.action_validate()
        self.assertFalse(Vehicle.search([("vin", "in", self.vins)]), "a validation writes nothing")
        self.assertEqual((job.create_count, job.refuse_count), (2, 5), self._refusals(job))
        refusals = self._refusals(job)
        self.assertEqual(
            {row: column for row, (column, _reason) in refusals.items()},
            {4: "车架号", 5: "车主手机", 6: "车主姓名", 7: "购车日期", 8: "车架号"},
        )
        self.assertIn("校验位", refusals[4][1], "the VIN rules of the customer addon, in Chinese")

        job.action_import()
        first = Vehicle.search([("vin", "=", self.vins[0])])
        self.assertEqual(
            (first.partner_id, first.model_id, first.plate_number), (self.customer, self.model, "沪A12345")
        )
        self.assertEqual((first.mileage, first.state), (12000, "customer"))
        self.assertEqual(str(first.warranty_end_date), "2026-05-20", "the warranty follows from the purchase date")
        self.assertEqual(first.ownership_ids.partner_id, self.customer)
        second = Vehicle.search([("vin", "=", self.vins[1])])
        self.assertIn("旧款捷达", str(second.note), "an unknown model is kept, not lost")

        again = self._job("vehicle", self._vehicles_file())
        again.action_import()
        self.assertEqual((again.create_count, again.update_count, again.unchanged_count), (0, 0, 3))
        self.assertEqual(len(first.odometer_ids), 1, "a second run adds no reading")

        back = self._job("vehicle", VEHICLE_HEADER + f"{self.vins[0]},沪A54321,13800138000,张伟,,,,9000,2024-07-01\n")
        back.action_validate()
        self.assertEqual(self._refusals(back)[2][0], "当前里程", "the odometer does not go back")
        moved = self._job("vehicle", VEHICLE_HEADER + f"{self.vins[0]},沪A54321,13800138000,张伟,,,,15000,2024-07-01\n")
        moved.action_import()
        self.assertEqual((moved.update_count, first.plate_number, first.mileage), (1, "沪A54321", 15000))

    def test_interrupted_import_resumes_where_it_stopped(self):
        Partner = self.env["res.partner"]
        rows = "".join(f"客户{i:02d},137{i:08d},个人,,,,\n" for i in range(1, 13))
        job = self._job("customer", CUSTOMER_HEADER + rows, batch_size=5)
        message = import_interrupted_at_second_batch(self, job)
        self.assertIn("7", message, "the message says where it stopped")
        self.assertEqual(job.state, "interrupted")
        self.assertEqual(job.last_row_done, 6, "rows 2-6 (the first batch) are committed")
        self.assertEqual(Partner.search_count([("name", "=like", "客户%")]), 5)
        self.assertIn("server restarted", job.error_message)

        job.action_resume()
        self.assertEqual(job.state, "done")
        self.assertEqual(Partner.search_count([("name", "=like", "客户%")]), 12, "nothing lost, nothing twice")
        self.assertEqual((job.row_count, job.create_count), (12, 12))

    def test_xlsx_file(self):
        import io  # noqa: PLC0415

        import openpyxl  # noqa: PLC0415

        workbook = openpyxl.Workbook()
        workbook.active.append(["姓名", "手机", "生日"])
        workbook.active.append(["韩梅梅", 13700137099, "1990年1月2日"])
        stream = io.BytesIO()
        workbook.save(stream)
        job = self._job("customer", "", filename="客户.xlsx")
        job.file = base64.b64encode(stream.getvalue())
        job.action_import()
        partner = self.env["res.partner"].search([("mobile", "=", "13700137099")])
        self.assertEqual((partner.name, str(partner.auto_birthday)), ("韩梅梅", "1990-01-02"))

    def test_missing_column_is_refused_before_anything(self):
        job = self._job("customer", "姓名,电话\n张三,13700137000\n")
        with self.assertRaisesRegex(UserError, "手机"):
            job.action_validate()

    def test_only_the_general_manager_imports(self):
        for user in (self.manager, self.advisor, self.consultant):
            with self.assertRaises(AccessError):
                self.env["auto.legacy.import"].with_user(user).create({"template": "customer"})
        self.assertIn(
            ("customer", "客户"), self.env["auto.legacy.import"].with_context(lang="zh_CN")._selection_template()
        )
