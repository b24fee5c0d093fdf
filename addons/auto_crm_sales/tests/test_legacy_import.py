import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_customer.tests.legacy import import_interrupted_at_second_batch, legacy_job

from .common import AutoCrmSalesCase

HEADER = "客户手机,客户姓名,合同号,到期日期,应收金额,已收金额,顾问账号\n"


@tagged("post_install", "-at_install")
class TestLegacyReceivables(AutoCrmSalesCase):
    """Open receivables of the legacy system (未收款项): a delivered contract with one balance instalment for what
    is still to receive, which the receivables worklist, the reminders and the overdue alert pick up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.gm = new_test_user(
            cls.env, login="li_sales_gm", groups="auto_crm_customer.group_dealership_manager", lang="zh_CN"
        )

    def _job(self, text, batch_size=1000):
        return legacy_job(self.env, self.gm, "receivable", text, "receivables.csv", batch_size)

    def _file(self):
        return HEADER + (
            '13800138000,张伟,HT-001,2025-01-31,"¥168,000",160000,\n'  # 2 overdue
            "139 0013 9000,王芳,HT-002,2025-04-30,98000,,auto_c1\n"  # 3 coming
            "13000000009,,HT-003,2025-04-30,1000,,\n"  # 4 no such customer
            "13800138000,张伟,HT-004,2025-04-30,十万,,\n"  # 5 not an amount
            "13800138000,张伟,HT-005,2025-04-30,1000,1000,\n"  # 6 nothing left to receive
            "13800138000,张伟,HT-006,2025-04-31,1000,,\n"  # 7 not a date
            "139 0013 9000,王芳,HT-001,2025-04-30,1000,,\n"  # 8 the same contract again
            "13800138000,张伟,HT-007,2025-04-30,1000,,nobody\n"  # 9 no such user
            "13800138000,张伟,,2025-04-30,1000,,\n"  # 10 no reference
        )

    @freeze_time("2025-03-01")
    def test_receivables_import(self):
        Line = self.env["auto.payment.plan.line"]
        job = self._job(self._file())
        job.action_validate()
        self.assertFalse(self.env["sale.order"].search([("auto_legacy_ref", "!=", False)]))
        self.assertEqual(
            {line.row_number: line.column for line in job.line_ids},
            {4: "客户手机", 5: "应收金额", 6: "已收金额", 7: "到期日期", 8: "合同号", 9: "顾问账号", 10: "合同号"},
        )
        self.assertEqual((job.create_count, job.refuse_count), (2, 7))

        job.action_import()
        lines = Line.search([("order_id.auto_legacy_ref", "in", ["HT-001", "HT-002"])], order="due_date")
        self.assertEqual(lines.mapped("amount_residual"), [8000.0, 98000.0], "what is still to receive")
        self.assertEqual(set(lines.mapped("contract_state")), {"delivered"})
        self.assertEqual(lines[0].user_id, self.customer.user_id, "the customer's consultant by default")
        self.assertEqual(lines[1].user_id, self.consultant)
        self.assertEqual(lines[0].days_overdue, 29)
        self.assertFalse(lines.order_id.filtered("auto_is_vehicle_sale"), "no sale counted twice in the KPIs")
        # the overdue alert and the receivables worklist read these instalments
        self.env.flush_all()
        overdue = self.env.execute_query(Line._receivable_overdue_sql(self.env.company.id, lines[0].due_date, 0))
        self.assertNotIn(lines[0].id, [row[0] for row in overdue])
        overdue = self.env.execute_query(
            Line._receivable_overdue_sql(self.env.company.id, datetime.date(2025, 3, 1), 7)
        )
        self.assertIn(lines[0].id, [row[0] for row in overdue])
        items = self.env["auto.worklist.registry"]._worklist_receivables(lines.user_id, datetime.date(2025, 3, 1))
        self.assertIn(lines[0].id, [item.res_id for item in items])

        again = self._job(self._file())
        again.action_import()
        self.assertEqual((again.create_count, again.unchanged_count, again.refuse_count), (0, 2, 7))
        self.assertEqual(self.env["sale.order"].search_count([("auto_legacy_ref", "!=", False)]), 2)

    def test_interrupted_import_resumes(self):
        rows = "".join(f"13800138000,张伟,HT-{i:03d},2025-04-30,1000,,\n" for i in range(1, 8))
        job = self._job(HEADER + rows, batch_size=3)
        message = import_interrupted_at_second_batch(self, job)
        self.assertIn("5", message, "the message says where it stopped")
        self.assertEqual((job.state, job.last_row_done), ("interrupted", 4))
        job.action_resume()
        self.assertEqual((job.state, job.create_count, job.row_count), ("done", 7, 7))
        self.assertEqual(self.env["sale.order"].search_count([("auto_legacy_ref", "=like", "HT-%")]), 7)
