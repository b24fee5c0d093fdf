from datetime import timedelta

from odoo.tests import tagged

from .common import AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestKpiValues(AutoCrmHrCase):
    """Each role's KPIs on a known data set, against numbers computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        # consultant one: 3 leads, first responses after 2 and 4 hours, one won; consultant two: 1 lead
        cls.leads = Lead.create(
            [
                {"name": f"HR lead {i}", "type": "opportunity", "user_id": cls.c1.id, "partner_id": cls.customer.id}
                for i in range(3)
            ]
        )
        cls.leads[0].auto_date_first_response = cls.leads[0].create_date + timedelta(hours=2)
        cls.leads[1].auto_date_first_response = cls.leads[1].create_date + timedelta(hours=4)
        cls.leads[0].action_set_won()
        Lead.create({"name": "HR lead other", "type": "opportunity", "user_id": cls.c2.id})
        # follow-ups of consultant one this month: 2 done on time, 1 done a day late, 1 to do, 1 cancelled
        cls._followup(cls.c1, "done", done_at=cls._at(3, 9), day=3)
        cls._followup(cls.c1, "done", done_at=cls._at(3, 18), day=3)
        cls._followup(cls.c1, "done", done_at=cls._at(5), day=4)
        cls._followup(cls.c1, "open", day=6)
        cls._followup(cls.c1, "cancelled", day=6)
        # test drives: two done, one only booked
        cls._test_drive(cls.c1, 9)
        cls._test_drive(cls.c1, 11)
        cls._test_drive(cls.c1, 14, state="booked")
        # two vehicles delivered this month
        cls.orders = cls._delivered(cls.lot1, 150000.0, cls.c1) | cls._delivered(cls.lot2, 160000.0, cls.c1)
        # service: 3 orders done (labour 2.5 h, 1.5 h, 1 h at 100), the first one came back
        cls.r1 = cls._repair(cls.sa, hours=(2.5,), technician=cls.tech)
        cls.r2 = cls._repair(cls.sa, hours=(1.5,), technician=cls.tech)
        cls.r3 = cls._repair(cls.sa, hours=(1.0,))
        cls._repair(cls.sa, hours=(3.0,), done=False, comeback_of_id=cls.r1.id)
        Survey = cls.env["auto.service.survey"]
        scores = (
            "score_service_quality",
            "score_service_initiation",
            "score_advisor",
            "score_facility",
            "score_vehicle_pickup",
        )
        for value, nps in (("4", 10), ("5", 8)):
            Survey.create(
                {
                    "partner_id": cls.customer.id,
                    "repair_id": cls.r1.id,
                    "advisor_id": cls.sa.id,
                    "date": cls.month_start,
                    "nps_score": nps,
                    **dict.fromkeys(scores, value),
                }
            )
        Ticket = cls.env["auto.service.ticket"]
        # a complaint on the advisor's order, never resolved; another resolved within its 24-hour SLA
        Ticket.create(
            {
                "subject": "Noise",
                "partner_id": cls.customer.id,
                "repair_id": cls.r2.id,
                "user_id": cls.care.id,
                "ticket_type": "complaint",
                "date_open": cls._at(2),
            }
        )
        quick = Ticket.create(
            {
                "subject": "Wait",
                "partner_id": cls.customer.id,
                "user_id": cls.care.id,
                "ticket_type": "complaint",
                "date_open": cls._at(2),
                "severity": "medium",
            }
        )
        quick.write({"date_resolved": cls._at(2, 15)})
        # return visits of customer relations: one on time, one still to do
        plan = cls.env["auto.followup.plan"].search([("purpose", "=", "service_return_visit")], limit=1)
        cls._followup(cls.care, "done", done_at=cls._at(4), day=4, plan=plan)
        cls._followup(cls.care, "open", day=5, plan=plan)
        # a stock count approved this month: 4 vehicles in the books, 3 found, 1 missing, 1 unexpected
        count = cls.env["auto.stock.count"].create({"location_id": cls.showroom.id, "user_id": cls.clerk1.id})
        line_vals = [
            {
                "vin": f"HRCOUNT{i}",
                "expected": True,
                "expected_location_id": cls.showroom.id,
                "counted": i < 3,
                "counted_location_id": cls.showroom.id if i < 3 else False,
            }
            for i in range(4)
        ]
        line_vals.append({"vin": "HRCOUNTX", "counted": True, "counted_location_id": cls.showroom.id})
        count.write({"line_ids": [(0, 0, vals) for vals in line_vals]})
        count.write({"state": "done", "date_approved": cls._at(6)})

    def test_consultant_kpis(self):
        values = {
            code: self._values(code, self.c1 | self.c2)
            for code in (
                "leads_handled",
                "first_response_hours",
                "followup_completion",
                "followup_on_time",
                "test_drives",
                "lead_conversion",
                "units_delivered",
                "gross_profit",
            )
        }
        c1, c2 = self.c1.id, self.c2.id
        self.assertEqual(values["leads_handled"][c1], (3.0, True))
        self.assertEqual(values["leads_handled"][c2], (1.0, True))
        self.assertEqual(values["first_response_hours"][c1], (3.0, True))
        self.assertEqual(values["first_response_hours"][c2], (0.0, False), "no response yet: no value, no score")
        self.assertEqual(values["followup_completion"][c1], (75.0, True))
        self.assertEqual(values["followup_on_time"][c1], (50.0, True))
        self.assertEqual(values["test_drives"][c1], (2.0, True))
        self.assertEqual(values["lead_conversion"][c1], (33.33, True))
        self.assertEqual(values["lead_conversion"][c2], (0.0, True))
        self.assertEqual(values["units_delivered"][c1], (2.0, True))
        profit = sum(self.orders.mapped("auto_gross_profit"))
        self.assertTrue(profit)
        self.assertAlmostEqual(values["gross_profit"][c1][0], profit)
        self.assertEqual(values["gross_profit"][c2], (0.0, True))

    def test_service_kpis(self):
        sa = self.sa.id
        self.assertEqual(self._values("service_orders", self.sa)[sa], (3.0, True))
        self.assertEqual(self._values("service_revenue", self.sa)[sa], (500.0, True))
        self.assertEqual(self._values("first_time_fix", self.sa)[sa], (66.67, True))
        self.assertEqual(self._values("csi", self.sa)[sa], (90.0, True))
        self.assertEqual(self._values("nps", self.sa)[sa], (50.0, True))
        self.assertEqual(self._values("complaints", self.sa)[sa], (1.0, True))
        tech = self.tech.id
        self.assertEqual(self._values("labour_hours", self.tech)[tech], (4.0, True))
        self.assertEqual(self._values("comebacks", self.tech)[tech], (1.0, True))
        cr = self.care.id
        self.assertEqual(self._values("return_visits_on_time", self.care)[cr], (50.0, True))
        self.assertEqual(self._values("complaint_sla", self.care)[cr], (50.0, True))

    def test_stock_clerk_kpis(self):
        self.assertEqual(self._values("stock_count_accuracy", self.clerk1)[self.clerk1.id], (75.0, True))
        self.assertEqual(self._values("parts_fill_rate", self.clerk1)[self.clerk1.id], (0.0, False))

    def test_every_kpi_of_the_catalogue_has_its_method_and_drilldown(self):
        registry = self.env["auto.hr.kpi.registry"]
        for code in registry._kpi_catalogue():
            with self.subTest(code=code):
                model, domain = registry._kpi_drilldown_domain(code, self.c1.ids, self.month_start, self.today)
                self.env[model].search_count(domain)

    def test_drilldown_opens_the_records_the_value_came_from(self):
        self.period._compute_scorecards()
        line = self._line(self.c1, "test_drives")
        self.assertEqual(line.value, 2.0)
        action = line.action_open_records()
        self.assertEqual(action["res_model"], "auto.test.drive")
        drives = self.env["auto.test.drive"].search(action["domain"])
        self.assertEqual(len(drives), 2)
        self.assertEqual(set(drives.mapped("state")), {"done"})
        # as the consultant: the same records, through their own rights
        own = line.with_user(self.c1).action_open_records()
        self.assertEqual(self.env["auto.test.drive"].with_user(self.c1).search(own["domain"]), drives)
