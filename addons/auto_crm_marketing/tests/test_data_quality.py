from odoo.tests import Form, tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestDataQuality(AutoCrmMarketingCase):
    def test_report_lists_missing_invalid_and_duplicates(self):
        Lead = self.env["crm.lead"]
        no_mobile = Lead.create({"name": "No mobile", "contact_name": "Mr Lu", "auto_source_channel": "website"})
        bad = Lead.create(
            {"name": "Bad mobile", "contact_name": "Ms Bai", "mobile": "12345", "auto_source_channel": "car_portal"}
        )
        twin_a = Lead.create({"name": "Twin A", "contact_name": "Mr Twin", "mobile": "+86 139-1111-2222"})
        twin_b = Lead.create({"name": "Twin B", "contact_name": "Mr Twin", "mobile": "13911112222"})
        self.env.flush_all()
        Report = self.env["auto.mkt.data.quality.report"].with_user(self.marketer)
        issues = {
            (row.lead_id, row.issue)
            for row in Report.search([("lead_id", "in", (no_mobile | bad | twin_a | twin_b).ids)])
        }
        self.assertIn((no_mobile, "missing_mobile"), issues)
        self.assertIn((bad, "invalid_mobile"), issues)
        self.assertIn((twin_a, "duplicate_mobile"), issues)
        self.assertIn((twin_b, "duplicate_mobile"), issues)
        self.assertNotIn((twin_a, "invalid_mobile"), issues)
        bad_row = Report.search([("lead_id", "=", bad.id)])
        self.assertEqual(bad_row.source_channel, "car_portal")

    def test_merge_of_duplicate_customers_keeps_every_record(self):
        Partner = self.env["res.partner"].with_context(auto_crm_skip_mobile_unique=True)
        first = Partner.create({"name": "Wang Fang", "auto_customer_type": "individual", "mobile": "13922223333"})
        second = Partner.create({"name": "王芳", "auto_customer_type": "individual", "mobile": "139 2222 3333"})
        vehicle = self.env["auto.vehicle"].create(
            {"vin": self._vin("LGXCE4CB", 901), "model_id": self.model.id, "partner_id": second.id, "state": "customer"}
        )
        lead = self.env["crm.lead"].create({"name": "Second's lead", "partner_id": second.id})
        self.env.flush_all()
        rows = self.env["auto.mkt.data.quality.report"].search(
            [("issue", "=", "duplicate_mobile"), ("partner_id", "in", (first | second).ids)]
        )
        self.assertEqual(rows.partner_id, first | second)
        action = rows.with_user(self.marketer).action_merge()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = Form(self.env[action["res_model"]].with_user(self.marketer).with_context(**action["context"]))
        wizard.dst_partner_id = first
        wizard.save().action_merge()
        self.assertFalse(second.exists())
        self.assertEqual(vehicle.partner_id, first, "the vehicle moved to the customer kept")
        self.assertEqual(lead.partner_id, first, "the lead moved to the customer kept")

    def test_merge_of_duplicate_leads(self):
        Lead = self.env["crm.lead"]
        a = Lead.create({"name": "A", "type": "opportunity", "mobile": "13933334444", "user_id": self.consultant.id})
        b = Lead.create({"name": "B", "type": "opportunity", "mobile": "+8613933334444", "user_id": self.consultant.id})
        self.env.flush_all()
        rows = self.env["auto.mkt.data.quality.report"].search(
            [("issue", "=", "duplicate_mobile"), ("lead_id", "in", (a | b).ids)]
        )
        action = rows.with_user(self.marketer).action_merge()
        self.assertEqual(action["res_model"], "crm.merge.opportunity")
        wizard = self.env[action["res_model"]].with_user(self.marketer).with_context(**action["context"]).create({})
        self.assertEqual(wizard.opportunity_ids, a | b)
        kept = wizard.action_merge()
        self.assertEqual(len((a | b).exists()), 1)
        self.assertTrue(kept)
