from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestLead(AutoCrmSalesCase):
    def _lead(self, **values):
        return self.env["crm.lead"].create(
            {"name": "Qin PLUS enquiry", "type": "opportunity", "user_id": self.consultant.id, **values}
        )

    @freeze_time("2025-03-03")
    def test_grade_drives_the_cadence(self):
        lead = self._lead(auto_grade_id=self.grade_h.id, auto_model_id=self.model.id, mobile="13700001111")
        followup = lead.auto_followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.date_scheduled, date(2025, 3, 5), "H: every 2 days")
        self.assertEqual(followup.user_id, self.consultant)
        self.assertEqual(lead.auto_next_followup_date, date(2025, 3, 5))

        lead.auto_grade_id = self.grade_b
        self.assertEqual(followup.state, "cancelled", "a new grade replaces the old cadence")
        pending = lead.auto_followup_ids.filtered(lambda f: f.state == "planned")
        self.assertEqual(pending.date_scheduled, date(2025, 3, 17), "B: every 2 weeks")

        with freeze_time("2025-03-20"):
            self.env["auto.followup"]._cron_run_followups()
            lead.invalidate_recordset()
            self.assertTrue(lead.auto_followup_overdue, "a follow-up past its date flags the lead")
            pending._close("reached", "Wants a test drive next week")
            self.assertFalse(lead.auto_followup_overdue)
            self.assertTrue(lead.auto_date_first_response)
            following = lead.auto_followup_ids.filtered(lambda f: f.state == "planned")
            self.assertEqual(following.date_scheduled, date(2025, 4, 3), "the cadence goes on from the last contact")

    def test_grades_default_cadence(self):
        expected = {"O": 7, "H": 2, "A": 7, "B": 14, "C": 30}
        for code, days in expected.items():
            grade = self.env["auto.lead.grade"].search([("code", "=", code)])
            self.assertEqual(grade.cadence_days, days, code)
        self.assertTrue(self.env.ref("auto_crm_sales.auto_lead_grade_f").is_lost)

    def test_losing_requires_loss_analysis(self):
        lead = self._lead(auto_grade_id=self.grade_h.id)
        reason = self.env.ref("auto_crm_sales.crm_lost_reason_competitor")
        without_note = Form(self.env["crm.lead.lost"].with_context(active_ids=lead.ids, default_lead_ids=lead.ids))
        self.assertTrue(without_note.auto_needs_loss_analysis, "the wizard asks for the analysis")
        # what the server says when the client's required marks are bypassed (an RPC call, a custom view)
        without_note = self.env["crm.lead.lost"].create({"lead_ids": lead.ids, "lost_reason_id": reason.id})
        with self.assertRaises(UserError):
            without_note.action_lost_reason_apply()
        self.assertTrue(lead.active, "the consultant's lead is not lost without its analysis")
        competitor = self.env["auto.vehicle.brand"].create({"name": "Geely"})
        wizard = Form(self.env["crm.lead.lost"].with_context(active_ids=lead.ids, default_lead_ids=lead.ids))
        wizard.lost_reason_id = reason
        wizard.auto_competitor_brand_id = competitor
        wizard.auto_competitor_model = "Xingyue L"
        wizard.lost_feedback = "<p>Got a better loan offer at the Geely dealer.</p>"
        wizard.save().action_lost_reason_apply()
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, reason)
        self.assertEqual(lead.auto_competitor_brand_id, competitor)
        self.assertEqual(lead.auto_competitor_model, "Xingyue L")
        self.assertIn("better loan offer", lead.auto_loss_note)
        self.assertEqual(lead.auto_grade_code, "F")
        self.assertFalse(lead.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")))

    def test_losing_through_the_api_keeps_odoo_contract(self):
        """Integrations and server actions lose leads with a reason only, as Odoo allows."""
        reason = self.env.ref("auto_crm_sales.crm_lost_reason_competitor")
        graded = self._lead(auto_grade_id=self.grade_h.id)
        self.assertTrue(graded.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")))
        plain = self.env["crm.lead"].create({"name": "Fleet tyres enquiry", "type": "opportunity"})
        (graded | plain).action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(graded.active or plain.active)
        self.assertEqual(graded.auto_grade_code, "F", "a dealership lead takes the lost grade")
        self.assertFalse(plain.auto_grade_id, "a lead of Odoo's own CRM is not graded")
        self.assertFalse(graded.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")))
        # a lead of Odoo's own CRM is lost through the wizard without a note, as in Odoo
        other = self.env["crm.lead"].create({"name": "Office chairs", "type": "opportunity"})
        wizard = Form(self.env["crm.lead.lost"].with_context(active_ids=other.ids, default_lead_ids=other.ids))
        self.assertFalse(wizard.auto_needs_loss_analysis)
        wizard.lost_reason_id = reason
        wizard.save().action_lost_reason_apply()
        self.assertFalse(other.active)

    def test_duplicate_mobile_is_flagged_and_linked(self):
        # the customer's mobile typed another way
        lead = self._lead(mobile="+86 138-0013-8000")
        self.assertEqual(lead.partner_id, self.customer, "the existing customer is linked, not created again")
        self.assertEqual(lead.auto_duplicate_partner_id, self.customer)
        self.assertTrue(lead.auto_is_duplicate)

        first = self._lead(mobile="13911112222", name="First enquiry")
        self.assertFalse(first.auto_is_duplicate)
        second = self._lead(mobile="139 1111 2222", name="Second enquiry")
        self.assertEqual(second.auto_duplicate_lead_id, first)
        self.assertTrue(second.auto_is_duplicate)
        self.assertFalse(first.auto_duplicate_lead_id, "the first lead stays the reference")

    def test_odoo_similar_leads_find_the_mobile_typed_another_way(self):
        """Odoo's Similar Leads reads phones in E.164 through the company's country: in a company set in the United
        States, "139 2222 3333" and "0086 139-2222-3333" are not the same number to Odoo, but are to the dealer."""
        self.env.company.country_id = self.env.ref("base.us")
        first = self._lead(mobile="139 2222 3333", name="Walk-in")
        second = self._lead(mobile="0086 139-2222-3333", name="Website form")
        other = self._lead(mobile="13944445555", name="Someone else")
        self.assertIn(second, first.duplicate_lead_ids)
        self.assertIn(first, second.duplicate_lead_ids)
        self.assertEqual(first.duplicate_lead_count, 1)
        self.assertNotIn(other, first.duplicate_lead_ids)
        self.assertEqual(other.duplicate_lead_count, 0)

    def test_reassign_wizard_hands_over_leads(self):
        lead = self._lead()
        wizard = self.env["auto.customer.reassign.wizard"].create(
            {"user_from_id": self.consultant.id, "user_to_id": self.consultant2.id}
        )
        self.assertEqual(wizard.lead_count, 1)
        wizard.action_reassign()
        self.assertEqual(lead.user_id, self.consultant2)
