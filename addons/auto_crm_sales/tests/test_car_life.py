"""One car through its life, each step done by the role user who does it in a dealership (issue #9).

The sales addon does not depend on after-sales: the class is skipped without it, and after-sales models are
used through ``self.env[...]`` only.
"""

import unittest
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

from .common import DELIVERY_PHOTO, AutoCrmSalesCase

# The walk happens in a year no demo record reaches, so that the customer tiers rank the customers of this
# walk only (the tiers compare every customer's value over the company's RFM window). Frozen at 03:00 UTC:
# the same day in UTC and in Asia/Shanghai.
LEAD_DAY = "2035-03-05 03:00:00"
TEST_DRIVE_DAY = "2035-03-06 03:00:00"
SIGNING_DAY = "2035-03-07 03:00:00"
BALANCE_DAY = "2035-03-19 03:00:00"
DELIVERY_DAY = "2035-03-21 03:00:00"
DELIVERY_CALL_DAY = "2035-03-23 03:00:00"
SERVICE_DAY = "2035-09-12 03:00:00"
SERVICE_CALL_DAY = "2035-09-14 03:00:00"


@tagged("post_install", "-at_install")
class TestCarLife(RoleAssertions, AutoCrmSalesCase):
    """Lead, test drive, contract, payments, delivery, warranty service, return visit and CSI of one car."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("auto_crm_aftersales").state != "installed":
            raise unittest.SkipTest("a car's life after its delivery needs auto_crm_aftersales")
        cls.walk_consultant = cls.make_role_user(cls, "auto_crm_customer.group_sales_consultant", "life_consultant")
        cls.walk_manager = cls.make_role_user(cls, "auto_crm_customer.group_sales_manager", "life_sales_manager")
        cls.walk_finance = cls.make_role_user(cls, "auto_crm_sales.group_finance", "life_finance")
        cls.walk_clerk = cls.make_role_user(cls, "auto_crm_inventory.group_stock_clerk", "life_stock_clerk")
        cls.walk_advisor = cls.make_role_user(cls, "auto_crm_customer.group_service_advisor", "life_advisor")
        cls.walk_technician = cls.make_role_user(cls, "auto_crm_aftersales.group_technician", "life_technician")
        cls.walk_relations = cls.make_role_user(
            cls, "auto_crm_aftersales.group_customer_relations", "life_customer_relations"
        )
        cls.walk_relations_colleague = cls.make_role_user(
            cls, "auto_crm_aftersales.group_customer_relations", "life_customer_relations_2"
        )
        # the dealership's settings: who approves first, who follows receivables, who makes the return visits
        cls.company.write(
            {
                "auto_followup_manager_id": cls.walk_manager.id,
                "auto_finance_user_id": cls.walk_finance.id,
                "auto_return_visit_user_id": cls.walk_relations.id,
            }
        )
        cls.model.write({"service_interval_km": 10000, "service_interval_months": 12})
        # keep the shipped care rules (birthday, insurance...) out of the way of the counts
        cls.env["auto.followup.rule"].search([]).active = False

    def _followups(self, user, domain):
        return self.env["auto.followup"].with_user(user).search(domain)

    def _return_visits(self, user, domain):
        """The follow-ups ``user`` finds in the Return Visits list, customer relations' home screen."""
        home = self.env["ir.actions.act_window"].browse(user.action_id.id)
        self.assertEqual(home, self.env.ref("auto_crm_aftersales.auto_followup_action_return_visit"))
        return self._followups(user, [*safe_eval(home.domain or "[]"), *domain])

    def test_car_life(self):
        consultant, manager, finance = self.walk_consultant, self.walk_manager, self.walk_finance
        clerk, advisor, technician = self.walk_clerk, self.walk_advisor, self.walk_technician
        relations = self.walk_relations
        lot = self.lot1
        vehicle = lot.auto_vehicle_id

        # ---- a walk-in customer: the consultant's lead, graded H after the first talk -----------------------
        with freeze_time(LEAD_DAY):
            Lead = self.env["crm.lead"].with_user(consultant)
            lead = Lead.create(
                {
                    "name": "Qin PLUS for the family",
                    "type": "opportunity",
                    "contact_name": "陈静",
                    "mobile": "137 0028 6001",
                    "auto_model_id": self.model.id,
                    "auto_source_channel": "walk_in",
                    "auto_payment_method": "cash",
                }
            )
            self.assertEqual(lead.user_id, consultant)
            self.assertFalse(lead.auto_is_duplicate, "a new customer")
            customer = (
                self.env["res.partner"]
                .with_user(consultant)
                .create(
                    {
                        "name": "陈静",
                        "auto_customer_type": "individual",
                        "mobile": "137 0028 6001",
                        "auto_source_channel": "walk_in",
                        "user_id": consultant.id,
                    }
                )
            )
            lead.partner_id = customer
            lead.auto_grade_id = self.grade_h
            cadence = lead.auto_followup_ids
            self.assertEqual(len(cadence), 1)
            self.assertEqual((cadence.date_scheduled, cadence.user_id), (date(2035, 3, 7), consultant), "H: in 2 days")

        # ---- test drive in the demo car, the next day --------------------------------------------------------
        with freeze_time(TEST_DRIVE_DAY):
            drive = (
                self.env["auto.test.drive"]
                .with_user(consultant)
                .create(
                    {
                        "partner_id": customer.id,
                        "lead_id": lead.id,
                        "vehicle_id": self.demo_vehicle.id,
                        "date_start": datetime(2035, 3, 6, 3, 0),
                        "duration": 0.5,
                        "route": "City loop 8 km",
                        "licence_number": "510104199003150021",
                        "licence_expiry": date(2040, 1, 1),
                    }
                )
            )
            drive.action_done()
            drive.write({"feedback_rating": "5", "purchase_intent": "high", "feedback_liked": "Quiet, low fuel use"})
            self.assertEqual(drive.state, "done")
            self.assertEqual(lead.auto_test_drive_count, 1)
            wizard = (
                self.env["auto.followup.done.wizard"]
                .with_user(consultant)
                .create(
                    {
                        "followup_ids": [Command.set(cadence.ids)],
                        "outcome": "reached",
                        "note": "Test drive done, asks for an offer with a discount",
                    }
                )
            )
            wizard.action_confirm()
            self.assertEqual(cadence.state, "done")

        # ---- quotation of a VIN in stock, a discount the sales manager approves, signing ----------------------
        with freeze_time(SIGNING_DAY):
            SaleLine = self.env["sale.order.line"].with_user(consultant)
            self.assertIn(lot, SaleLine._auto_available_lots(self.product), "the consultant picks a VIN in stock")
            self.assertNotIn(self.demo_vehicle.lot_id, SaleLine._auto_available_lots(self.product))
            new_quotation = lead.action_sale_quotations_new()  # the lead's New Quotation button
            Order = self.env["sale.order"].with_user(consultant).with_context(**new_quotation["context"])
            with Form(Order) as quotation:
                self.assertEqual(quotation.partner_id, customer)
                with quotation.order_line.new() as line:
                    line.product_id = self.product
                    line.auto_lot_id = lot
                    line.price_unit = 142000.0
            order = quotation.record
            self.assertEqual(order.opportunity_id, lead)
            self.assertEqual(order.user_id, consultant)
            self.assertEqual((order.auto_amount_vehicle, order.auto_discount_total), (142000.0, 8000.0))
            self.assertEqual(order.auto_approval_level, "manager", "8,000 off: over the consultant's 5,000")
            order.action_auto_generate_payment_plan()
            deposit, balance = order.auto_payment_plan_line_ids
            self.assertEqual((deposit.kind, deposit.amount, deposit.due_date), ("deposit", 5000.0, date(2035, 3, 7)))
            self.assertEqual((balance.kind, balance.amount, balance.due_date), ("balance", 137000.0, date(2035, 3, 21)))
            order.action_auto_submit_contract()
            self.assertEqual(order.auto_contract_state, "to_approve")
            approval = order.activity_ids
            self.assertEqual(approval.user_id, manager, "the sales manager is asked to approve")
            with self.assertRaises(AccessError):
                order.action_auto_approve_contract()  # not the consultant's own discount
            order.with_user(manager).action_auto_approve_contract()
            self.assertEqual((order.auto_contract_state, order.auto_approved_by_id), ("approved", manager))
            order.action_auto_sign_contract()
            self.assertEqual((order.auto_contract_state, order.state), ("signed", "sale"))
            self.assertEqual(order.auto_date_signed, date(2035, 3, 7))
            self.assertEqual(order.auto_version_ids.version, 1)
            self.assertTrue(lead.stage_id.is_won, "the signed contract wins the lead")
            self.assertFalse(
                lead.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")), "won: no more cadence calls"
            )
            self.assertEqual((vehicle.state, vehicle.partner_id), ("sold", customer))
            self.assertFalse(lot.auto_available_for_sale)

            # ---- finance invoices the contract and records the deposit --------------------------------------
            invoicing = (
                self.env["sale.advance.payment.inv"]
                .with_user(finance)
                .with_context(active_model="sale.order", active_ids=order.ids, active_id=order.id)
                .create({"advance_payment_method": "delivered"})
            )
            invoicing.create_invoices()
            invoice = order.invoice_ids
            self.assertEqual(len(invoice), 1)
            invoice.with_user(finance).action_post()
            self.assertEqual((invoice.state, invoice.amount_total), ("posted", 142000.0))
            self._finance_pays(invoice, 5000.0)
            self.assertEqual(order.auto_contract_state, "in_execution", "the deposit puts the contract in execution")
            self.assertEqual((deposit.state, balance.state), ("paid", "pending"))
            self.assertEqual(order.auto_amount_receivable, 137000.0)

        with freeze_time(BALANCE_DAY):
            self._finance_pays(invoice, 137000.0)
            self.assertEqual((deposit.state, balance.state), ("paid", "paid"))
            self.assertEqual((order.auto_amount_paid, order.auto_amount_receivable), (142000.0, 0.0))
            self.assertFalse(invoice.amount_residual)

        # ---- delivery: the checklist first, then the warehouse validates the delivery ------------------------
        with freeze_time(DELIVERY_DAY):
            picking = order.picking_ids
            self.assertEqual(picking.move_line_ids.lot_id, lot, "the delivery takes the VIN sold")
            with self.assertRaisesRegex(UserError, "delivery checklist"):
                picking.with_user(clerk).button_validate()
            self.assertEqual(picking.state, "assigned")
            vehicle.with_user(consultant).plate_number = "川a·88k66"
            order.with_user(consultant).write(
                {
                    "auto_delivery_pdi_done": True,
                    "auto_delivery_documents_handed": True,
                    "auto_delivery_keys_handed": True,
                    "auto_delivery_registered": True,
                    "auto_delivery_insured": True,
                    "auto_delivery_functions_explained": True,
                    "auto_delivery_photo": DELIVERY_PHOTO,
                }
            )
            self.assertTrue(order.auto_delivery_checklist_done)
            result = picking.with_user(clerk).button_validate()
            self.assertIs(result, True, "all reserved: no backorder or immediate-transfer question")
            self.assertEqual(picking.state, "done")
            self.assertEqual(order.auto_contract_state, "delivered")
            self._assert_handed_over(order, vehicle, customer)

            # tiers are recomputed nightly (as the cron user): the buyer of a car ranks first among
            # customers who only came for service
            others = self.env["res.partner"].create(
                [
                    {"name": f"Service customer {i}", "auto_customer_type": "individual", "mobile": f"1390000700{i}"}
                    for i in range(4)
                ]
            )
            self.env["auto.customer.value"].create(
                [
                    {
                        "partner_id": other.id,
                        "amount": 800.0 + 100 * i,
                        "date": date(2035, 2, 10 + i),
                        "value_type": "service",
                    }
                    for i, other in enumerate(others)
                ]
            )
            self.env["res.partner"]._cron_recompute_customer_tiers()
            customer.invalidate_recordset()
            as_consultant = customer.with_user(consultant)
            self.assertEqual(as_consultant.auto_customer_tier, "key")
            self.assertEqual(as_consultant.auto_tier_history_ids.new_tier, "key")

        # ---- customer relations call the new owner back -----------------------------------------------------
        with freeze_time(DELIVERY_CALL_DAY):
            visits = self._return_visits(relations, [("vehicle_id", "=", vehicle.id)])
            self.assertEqual(visits.plan_id.purpose, "delivery_return_visit")
            self.assertEqual((visits.date_scheduled, visits.user_id), (date(2035, 3, 23), relations))
            self.env["auto.followup"].browse(visits.ids)._open_now_if_due()  # the daily cron, as OdooBot
            self.assertEqual(visits.state, "open")
            self.env["auto.followup.done.wizard"].with_user(relations).create(
                {
                    "followup_ids": [Command.set(visits.ids)],
                    "outcome": "reached",
                    "note": "Happy with the car and the delivery; knows the first service is in a year",
                }
            ).action_confirm()
            self.assertEqual(visits.state, "done")

        # ---- six months later: a window regulator repaired under warranty -----------------------------------
        with freeze_time(SERVICE_DAY):
            with Form(self.env["repair.order"].with_user(advisor)) as reception:
                reception.auto_vehicle_lookup = "川A 88K66"
                self.assertEqual(reception.auto_vehicle_id, vehicle, "found by its plate, however typed")
                self.assertEqual(reception.partner_id, customer)
                reception.auto_mileage_in = 7800
                reception.auto_service_type = "warranty"
                self.assertTrue(reception.under_warranty, "warranty work: the customer pays nothing")
                reception.auto_technician_ids.add(technician)
            repair = reception.record
            self.assertEqual(repair.user_id, advisor)
            self.assertTrue(repair.auto_in_warranty, "6 months and 7,800 km: within 3 years and 100,000 km")
            self.assertEqual(vehicle.mileage, 7800)
            repair.action_validate()
            self.assertEqual(repair.state, "confirmed")

            workshop = repair.with_user(technician)
            workshop.action_repair_start()
            with Form(workshop) as job:
                with job.auto_labour_line_ids.new() as labour:
                    labour.name = "Replace rear left window regulator"
                    labour.technician_id = technician
                    labour.hours = 1.5
                    labour.hourly_rate = 300.0
            self.assertEqual(repair.auto_amount_labour, 0.0, "warranty labour is not charged")
            workshop.action_repair_end()
            self.assertEqual(repair.state, "done")
            self.assertEqual(repair.auto_date_done, datetime(2035, 9, 12, 3, 0))

            claim_action = repair.with_user(advisor).action_create_warranty_claim()
            claim = self.env["auto.warranty.claim"].with_user(advisor).browse(claim_action["res_id"])
            self.assertEqual((claim.vehicle_id, claim.amount_claimed, claim.state), (vehicle, 450.0, "draft"))

            self.assertEqual(self._first_maintenance(consultant, vehicle).mapped("state"), ["planned", "planned"])

        # ---- the service return visit and the customer's satisfaction ---------------------------------------
        with freeze_time(SERVICE_CALL_DAY):
            visit = self._return_visits(relations, [("repair_id", "=", repair.id)])
            self.assertEqual(visit.plan_id.purpose, "service_return_visit")
            self.assertEqual((visit.date_scheduled, visit.user_id), (date(2035, 9, 14), relations))
            self.env["auto.followup"].browse(visit.ids)._open_now_if_due()  # the daily cron, as OdooBot
            answers = visit.with_user(relations).action_record_survey()
            with Form(self.env[answers["res_model"]].with_user(relations).with_context(**answers["context"])) as survey:
                survey.score_service_quality = "5"
                survey.score_service_initiation = "5"
                survey.score_advisor = "4"
                survey.score_facility = "5"
                survey.score_vehicle_pickup = "5"
                survey.nps_score = 9
            survey = survey.record
            self.assertEqual((survey.repair_id, survey.advisor_id, survey.csi), (repair, advisor, 96.0))
            self.assertEqual(survey.nps_category, "promoter")
            self.assertFalse(survey.ticket_id, "no low score: no complaint")
            self.env["auto.followup.done.wizard"].with_user(relations).create(
                {
                    "followup_ids": [Command.set(visit.ids)],
                    "outcome": "reached",
                    "note": "Window fixed, quiet now; scored the visit",
                }
            ).action_confirm()
            self.assertEqual(visit.state, "done")

            # ---- the CSI report shows that score ------------------------------------------------------------
            self.env.flush_all()
            Report = self.env["auto.service.evaluation.report"].with_user(relations)
            line = Report.search([("repair_id", "=", repair.id)])
            self.assertEqual((line.advisor_id, line.vehicle_id, line.partner_id), (advisor, vehicle, customer))
            self.assertEqual((line.service_type, line.date_done), ("warranty", date(2035, 9, 12)))
            self.assertEqual((line.csi, line.nps, line.survey_count, line.first_time_fix_rate), (96.0, 100.0, 1, 100.0))
            ((month, csi, nps, count),) = Report._read_group(
                [("advisor_id", "=", advisor.id)], ["date_done:month"], ["csi:avg", "nps:avg", "order_count:sum"]
            )
            self.assertEqual((month, csi, nps, count), (date(2035, 9, 1), 96.0, 100.0, 1))

    # ------------------------------------------------------------------
    # Steps and checks
    # ------------------------------------------------------------------
    def _finance_pays(self, invoice, amount):
        """Finance records a customer payment on the invoice through Odoo's Register Payment."""
        action = invoice.with_user(self.walk_finance).action_register_payment()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.walk_finance)
            .with_context(**action["context"])
            .create({"amount": amount})
        )
        return wizard.action_create_payments()

    def _first_maintenance(self, user, vehicle):
        return self._followups(
            user, [("vehicle_id", "=", vehicle.id), ("plan_id.purpose", "=", "maintenance_reminder")]
        ).sorted("date_scheduled")

    def _assert_handed_over(self, order, vehicle, customer):
        """What the delivery leaves behind, as the consultant, the warehouse and customer relations see it."""
        consultant = self.walk_consultant
        car = vehicle.with_user(consultant)
        self.assertEqual((car.partner_id, car.user_id, car.plate_number), (customer, consultant, "川A·88K66"))
        owners = car.ownership_ids
        self.assertEqual(len(owners), 1, "the first owner: a new car")
        self.assertEqual((owners.partner_id, owners.date_start, owners.date_end), (customer, date(2035, 3, 7), False))
        self.assertEqual(car.purchase_date, date(2035, 3, 21), "the day it was delivered")
        self.assertEqual((car.warranty_end_date, car.warranty_end_km), (date(2038, 3, 21), 100000))
        self.assertTrue(car.in_warranty)
        reading = car.odometer_ids
        self.assertEqual(
            (reading.value, reading.date, reading.source, reading.note), (0, date(2035, 3, 21), "sale", order.name)
        )
        self.assertEqual((car.mileage, car.mileage_date), (0, date(2035, 3, 21)))
        # stock: out to the customer, no longer in the dealer's stock or for sale
        stocked = vehicle.with_user(self.walk_clerk)
        self.assertEqual(stocked.state, "delivered")
        self.assertFalse(stocked.stock_location_id)
        quant = self.env["stock.quant"].search([("lot_id", "=", vehicle.lot_id.id), ("quantity", ">", 0)])
        self.assertEqual(quant.location_id, self.customer_location)
        self.assertNotIn(vehicle.lot_id, self.env["sale.order.line"]._auto_available_lots(self.product))
        # the customer: the sale is their value, and they came on the delivery day
        buyer = customer.with_user(consultant)
        self.assertEqual((buyer.auto_lifetime_value, buyer.auto_last_value_date), (142000.0, date(2035, 3, 7)))
        self.assertEqual(buyer.auto_last_visit_date, date(2035, 3, 21))
        # customer relations will call the new owner back within three days: on their Return Visits list, and on
        # a colleague's too, as the return visits after service orders
        visits = self._return_visits(self.walk_relations, [("vehicle_id", "=", vehicle.id)])
        self.assertEqual(len(visits), 1)
        self.assertEqual(visits.plan_id.purpose, "delivery_return_visit")
        self.assertEqual((visits.state, visits.date_scheduled), ("planned", date(2035, 3, 23)))
        self.assertEqual((visits.user_id, visits.partner_id), (self.walk_relations, customer))
        self.assertEqual(self._return_visits(self.walk_relations_colleague, [("vehicle_id", "=", vehicle.id)]), visits)
        # the first service (12 months, no daily mileage known yet) is reminded to the consultant
        reminders = self._first_maintenance(consultant, vehicle)
        self.assertEqual(reminders.mapped("trigger_date"), [date(2036, 3, 21)] * 2)
        self.assertEqual(reminders.mapped("date_scheduled"), [date(2036, 3, 7), date(2036, 3, 21)])
        self.assertEqual(reminders.mapped("channel"), ["call", "wechat"])
        self.assertEqual(reminders.user_id, consultant)
