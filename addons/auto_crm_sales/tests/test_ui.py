from odoo.tests import HttpCase, tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestConsultantTour(AutoCrmSalesCase, HttpCase):
    """The consultant's part of a car's life in the web client, in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # the Chinese of the sales addon, even in a database where the demo did not load it
        cls.env["ir.module.module"]._load_module_terms(["auto_crm_sales"], ["zh_CN"])
        cls.consultant.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.walk_in = cls.env["res.partner"].create(
            {
                "name": "周先生",
                "auto_customer_type": "individual",
                "mobile": "13688886666",
                "user_id": cls.consultant.id,
            }
        )

    def test_consultant_day_tour(self):
        self.start_tour("/odoo", "auto_crm_sales_consultant_day", login=self.consultant.login)
        lead = self.env["crm.lead"].search([("partner_id", "=", self.walk_in.id)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.user_id, self.consultant)
        self.assertEqual(lead.auto_grade_id, self.grade_h)
        self.assertEqual(lead.auto_model_id, self.model)
        self.assertEqual(lead.auto_followup_ids.user_id, self.consultant, "the H cadence's first follow-up")
        drive = self.env["auto.test.drive"].search([("lead_id", "=", lead.id)])
        self.assertEqual(drive.vehicle_id, self.demo_vehicle)
        self.assertEqual(drive.partner_id, self.walk_in)
        self.assertEqual(drive.user_id, self.consultant)
        self.assertEqual(drive.licence_number, "510104199001011234")
