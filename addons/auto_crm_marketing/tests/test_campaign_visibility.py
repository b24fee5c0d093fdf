from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestCampaignVisibility(AutoCrmMarketingCase):
    """Who reads which campaign: marketing all, a consultant those concerning their customers, every user the
    running ones and Odoo's own (so that a lead or a quotation still takes a campaign)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="odoo_salesman", name="Odoo Salesman", groups="sales_team.group_sale_salesman"
        )
        cls.running = cls._campaign("Running show")
        cls.running.action_auto_submit()
        cls.running.with_user(cls.marketing_manager).action_auto_approve()
        cls.running.action_auto_start()
        cls.draft = cls._campaign("Draft launch")
        cls.with_lead = cls._campaign("Show with a lead")
        cls.with_list = cls._campaign("Draft recall with a list")
        cls.other = cls._campaign("Someone else's")
        cls.odoo_own = cls.env["utm.campaign"].create({"title": "Newsletter"})
        cls.env["crm.lead"].create(
            [
                {"name": "Walk-in", "user_id": cls.consultant.id, "campaign_id": cls.with_lead.id},
                {"name": "Other walk-in", "user_id": cls.consultant2.id, "campaign_id": cls.other.id},
            ]
        )
        cls.target = cls.env["auto.mkt.target.list"].create(
            {"name": "Recall owners", "campaign_id": cls.with_list.id, "consent_only": False}
        )
        cls.target.partner_ids = cls.customer  # the consultant's customer
        cls.campaigns = cls.running | cls.draft | cls.with_lead | cls.with_list | cls.other | cls.odoo_own

    def _visible(self, user):
        return self.env["utm.campaign"].with_user(user).search([("id", "in", self.campaigns.ids)])

    def test_marketing_sees_every_campaign(self):
        self.assertEqual(self._visible(self.marketer), self.campaigns)

    def test_consultant_sees_the_campaigns_of_their_customers_and_the_running_ones(self):
        self.assertEqual(self._visible(self.consultant), self.running | self.with_lead | self.with_list | self.odoo_own)
        self.assertEqual(
            self.env["auto.mkt.target.list"].with_user(self.consultant).search([("id", "=", self.target.id)]),
            self.target,
        )
        self.assertFalse(
            self.env["auto.mkt.target.list"].with_user(self.consultant2).search([("id", "=", self.target.id)])
        )
        with self.assertRaises(AccessError):
            self.draft.with_user(self.consultant).read(["title"])
        # seeing a campaign is not planning it
        with self.assertRaises(AccessError):
            self.with_lead.with_user(self.consultant).write({"title": "Renamed"})

    def test_advisor_sees_the_list_whose_calls_they_make(self):
        self.target.followup_user_ids = self.advisor
        self.assertEqual(self._visible(self.advisor), self.running | self.with_list | self.odoo_own)
        self.assertTrue(self.target.with_user(self.advisor).read(["name"]))

    def test_sales_manager_sees_the_campaigns_of_the_team_leads(self):
        team = self.env["crm.team"].create({"name": "Showroom A", "user_id": self.manager.id})
        self.env["crm.lead"].create({"name": "Team lead", "team_id": team.id, "campaign_id": self.other.id})
        self.assertIn(self.other, self._visible(self.manager))
        self.assertNotIn(self.draft, self._visible(self.manager))

    def test_plain_odoo_salesman_attributes_a_lead_and_a_quotation(self):
        self.assertEqual(self._visible(self.salesman), self.running | self.odoo_own)
        Lead = self.env["crm.lead"].with_user(self.salesman)
        with Form(Lead) as form:
            form.name = "Came from the show"
            form.campaign_id = self.running
        lead = form.save()
        self.assertEqual(lead.campaign_id, self.running)
        # a document whose campaign the user cannot read still opens, with the campaign's name
        hidden = self.env["crm.lead"].create({"name": "Old", "user_id": self.salesman.id, "campaign_id": self.draft.id})
        values = hidden.with_user(self.salesman).web_read({"campaign_id": {"fields": {"display_name": {}}}})
        self.assertEqual(values[0]["campaign_id"]["display_name"], "Draft launch")
        # Odoo's quick create of a campaign keeps identifiers unique over the campaigns the user cannot see
        twin = self.env["utm.campaign"].with_user(self.salesman).create({"title": "Draft launch"})
        self.assertNotEqual(twin.name, self.draft.name)
        self.assertEqual(self._visible(self.salesman) & self.draft, self.env["utm.campaign"])

    def test_campaign_of_a_lead_created_from_the_consultant_form(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.consultant)
            .create({"name": "Show visitor", "campaign_id": self.running.id, "user_id": self.consultant.id})
        )
        self.assertIn(self.running, self._visible(self.consultant))
        order = (
            self.env["sale.order"]
            .with_user(self.consultant)
            .create({"partner_id": self.customer.id, "campaign_id": self.running.id, "opportunity_id": lead.id})
        )
        self.assertEqual(order.campaign_id, self.running)
        self.assertEqual(lead.campaign_id.with_user(self.consultant).title, "Running show")

    def test_staff_campaigns_menu_reads_their_own_leads_and_follow_ups(self):
        """Sales > Marketing Campaigns and After-sales > Marketing Campaigns: the campaigns the user may see, with
        their own leads and follow-ups from each, read-only."""
        action = self.env.ref("auto_crm_marketing.utm_campaign_action_staff")
        sales_menu = self.env.ref("auto_crm_marketing.utm_campaign_menu_sales_staff")
        service_menu = self.env.ref("auto_crm_marketing.utm_campaign_menu_service_staff")
        self.assertEqual((sales_menu.action, service_menu.action), (action, action))
        Menu = self.env["ir.ui.menu"]
        self.assertIn(sales_menu.id, Menu.with_user(self.consultant)._visible_menu_ids())
        self.assertIn(service_menu.id, Menu.with_user(self.advisor)._visible_menu_ids())
        self.assertNotIn(sales_menu.id, Menu.with_user(self.advisor)._visible_menu_ids())
        self.env["crm.lead"].create(
            {"name": "Second walk-in", "user_id": self.consultant.id, "campaign_id": self.running.id}
        )
        self.env["crm.lead"].create(
            {"name": "Not mine", "user_id": self.consultant2.id, "campaign_id": self.running.id}
        )
        self.target.state = "built"
        self.target.with_user(self.marketer).action_schedule_followups()
        Campaign = self.env["utm.campaign"].with_user(self.consultant)
        campaigns = Campaign.search(safe_eval(action.domain))
        self.assertEqual(campaigns & self.campaigns, self.running | self.with_lead | self.with_list)
        counts = {c.title: (c.auto_my_lead_count, c.auto_my_followup_count) for c in campaigns & self.campaigns}
        plan = self.env["auto.followup.plan"]._for_purpose("campaign_call")
        self.assertEqual(
            counts,
            {"Running show": (1, 0), "Show with a lead": (1, 0), "Draft recall with a list": (0, len(plan.step_ids))},
        )
        leads = (
            self.env["crm.lead"]
            .with_user(self.consultant)
            .search(self.running.with_user(self.consultant).action_auto_view_my_leads()["domain"])
        )
        self.assertEqual(leads.mapped("name"), ["Second walk-in"])
        followups = (
            self.env["auto.followup"]
            .with_user(self.consultant)
            .search(self.with_list.with_user(self.consultant).action_auto_view_my_followups()["domain"])
        )
        self.assertEqual(len(followups), len(plan.step_ids))
        self.assertEqual(followups.partner_id, self.customer)
        # the advisor reads no leads: the count stays 0 instead of an access error
        self.assertEqual(self.running.with_user(self.advisor).auto_my_lead_count, 0)
        # read-only for them: the views say so, and the rules refuse a change
        for view in ("utm_campaign_view_list_staff", "utm_campaign_view_form_staff"):
            arch = self.env.ref(f"auto_crm_marketing.{view}").arch
            self.assertIn('create="0"', arch)
            self.assertIn('edit="0"', arch)
        with self.assertRaises(AccessError):
            self.with_list.with_user(self.consultant).write({"auto_date_end": self.with_list.auto_date_start})
