"""The delivery survey (交车满意度): on the contract's portal page, once per contract, its own figure apart from
the service CSI; a low score opens a follow-up for customer relations; the delivery return visit records it."""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.auto_delivery_survey import FACTORS, LOW_SCORE_PURPOSE
from .common import AutoCrmSalesCase

GOOD = dict.fromkeys(FACTORS, "5")


class DeliverySurveyCase(AutoCrmSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.relations = new_test_user(cls.env, login="ds_relations", groups="auto_crm_customer.group_dealership_staff")
        cls.company.write(
            {"auto_delivery_survey_user_id": cls.relations.id, "auto_delivery_low_score": 2, "auto_delivery_low_nps": 6}
        )
        cls.owner1 = new_test_user(cls.env, login="ds_owner1", name="Owner One", groups="base.group_portal")
        cls.owner2 = new_test_user(cls.env, login="ds_owner2", name="Owner Two", groups="base.group_portal")
        cls.order1 = cls._delivered_order(cls.lot1, cls.owner1.partner_id)
        cls.order2 = cls._delivered_order(cls.lot2, cls.owner2.partner_id)

    @classmethod
    def _delivered_order(cls, lot, partner):
        order = cls._sign(cls._order(lot, partner=partner))
        # delivered as the stock's validation records it (the delivery itself is tested with the contract)
        order.order_line.filtered("auto_lot_id").write({"qty_delivered": 1})
        order.auto_contract_state = "delivered"
        order.message_subscribe(partner_ids=partner.ids)
        return order


@tagged("post_install", "-at_install")
class TestDeliverySurvey(DeliverySurveyCase):
    def test_answered_once_with_its_figure(self):
        Survey = self.env["auto.delivery.survey"]
        survey = Survey._create_from_customer(self.order1, {**GOOD, "score_promise": "3", "nps_score": 9})
        self.assertRecordValues(
            survey,
            [
                {
                    "partner_id": self.owner1.partner_id.id,
                    "user_id": self.consultant.id,
                    "vehicle_id": self.lot1.auto_vehicle_id.id,
                    "channel": "portal",
                    "is_low": False,
                    "low_score_followup_id": False,
                }
            ],
        )
        self.assertAlmostEqual(survey.score, round((5 * 5 + 3) / 6 / 5 * 100, 2))
        self.assertEqual(self.order1.auto_delivery_survey_count, 1)
        self.assertAlmostEqual(self.order1.auto_delivery_score, survey.score)
        with self.assertRaises(UserError):
            Survey._create_from_customer(self.order1, {**GOOD, "nps_score": 10})
        undelivered = self._sign(self._order(self.lot3))
        with self.assertRaises(UserError):
            Survey._create_from_customer(undelivered, {**GOOD, "nps_score": 10})
        with self.assertRaises(ValidationError):
            Survey.create({"order_id": undelivered.id, **GOOD, "nps_score": 10})

    def test_low_score_opens_a_followup_for_customer_relations(self):
        survey = self.env["auto.delivery.survey"].create(
            {"order_id": self.order2.id, **GOOD, "score_paperwork": "1", "nps_score": 8, "comment": "手续太慢"}
        )
        self.assertTrue(survey.is_low)
        followup = survey.low_score_followup_id
        self.assertTrue(followup)
        self.assertEqual(followup.plan_id.purpose, LOW_SCORE_PURPOSE)
        self.assertEqual(followup.user_id, self.relations, "customer relations calls the owner")
        self.assertEqual(followup.sale_order_id, self.order2)
        self.assertEqual(followup.partner_id, self.owner2.partner_id)
        followups = self.env["auto.followup"].search([("sale_order_id", "=", self.order2.id)])
        self.assertEqual(len(followups), len(followup.plan_id.step_ids), "one follow-up per step of the plan")

    def test_return_visit_records_the_survey_on_the_phone(self):
        call = self.env["auto.followup"].create(
            {
                "name": "Delivery return visit",
                "vehicle_id": self.lot1.auto_vehicle_id.id,
                "partner_id": self.owner1.partner_id.id,
                "user_id": self.relations.id,
                "date_scheduled": self.order1.date_order.date(),
            }
        )
        self.assertEqual(call.auto_delivery_order_id, self.order1)
        action = call.action_record_delivery_survey()
        self.assertEqual(action["context"]["default_order_id"], self.order1.id)
        survey = self.env["auto.delivery.survey"].with_context(**action["context"]).create({**GOOD, "nps_score": 10})
        self.assertRecordValues(survey, [{"order_id": self.order1.id, "followup_id": call.id, "channel": "phone"}])
        call.invalidate_recordset(["auto_delivery_order_id"])
        self.assertFalse(call.auto_delivery_order_id, "answered: nothing more to record")

    def test_consultant_reads_own_deliveries_surveys(self):
        Survey = self.env["auto.delivery.survey"]
        mine = Survey.create({"order_id": self.order1.id, **GOOD, "nps_score": 10})
        other_order = self._delivered_order(self.lot3, self.customer)
        other_order.user_id = self.consultant2
        theirs = Survey.create({"order_id": other_order.id, **GOOD, "nps_score": 10})
        self.assertEqual(theirs.user_id, self.consultant2)
        self.assertEqual(Survey.with_user(self.consultant).search([("id", "in", (mine | theirs).ids)]), mine)

    def test_analysis_equals_a_direct_query(self):
        Survey = self.env["auto.delivery.survey"]
        Survey.create({"order_id": self.order1.id, **GOOD, "score_ceremony": "3", "nps_score": 10})
        Survey.create({"order_id": self.order2.id, **GOOD, "score_overall": "4", "nps_score": 6})
        self.env.flush_all()
        rows = Survey._read_group([], ["user_id", "date:month"], ["score:avg", "__count"])
        self.env.cr.execute(
            """
            SELECT user_id, date_trunc('month', date)::date, avg(score), count(*)
              FROM auto_delivery_survey
             WHERE company_id = %s
             GROUP BY 1, 2
            """,
            [self.company.id],
        )
        expected = {(user_id, month): (score, count) for user_id, month, score, count in self.env.cr.fetchall()}
        got = {(user.id or None, month): (score, count) for user, month, score, count in rows}
        self.assertEqual(set(got), set(expected))
        for key, (score, count) in got.items():
            self.assertAlmostEqual(score, float(expected[key][0]), 2)
            self.assertEqual(count, expected[key][1])


@tagged("post_install", "-at_install")
class TestDeliverySurveyPortal(DeliverySurveyCase, HttpCase):
    def _answer(self, order, **answers):
        data = {"csrf_token": http.Request.csrf_token(self), **answers}
        return self.url_open(f"/my/orders/{order.id}/delivery_survey", data=data, allow_redirects=False)

    def test_each_owner_answers_only_their_own(self):
        Survey = self.env["auto.delivery.survey"]
        self.authenticate("ds_owner2", "ds_owner2")
        response = self._answer(self.order1, **GOOD, nps_score="10")
        self.assertIn("/my", response.headers.get("Location", ""))
        self.assertFalse(Survey.search([("order_id", "=", self.order1.id)]), "not Owner Two's contract")
        page = self.url_open(f"/my/orders/{self.order2.id}")
        self.assertIn("o_auto_delivery_survey_form", page.text)
        self.authenticate("ds_owner1", "ds_owner1")
        response = self._answer(self.order1, **{**GOOD, "score_promise": ""}, nps_score="10")
        self.assertIn("auto_survey_error=incomplete", response.headers.get("Location", ""))
        self.assertFalse(Survey.search([("order_id", "=", self.order1.id)]))
        response = self._answer(self.order1, **GOOD, nps_score="9", comment="提车很顺利")
        self.assertIn("message=delivery_survey", response.headers.get("Location", ""))
        survey = Survey.search([("order_id", "=", self.order1.id)])
        self.assertRecordValues(survey, [{"channel": "portal", "partner_id": self.owner1.partner_id.id, "score": 100}])
        with mute_logger("odoo.sql_db"):
            response = self._answer(self.order1, **GOOD, nps_score="0")
        self.assertIn("auto_survey_error=refused", response.headers.get("Location", ""))
        self.assertEqual(Survey.search_count([("order_id", "=", self.order1.id)]), 1, "answered once")
        page = self.url_open(f"/my/orders/{self.order1.id}")
        self.assertIn("o_auto_delivery_survey_done", page.text)
        self.assertNotIn("o_auto_delivery_survey_form", page.text)
