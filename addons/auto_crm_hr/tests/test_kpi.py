from datetime import timedelta

from odoo import Command
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
        cls._repair(cls.sa, hours=(3.0,), done=False, auto_comeback_of_id=cls.r1.id)
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

    def _parts_delivery(self, part, ordered, shipped, user):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.customer_location.id,
                "user_id": user.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": part.name,
                            "product_id": part.id,
                            "product_uom_qty": ordered,
                            "product_uom": part.uom_id.id,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.customer_location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = shipped
        picking.move_ids.picked = True
        picking._action_done()  # a partial shipment leaves a backorder of the rest
        return picking

    def test_parts_fill_rate_counts_deliveries_shipped_whole_at_the_first_go(self):
        part = self.env["product.product"].create({"name": "HR brake pads", "type": "consu", "is_storable": True})
        self.env["stock.quant"]._update_available_quantity(part, self.stock_location, 100)
        # the clerk's parts deliveries this month: two shipped whole, one shipped 3 of 5 (backorder of 2)
        self._parts_delivery(part, 2, 2, self.clerk1)
        partial = self._parts_delivery(part, 5, 3, self.clerk1)
        self._parts_delivery(part, 1, 1, self.clerk1)
        backorder = partial.backorder_ids
        self.assertEqual(len(backorder), 1)
        # the backorder the clerk ships later is not a delivery of its own; nor is a vehicle (serial number)
        backorder.user_id = self.clerk1
        backorder.move_ids.quantity = 2
        backorder.move_ids.picked = True
        backorder._action_done()
        vehicle_delivery = self._deliver(self.vehicles[3])
        vehicle_delivery.user_id = self.clerk1
        self.assertEqual(vehicle_delivery.state, "done")
        # hand-computed: 2 of the 3 parts deliveries were filled at once = 66.67%
        self.assertEqual(self._values("parts_fill_rate", self.clerk1)[self.clerk1.id], (66.67, True))
        model, domain = self.env["auto.kpi.registry"]._kpi_drilldown_domain(
            "parts_fill_rate", self.clerk1.ids, self.month_start, self.today
        )
        self.assertEqual(self.env[model].search_count(domain), 3)

    def _signed_with_plan(self, lot, user, plan):
        order = self._order(lot, price=150000.0, user=user)
        order.auto_payment_plan_line_ids = [
            Command.create({"kind": kind, "amount": amount, "due_date": due}) for kind, amount, due in plan
        ]
        order.action_auto_submit_contract()
        if order.auto_contract_state == "to_approve":
            order.with_user(self.general_manager).action_auto_approve_contract()
        order.action_auto_sign_contract()
        return order

    def test_receivables_collected_on_time_is_the_share_of_the_amount_due_in_the_period_received(self):
        start = self.month_start
        next_month = start + timedelta(days=40)
        # consultant one: 5,000 and 45,000 due this month, 100,000 next month; the customer has paid 30,000
        order = self._signed_with_plan(
            self.lot1,
            self.c1,
            [
                ("deposit", 5000.0, start),
                ("down_payment", 45000.0, start + timedelta(days=10)),
                ("balance", 100000.0, next_month),
            ],
        )
        self._pay(self._invoice(order), 30000.0)
        self.assertEqual(order.auto_amount_paid, 30000.0)
        # a quotation still in preparation proposes a plan the customer owes nothing of: not counted
        draft = self._order(self.lot3, price=150000.0, user=self.c1)
        draft.auto_payment_plan_line_ids = [
            Command.create({"kind": "deposit", "amount": 150000.0, "due_date": start + timedelta(days=5)})
        ]
        # consultant two: 150,000 due this month, nothing received
        self._signed_with_plan(self.lot2, self.c2, [("balance", 150000.0, start + timedelta(days=3))])
        values = self._values("receivables_on_time", self.c1 | self.c2 | self.leader)
        # hand-computed: 30,000 received of the 50,000 due this month = 60%
        self.assertEqual(values[self.c1.id], (60.0, True))
        self.assertEqual(values[self.c2.id], (0.0, True))
        self.assertEqual(values[self.leader.id], (0.0, False), "nothing due: no value, no score")

    def test_every_kpi_of_the_catalogue_has_its_method_and_drilldown(self):
        registry = self.env["auto.kpi.registry"]
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
