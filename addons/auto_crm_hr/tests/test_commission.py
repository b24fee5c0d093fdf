import base64

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CONSULTANT, AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestCommission(AutoCrmHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["auto.hr.commission.plan"]
        # the demo data may have given the consultants their plan already
        cls.plan = Plan.search([("role_id", "=", cls.env.ref(CONSULTANT).id), ("company_id", "=", cls.company.id)])
        cls.plan = cls.plan or Plan.create({"name": "Consultants", "role_id": cls.env.ref(CONSULTANT).id})
        cls.plan.write({"amount_per_unit": 500.0, "profit_share": 10.0, "csi_target": 90.0})
        cls.order1 = cls._delivered(cls.lot1, 150000.0, cls.c1)
        cls.order2 = cls._delivered(cls.lot2, 160000.0, cls.c1)
        cls.Commission = cls.env["auto.hr.commission"]

    def _commission(self, user, period=None):
        return self.Commission.search([("period_id", "=", (period or self.period).id), ("user_id", "=", user.id)])

    def test_commission_per_unit_and_profit_share_approved_by_the_general_manager(self):
        self.Commission.with_user(self.hr_user)._compute_for_periods(self.period)
        commission = self._commission(self.c1)
        profit1, profit2 = self.order1.auto_gross_profit, self.order2.auto_gross_profit
        self.assertTrue(profit1 and profit2)
        self.assertAlmostEqual(commission.amount_total, 2 * 500.0 + 0.10 * (profit1 + profit2), places=2)
        self.assertEqual(len(commission.line_ids), 2)
        self.assertFalse(self._commission(self.c2), "nothing delivered, no commission")
        # the consultant reads their own commission, not a colleague's; only the general manager approves
        self.assertEqual(self.Commission.with_user(self.c1).search([]), commission)
        with self.assertRaises(AccessError):
            commission.with_user(self.hr_user).action_approve()
        with self.assertRaises(UserError):
            commission._export_payroll("csv")
        commission.with_user(self.gm).action_approve()
        self.assertEqual(commission.state, "approved")
        # an approved commission is not recomputed
        self.Commission.with_user(self.hr_user)._compute_for_periods(self.period)
        self.assertEqual(self._commission(self.c1), commission)
        # export for payroll: CSV and XLSX
        csv_file = commission.with_user(self.hr_user)._export_payroll("csv")
        text = base64.b64decode(csv_file.datas).decode("utf-8-sig")
        self.assertIn("Consultant One", text)
        self.assertIn(f"{commission.amount_total}", text)
        xlsx = commission.with_user(self.hr_user)._export_payroll("xlsx")
        self.assertTrue(base64.b64decode(xlsx.datas).startswith(b"PK"))

    def test_cancelled_contract_after_payout_is_clawed_back_once(self):
        self.Commission._compute_for_periods(self.period)
        commission = self._commission(self.c1)
        commission.with_user(self.gm).action_approve()
        paid_line = commission.line_ids.filtered(lambda line: line.order_id == self.order1)
        self.order1._action_cancel()
        self.assertEqual(self.order1.auto_contract_state, "cancelled")
        next_period = self.Period.create(
            {"period_type": "month", "date_from": self.month_start + relativedelta(months=1)}
        )
        self.Commission._compute_for_periods(next_period)
        clawback = self._commission(self.c1, next_period)
        self.assertEqual(clawback.line_ids.kind, "clawback")
        self.assertAlmostEqual(clawback.amount_total, -paid_line.amount, places=2)
        self.assertEqual(clawback.line_ids.clawback_of_id, paid_line)
        clawback.with_user(self.gm).action_approve()
        # computed again for a later period: already clawed back, nothing more
        later = self.Period.create({"period_type": "month", "date_from": self.month_start + relativedelta(months=2)})
        self.Commission._compute_for_periods(later)
        self.assertFalse(self._commission(self.c1, later))

    def test_csi_of_the_period_multiplies_the_commission(self):
        """At or above the plan's CSI threshold the bonus multiplier, below it the malus, no CSI measured none."""
        self.plan.write({"csi_target": 90.0, "csi_bonus": 1.2, "csi_malus": 0.8})
        self.env["auto.hr.kpi"].create(
            {"name": "CSI", "code": "csi", "role_id": self.env.ref(CONSULTANT).id, "weight": 0.0, "target": 90.0}
        )
        order3 = self._delivered(self.lot3, 170000.0, self.c2)
        repair = self._repair(self.sa)
        scores = ("score_service_quality", "score_service_initiation", "score_advisor", "score_facility")
        # consultant one: surveys of CSI 100 and 92 (four 5s and a 3), 96 in the period; consultant two: 80
        for user, value, pickup in ((self.c1, "5", "5"), (self.c1, "5", "3"), (self.c2, "4", "4")):
            self.env["auto.service.survey"].create(
                {
                    "partner_id": self.customer.id,
                    "repair_id": repair.id,
                    "advisor_id": user.id,
                    "date": self.month_start,
                    "nps_score": 9,
                    "score_vehicle_pickup": pickup,
                    **dict.fromkeys(scores, value),
                }
            )
        self.period.with_user(self.hr_user)._compute_scorecards()
        self.assertEqual(self._line(self.c1, "csi").value, 96.0)
        self.assertEqual(self._line(self.c2, "csi").value, 80.0)
        self.Commission.with_user(self.hr_user)._compute_for_periods(self.period)
        one, two = self._commission(self.c1), self._commission(self.c2)
        self.assertEqual((one.csi, one.multiplier), (96.0, 1.2))
        self.assertEqual((two.csi, two.multiplier), (80.0, 0.8))
        profit1, profit2, profit3 = (order.auto_gross_profit for order in self.order1 | self.order2 | order3)
        self.assertAlmostEqual(
            one.amount_total,
            round((500.0 + 0.10 * profit1) * 1.2, 2) + round((500.0 + 0.10 * profit2) * 1.2, 2),
            places=2,
        )
        self.assertAlmostEqual(two.amount_total, round((500.0 + 0.10 * profit3) * 0.8, 2), places=2)
        # no CSI measured for the consultant: no multiplier
        self.env["auto.service.survey"].search([("advisor_id", "=", self.c2.id)]).unlink()
        self.period.with_user(self.hr_user)._compute_scorecards()
        self.Commission.with_user(self.hr_user)._compute_for_periods(self.period)
        two = self._commission(self.c2)
        self.assertEqual(two.multiplier, 1.0)
        self.assertAlmostEqual(two.amount_total, round(500.0 + 0.10 * profit3, 2), places=2)

    def test_plan_amounts_are_checked(self):
        with self.assertRaises(ValidationError):
            self.plan.profit_share = 120
        with self.assertRaises(ValidationError):
            self.plan.amount_per_unit = -1
