"""Customer relations (after-sales) records the delivery survey of sales on the phone: this addon gives them
the right, as it knows both."""

from odoo.tests import Form, new_test_user, tagged

from odoo.addons.auto_crm_sales.tests.test_delivery_survey import GOOD, DeliverySurveyCase


@tagged("post_install", "-at_install")
class TestDeliverySurveyRelations(DeliverySurveyCase):
    def test_customer_relations_records_the_survey_from_the_return_visit(self):
        relations = new_test_user(self.env, login="ds_cr", groups="auto_crm_aftersales.group_customer_relations")
        call = self.env["auto.followup"].create(
            {
                "name": "Delivery return visit",
                "vehicle_id": self.lot2.auto_vehicle_id.id,
                "partner_id": self.owner2.partner_id.id,
                "user_id": relations.id,
                "date_scheduled": self.order2.date_order.date(),
            }
        )
        call = call.with_user(relations)
        self.assertEqual(call.auto_delivery_order_id, self.order2)
        action = call.action_record_delivery_survey()
        Survey = self.env["auto.delivery.survey"].with_user(relations).with_context(**action["context"])
        with Form(Survey, view=action["views"][0][0]) as form:
            for name, score in GOOD.items():
                setattr(form, name, score)
            form.score_paperwork = "2"
            form.nps_score = 7
        survey = form.record
        self.assertRecordValues(
            survey.sudo(),
            [{"order_id": self.order2.id, "followup_id": call.id, "partner_id": self.owner2.partner_id.id}],
        )
        self.assertTrue(survey.sudo().low_score_followup_id, "a low score opens the follow-up")
        self.assertEqual(Survey.search([("id", "=", survey.id)]), survey, "customer relations reads every survey")
