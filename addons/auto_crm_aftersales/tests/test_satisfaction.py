from freezegun import freeze_time

from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestSatisfaction(AftersalesCase):
    def _done_order(self, vehicle=None, user=None, mileage=1000, **vals):
        repair = self._order(vehicle=vehicle, user=user, auto_mileage_in=mileage, **vals)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def _survey(self, repair, scores, nps):
        fields = [
            "score_service_quality",
            "score_service_initiation",
            "score_advisor",
            "score_facility",
            "score_vehicle_pickup",
        ]
        return self.env["auto.service.survey"].create(
            {
                "repair_id": repair.id,
                "partner_id": repair.partner_id.id,
                "vehicle_id": repair.auto_vehicle_id.id,
                "followup_id": repair.auto_followup_ids[:1].id,
                "nps_score": nps,
                **{field: str(score) for field, score in zip(fields, scores, strict=True)},
            }
        )

    def test_low_score_opens_a_complaint(self):
        repair = self._done_order()
        good = self._survey(repair, [5, 4, 5, 4, 5], 9)
        self.assertFalse(good.ticket_id)
        self.assertEqual(good.csi, 92.0)
        bad = self._survey(repair, [4, 4, 2, 4, 4], 8)
        ticket = bad.ticket_id
        self.assertTrue(ticket, "a factor scored 2 opens a ticket")
        self.assertEqual((ticket.ticket_type, ticket.category, ticket.severity), ("complaint", "attitude", "high"))
        self.assertEqual(ticket.repair_id, repair)
        self.assertEqual(ticket.user_id, self.relations)
        self.assertIn("Service Advisor Score: 2", ticket.subject)
        low_nps = self._survey(repair, [4, 4, 4, 4, 4], 3)
        self.assertTrue(low_nps.ticket_id, "a low would-recommend score opens a ticket too")

    @freeze_time("2026-04-15 03:00:00")
    def test_csi_nps_by_advisor_and_month(self):
        # known data set for Advisor Chen, April 2026:
        #   CSI 100, 80, 60, 88 -> 82; NPS: promoters 10 and 9, passive 7, detractor 5 -> (2 - 1) / 4 = 25
        #   one order came back: first-time fix 3 of 4 = 75 %
        orders = [self._done_order(mileage=1000 + i) for i in range(4)]
        for repair, scores, nps in zip(
            orders, [[5] * 5, [4] * 5, [3] * 5, [4, 5, 4, 5, 4]], [10, 9, 7, 5], strict=True
        ):
            self._survey(repair, scores, nps)
        self._done_order(vehicle=self.vehicle2, user=self.advisor2, mileage=500)
        comeback = self._order(auto_mileage_in=1100, auto_comeback_of_id=orders[0].id)
        self.assertFalse(orders[0].auto_first_time_fix)
        comeback.action_repair_cancel()
        self.env.flush_all()
        Report = self.env["auto.service.evaluation.report"]
        rows = Report._read_group(
            [("advisor_id", "=", self.advisor.id)],
            ["advisor_id", "date_done:month"],
            ["order_count:sum", "csi:avg", "nps:avg", "first_time_fix_rate:avg"],
        )
        self.assertEqual(len(rows), 1)
        _advisor, _month, count, csi, nps, ftf = rows[0]
        self.assertEqual(count, 4)
        self.assertAlmostEqual(csi, 82.0)
        self.assertAlmostEqual(nps, 25.0)
        self.assertAlmostEqual(ftf, 75.0)
        other = Report._read_group([("advisor_id", "=", self.advisor2.id)], [], ["order_count:sum", "csi:avg"])
        self.assertEqual(other[0][0], 1)
        self.assertFalse(other[0][1], "no survey: no CSI")
