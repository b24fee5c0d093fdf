from odoo.exceptions import UserError
from odoo.modules.module import get_manifest
from odoo.tests import new_test_user, tagged

from .common import MARKETING, MARKETING_MANAGER, AutoCrmMarketingCase

MAILING_USER = "mass_mailing.group_mass_mailing_user"


def _installed(env, module):
    return bool(env["ir.module.module"].search_count([("name", "=", module), ("state", "=", "installed")]))


@tagged("post_install", "-at_install")
class TestTargetListMailing(AutoCrmMarketingCase):
    """A target list becomes a draft mailing or SMS of Odoo's mass mailing, where it is installed (`bin/autocrm
    test` installs mass_mailing and mass_mailing_sms with this addon): on res.partner, the list's customers who
    agreed to be contacted and are not blacklisted, attributed to the list's campaign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        base = {
            "auto_customer_type": "individual",
            "user_id": cls.consultant.id,
            "auto_contact_consent": True,
            "country_id": cls.env.ref("base.cn").id,
        }
        cls.agrees = Partner.create({**base, "name": "Agrees", "email": "agrees@example.com", "mobile": "13900000011"})
        cls.refuses = Partner.create(
            {**base, "name": "Refuses", "email": "refuses@example.com", "mobile": "13900000012"}
        )
        cls.refuses.auto_contact_consent = False
        cls.blacklisted = Partner.create(
            {**base, "name": "Blacklisted", "email": "gone@example.com", "mobile": "13900000013"}
        )
        cls.no_email = Partner.create({**base, "name": "Phone only", "mobile": "13900000014"})
        cls.campaign = cls._campaign("Spring test-drive day")
        cls.target = cls.env["auto.mkt.target.list"].create(
            {"name": "Spring invitations", "campaign_id": cls.campaign.id, "consent_only": False}
        )
        cls.target.write(
            {"state": "built", "partner_ids": (cls.agrees | cls.refuses | cls.blacklisted | cls.no_email).ids}
        )

    def test_buttons_follow_the_registry(self):
        target = self.target.with_user(self.marketer)
        self.assertEqual(target.mailing_available, "mailing.mailing" in self.env)
        self.assertEqual(target.mailing_available, _installed(self.env, "mass_mailing"))
        self.assertEqual(target.sms_available, _installed(self.env, "mass_mailing_sms"))
        if not target.mailing_available:
            with self.assertRaises(UserError):
                target.action_create_mailing()
        if not target.sms_available:
            with self.assertRaises(UserError):
                target.action_create_sms()

    def test_marketing_does_not_depend_on_mass_mailing(self):
        depends = get_manifest("auto_crm_marketing")["depends"]
        self.assertFalse([name for name in depends if name.startswith(("mass_mailing", "sms"))])

    def _mailing_installed(self):
        if "mailing.mailing" not in self.env:
            self.skipTest("mass_mailing is not installed (bin/autocrm test installs it with this addon)")
        self.blacklisted.env["mail.blacklist"].sudo()._add(self.blacklisted.email)
        return new_test_user(self.env, login="auto_mkt_mailer", name="Mailer Sun", groups=f"{MARKETING},{MAILING_USER}")

    def test_list_becomes_a_draft_mailing_of_its_campaign(self):
        mailer = self._mailing_installed()
        target = self.target.with_user(mailer)
        self.assertTrue(target.mailing_available)
        action = target.action_create_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "mailing.mailing")
        self.assertEqual(mailing.state, "draft")
        self.assertEqual(mailing.mailing_type, "mail")
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.subject, "Spring test-drive day")
        # attribution: the campaign, a source of the mailing and the email medium, which its tracked links carry
        self.assertEqual(mailing.campaign_id, self.campaign)
        self.assertTrue(mailing.source_id)
        self.assertEqual(mailing.medium_id, self.env["utm.medium"]._fetch_or_create_utm_medium("email"))
        # only the customers who agreed, with an address that is not blacklisted
        recipients = self.env["res.partner"].search(mailing._parse_mailing_domain())
        self.assertEqual(recipients, self.agrees)
        self.assertIn(self.campaign, self.env["utm.campaign"].search([("mailing_mail_ids", "in", mailing.ids)]))
        self.assertIn(mailing.subject, self.target.message_ids[0].body)

    def test_list_becomes_a_draft_sms(self):
        mailer = self._mailing_installed()
        if "sms" not in dict(self.env["mailing.mailing"]._fields["mailing_type"].selection):
            self.skipTest("mass_mailing_sms is not installed")
        action = self.target.with_user(mailer).action_create_sms()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.mailing_type, "sms")
        self.assertEqual(mailing.campaign_id, self.campaign)
        self.assertEqual(mailing.medium_id.name.lower(), "sms")
        recipients = self.env["res.partner"].search(mailing._parse_mailing_domain())
        # the customers who agreed with a mobile: the email blacklist does not stop a text message
        self.assertEqual(recipients, self.agrees | self.blacklisted | self.no_email)
        self.env["phone.blacklist"].sudo().add(self.no_email.phone_sanitized)
        action = self.target.with_user(mailer).action_create_sms()
        recipients = self.env["res.partner"].search(
            self.env["mailing.mailing"].browse(action["res_id"])._parse_mailing_domain()
        )
        self.assertEqual(recipients, self.agrees | self.blacklisted)

    def test_mailing_needs_the_mailing_right_and_a_reachable_customer(self):
        self._mailing_installed()
        # the marketing manager's right (Odoo's lets its holders delete campaigns, which a specialist may not)
        self.env["auto.mkt.target.list"]._grant_mailing_rights()
        self.assertIn(self.env.ref(MAILING_USER), self.env.ref(MARKETING_MANAGER).implied_ids)
        self.assertNotIn(self.env.ref(MAILING_USER), self.env.ref(MARKETING).trans_implied_ids)
        self.assertTrue(self.env["mailing.mailing"].with_user(self.marketing_manager).has_access("create"))
        with self.assertRaises(UserError):
            self.target.with_user(self.marketer).action_create_mailing()
        # a list nobody on it agreed to: no empty mailing
        empty = self.env["auto.mkt.target.list"].create({"name": "Refusers", "consent_only": False})
        empty.write({"state": "built", "partner_ids": self.refuses.ids})
        with self.assertRaises(UserError):
            empty.with_user(self.marketing_manager).action_create_mailing()
        draft = self.env["auto.mkt.target.list"].create({"name": "Not built"})
        with self.assertRaises(UserError):
            draft.with_user(self.marketing_manager).action_create_mailing()
