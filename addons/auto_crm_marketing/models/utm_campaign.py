from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CAMPAIGN_TYPES = [
    ("auto_show", "Auto Show"),
    ("test_drive_day", "Test-drive Day"),
    ("model_launch", "Model Launch"),
    ("online_ads", "Online Ads"),
    ("social", "WeChat / Social Media"),
    ("promotion", "Promotion with Gifts"),
    ("service", "Service Campaign"),
    ("recall", "Recall"),
    ("club_event", "Customer Club Event"),
]
CAMPAIGN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("closed", "Closed"),
]
MONTHS = [(f"{m:02d}", f"{m:02d}") for m in range(1, 13)]
MARKETING = "auto_crm_marketing.group_marketing"
MARKETING_MANAGER = "auto_crm_marketing.group_marketing_manager"
GENERAL_MANAGER = "auto_crm_customer.group_dealership_manager"
# the fields only marketing changes (everybody may read a campaign, and Odoo lets every user edit utm)
PROTECTED_FIELDS = {
    "auto_state",
    "auto_campaign_type",
    "auto_date_start",
    "auto_date_end",
    "auto_plan_id",
    "auto_cost_line_ids",
    "auto_model_ids",
    "auto_target_leads",
    "auto_target_test_drives",
    "auto_target_orders",
    "auto_target_service_visits",
    "auto_approved_by_id",
    "auto_date_approved",
}
# a contract counts as a sale once signed (auto_crm_sales' SIGNED_STATES)
SIGNED_STATES = ("signed", "in_execution", "delivered", "closed")


class UtmCampaign(models.Model):
    """A dealership campaign (市场活动) on Odoo's utm campaign, which leads, quotations, test drives and service
    orders already carry: plan, budget and approval here, results read from the documents it brought."""

    _name = "utm.campaign"
    _inherit = ["utm.campaign", "mail.thread", "mail.activity.mixin"]

    auto_campaign_type = fields.Selection(CAMPAIGN_TYPES, string="Campaign Type", index=True, tracking=True)
    auto_state = fields.Selection(
        CAMPAIGN_STATES,
        string="Campaign Status",
        default="draft",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    auto_date_start = fields.Date("Start Date", tracking=True)
    auto_date_end = fields.Date("End Date", tracking=True)
    auto_month = fields.Selection(
        MONTHS,
        string="Month",
        compute="_compute_auto_month",
        store=True,
        index=True,
        help="Month of the start date: the annual plan groups its campaigns by it.",
    )
    auto_plan_id = fields.Many2one("auto.mkt.plan", string="Annual Plan", index="btree_not_null", tracking=True)
    auto_model_ids = fields.Many2many("auto.vehicle.model", string="Models Promoted")
    auto_description = fields.Html("Plan and Content")
    auto_target_leads = fields.Integer("Target Leads", tracking=True)
    auto_target_test_drives = fields.Integer("Target Test Drives", tracking=True)
    auto_target_orders = fields.Integer("Target Orders", tracking=True)
    auto_target_service_visits = fields.Integer("Target Service Visits", tracking=True)
    auto_cost_line_ids = fields.One2many("auto.mkt.campaign.cost", "campaign_id", string="Budget and Costs")
    auto_budget_planned = fields.Monetary(
        "Planned Budget",
        compute="_compute_auto_costs",
        store=True,
        currency_field="currency_id",
        tracking=True,
    )
    auto_cost_actual = fields.Monetary(
        "Actual Cost", compute="_compute_auto_costs", store=True, currency_field="currency_id"
    )
    auto_needs_gm_approval = fields.Boolean(
        "General Manager Approves",
        compute="_compute_auto_needs_gm_approval",
        help="The planned budget is above the company's threshold: the general manager approves.",
    )
    auto_approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    auto_date_approved = fields.Datetime("Approved On", readonly=True, copy=False)
    auto_target_list_ids = fields.One2many("auto.mkt.target.list", "campaign_id", string="Target Lists")
    # the leads the campaign brought (the record rules of the consultants and sales managers read them)
    auto_lead_ids = fields.One2many("crm.lead", "campaign_id", string="Attributed Leads")
    # results, from the documents that carry the campaign (computed in a few grouped queries)
    auto_lead_count = fields.Integer("Leads", compute="_compute_auto_results")
    auto_test_drive_count = fields.Integer("Test Drives", compute="_compute_auto_results")
    auto_order_count = fields.Integer("Orders", compute="_compute_auto_results")
    auto_service_count = fields.Integer("Service Visits", compute="_compute_auto_results")
    auto_gross_profit = fields.Monetary(
        "Attributed Gross Profit", compute="_compute_auto_results", currency_field="currency_id"
    )
    auto_cost_per_lead = fields.Monetary("Cost per Lead", compute="_compute_auto_results", currency_field="currency_id")
    auto_cost_per_test_drive = fields.Monetary(
        "Cost per Test Drive", compute="_compute_auto_results", currency_field="currency_id"
    )
    auto_cost_per_order = fields.Monetary(
        "Cost per Sale", compute="_compute_auto_results", currency_field="currency_id"
    )
    auto_roi = fields.Float(
        "ROI",
        compute="_compute_auto_results",
        digits=(16, 2),
        help="Attributed gross profit divided by the actual cost (2.0: the campaign brought twice its cost).",
    )
    # the current user's part of the campaign: what a consultant or advisor reads in their Campaigns menu
    auto_my_lead_count = fields.Integer(
        "My Leads", compute="_compute_auto_my_counts", help="Your leads attributed to the campaign."
    )
    auto_my_followup_count = fields.Integer(
        "My Follow-ups",
        compute="_compute_auto_my_counts",
        help="Your follow-ups of the campaign's target lists (the customers you call for it).",
    )
    auto_lead_achievement = fields.Float("Leads vs Target (%)", compute="_compute_auto_results", digits=(16, 1))
    auto_test_drive_achievement = fields.Float(
        "Test Drives vs Target (%)", compute="_compute_auto_results", digits=(16, 1)
    )
    auto_order_achievement = fields.Float("Orders vs Target (%)", compute="_compute_auto_results", digits=(16, 1))
    auto_service_achievement = fields.Float(
        "Service Visits vs Target (%)", compute="_compute_auto_results", digits=(16, 1)
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("auto_date_start")
    def _compute_auto_month(self):
        for campaign in self:
            campaign.auto_month = campaign.auto_date_start and f"{campaign.auto_date_start.month:02d}"

    @api.depends_context("uid")
    def _compute_auto_my_counts(self):
        leads = {}
        # a service advisor reads no leads: only theirs are counted, and only by those who read leads
        if self.env["crm.lead"].has_access("read"):
            leads = dict(
                self.env["crm.lead"]._read_group(
                    [("campaign_id", "in", self.ids), ("user_id", "=", self.env.uid)], ["campaign_id"], ["__count"]
                )
            )
        followups = self._auto_my_followups()
        for campaign in self:
            campaign.auto_my_lead_count = leads.get(campaign, 0)
            campaign.auto_my_followup_count = len(followups.get(campaign.id, ()))

    @api.depends("auto_cost_line_ids.amount_company", "auto_cost_line_ids.kind")
    def _compute_auto_costs(self):
        totals = {
            (campaign.id, kind): amount
            for campaign, kind, amount in self.env["auto.mkt.campaign.cost"]
            .sudo()
            ._read_group(
                # sudo: the totals of a campaign are shown to everybody who reads it, the lines to marketing
                [("campaign_id", "in", self.ids)],
                ["campaign_id", "kind"],
                ["amount_company:sum"],
            )
        }
        for campaign in self:
            campaign.auto_budget_planned = totals.get((campaign.id, "planned"), 0.0)
            campaign.auto_cost_actual = totals.get((campaign.id, "actual"), 0.0)

    @api.depends("auto_budget_planned", "company_id.auto_mkt_approval_threshold")
    def _compute_auto_needs_gm_approval(self):
        for campaign in self:
            company = campaign.company_id or self.env.company
            campaign.auto_needs_gm_approval = campaign.auto_budget_planned > company.auto_mkt_approval_threshold

    def _compute_auto_results(self):
        results = self._auto_campaign_results()
        for campaign in self:
            result = results.get(campaign.id, {})
            leads = result.get("leads", 0)
            drives = result.get("test_drives", 0)
            orders = result.get("orders", 0)
            visits = result.get("service_visits", 0)
            cost = campaign.auto_cost_actual
            profit = result.get("gross_profit", 0.0)
            campaign.auto_lead_count = leads
            campaign.auto_test_drive_count = drives
            campaign.auto_order_count = orders
            campaign.auto_service_count = visits
            campaign.auto_gross_profit = profit
            campaign.auto_cost_per_lead = cost / leads if leads else 0.0
            campaign.auto_cost_per_test_drive = cost / drives if drives else 0.0
            campaign.auto_cost_per_order = cost / orders if orders else 0.0
            campaign.auto_roi = profit / cost if cost else 0.0
            campaign.auto_lead_achievement = _achievement(leads, campaign.auto_target_leads)
            campaign.auto_test_drive_achievement = _achievement(drives, campaign.auto_target_test_drives)
            campaign.auto_order_achievement = _achievement(orders, campaign.auto_target_orders)
            campaign.auto_service_achievement = _achievement(visits, campaign.auto_target_service_visits)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("auto_date_start", "auto_date_end")
    def _check_auto_dates(self):
        for campaign in self:
            if (
                campaign.auto_date_start
                and campaign.auto_date_end
                and campaign.auto_date_end < campaign.auto_date_start
            ):
                raise ValidationError(
                    _(
                        "The campaign %(campaign)s ends (%(end)s) before it starts (%(start)s): correct the dates.",
                        campaign=campaign.title,
                        end=campaign.auto_date_end,
                        start=campaign.auto_date_start,
                    )
                )

    @api.constrains("auto_target_leads", "auto_target_test_drives", "auto_target_orders", "auto_target_service_visits")
    def _check_auto_targets(self):
        for campaign in self:
            targets = (
                campaign.auto_target_leads,
                campaign.auto_target_test_drives,
                campaign.auto_target_orders,
                campaign.auto_target_service_visits,
            )
            if any(target < 0 for target in targets):
                raise ValidationError(
                    _("The objectives of the campaign %(campaign)s cannot be negative.", campaign=campaign.title)
                )

    @api.constrains("auto_plan_id", "auto_date_start")
    def _check_auto_plan_year(self):
        for campaign in self:
            plan = campaign.auto_plan_id
            if plan and campaign.auto_date_start and campaign.auto_date_start.year != plan.year:
                raise ValidationError(
                    _(
                        "The campaign %(campaign)s starts in %(year)s but belongs to the annual plan %(plan)s: "
                        "move it to the plan of its year.",
                        campaign=campaign.title,
                        year=campaign.auto_date_start.year,
                        plan=plan.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if any(PROTECTED_FIELDS & set(vals) for vals in vals_list):
            self._auto_check_marketing()
        return super().create(vals_list)

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals):
            self._auto_check_marketing()
            if self.env.context.get("auto_mkt_transition") is None and "auto_state" in vals:
                raise UserError(_("Change the status of a campaign with its buttons (submit, approve, start, close)."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_auto_submit(self):
        self._auto_check_marketing()
        for campaign in self:
            if campaign.auto_state != "draft":
                raise UserError(_("Only a draft campaign can be submitted for approval."))
            if not campaign.auto_date_start or not campaign.auto_date_end:
                raise UserError(
                    _(
                        "Give the campaign %(campaign)s its start and end dates before submitting it.",
                        campaign=campaign.title,
                    )
                )
            if not campaign.auto_budget_planned:
                raise UserError(
                    _(
                        "Plan the budget of the campaign %(campaign)s (its planned cost lines) before submitting it.",
                        campaign=campaign.title,
                    )
                )
        self._auto_set_state("submitted")
        for campaign in self:
            approver = _("the general manager") if campaign.auto_needs_gm_approval else _("the marketing manager")
            campaign.message_post(
                body=_(
                    "Submitted for approval by %(approver)s (planned budget %(budget)s).",
                    approver=approver,
                    budget=campaign.auto_budget_planned,
                )
            )

    def action_auto_approve(self):
        for campaign in self:
            if campaign.auto_state != "submitted":
                raise UserError(_("Only a submitted campaign can be approved."))
            campaign._auto_check_approver()
        self.with_context(auto_mkt_transition=True).write(
            {"auto_state": "approved", "auto_approved_by_id": self.env.uid, "auto_date_approved": fields.Datetime.now()}
        )

    def action_auto_refuse(self):
        for campaign in self:
            if campaign.auto_state != "submitted":
                raise UserError(_("Only a submitted campaign can be sent back."))
            campaign._auto_check_approver()
        self._auto_set_state("draft")
        for campaign in self:
            campaign.message_post(body=_("Sent back to draft by %(user)s.", user=self.env.user.name))

    def action_auto_start(self):
        self._auto_check_marketing()
        if any(campaign.auto_state != "approved" for campaign in self):
            raise UserError(_("A campaign starts only once approved."))
        self._auto_set_state("running")

    def action_auto_close(self):
        self._auto_check_marketing()
        if any(campaign.auto_state != "running" for campaign in self):
            raise UserError(_("Only a running campaign can be closed."))
        self._auto_set_state("closed")

    def action_auto_reset(self):
        self._auto_check_marketing()
        if any(campaign.auto_state not in ("approved", "closed") for campaign in self):
            raise UserError(_("Only an approved or closed campaign can be reopened as a draft."))
        self.with_context(auto_mkt_transition=True).write(
            {"auto_state": "draft", "auto_approved_by_id": False, "auto_date_approved": False}
        )

    def _auto_open_documents(self, model, name, domain_extra=()):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("campaign_id", "=", self.id), *domain_extra],
            "context": {"active_test": False, "default_campaign_id": self.id},
        }

    def action_auto_view_leads(self):
        return self._auto_open_documents("crm.lead", _("Leads"))

    def action_auto_view_test_drives(self):
        return self._auto_open_documents("auto.test.drive", _("Test Drives"), [("state", "!=", "cancelled")])

    def action_auto_view_orders(self):
        return self._auto_open_documents("sale.order", _("Orders"), [("auto_contract_state", "in", SIGNED_STATES)])

    def action_auto_view_service_visits(self):
        return self._auto_open_documents("repair.order", _("Service Visits"), [("state", "!=", "cancel")])

    def action_auto_view_my_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_sales.crm_lead_action_auto_leads")
        action.update(
            {
                "name": _("My Leads of %(campaign)s", campaign=self.title),
                "domain": [("campaign_id", "=", self.id), ("user_id", "=", self.env.uid)],
                "context": {"default_campaign_id": self.id},
            }
        )
        return action

    def action_auto_view_my_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action.update(
            {
                "name": _("My Follow-ups of %(campaign)s", campaign=self.title),
                "domain": [("id", "in", self._auto_my_followups().get(self.id, []))],
                "context": {},
            }
        )
        return action

    def action_auto_new_target_list(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Target List"),
            "res_model": "auto.mkt.target.list",
            "view_mode": "form",
            "context": {"default_campaign_id": self.id, "default_name": self.title},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_my_followups(self):
        """``{campaign_id: [follow-up ids]}``: the current user's follow-ups of the campaigns' target lists."""
        # sudo: the target lists of a campaign, only to map the user's own follow-ups to their campaign
        lists = self.env["auto.mkt.target.list"].sudo().search_fetch([("campaign_id", "in", self.ids)], ["campaign_id"])
        if not lists:
            return {}
        campaign_of_list = {target.id: target.campaign_id.id for target in lists}
        rows = self.env["auto.followup"]._read_group(
            [
                ("res_model", "=", "auto.mkt.target.list"),
                ("res_id", "in", lists.ids),
                ("user_id", "=", self.env.uid),
            ],
            ["res_id"],
            ["id:array_agg"],
        )
        result = {}
        for list_id, followup_ids in rows:
            result.setdefault(campaign_of_list[list_id], []).extend(followup_ids)
        return result

    def _auto_set_state(self, state):
        self.with_context(auto_mkt_transition=True).write({"auto_state": state})

    def _auto_check_marketing(self):
        if not self.env.su and not self.env.user.has_group(MARKETING):
            raise AccessError(_("Only the marketing team plans and runs campaigns."))

    def _auto_check_approver(self):
        self.ensure_one()
        user = self.env.user
        if self.auto_needs_gm_approval:
            if not self.env.su and not user.has_group(GENERAL_MANAGER):
                company = self.company_id or self.env.company
                raise UserError(
                    _(
                        "The planned budget of %(campaign)s (%(budget)s) is above %(threshold)s: only the general "
                        "manager approves it.",
                        campaign=self.title,
                        budget=self.auto_budget_planned,
                        threshold=company.auto_mkt_approval_threshold,
                    )
                )
        elif not self.env.su and not user.has_group(MARKETING_MANAGER):
            raise UserError(_("Only the marketing manager or the general manager approves campaigns."))

    def _auto_campaign_results(self):
        """Leads, test drives, signed orders, service visits and gross profit per campaign.

        One grouped query per kind of document, whatever the number of campaigns. sudo: the results of a
        campaign add up documents of every consultant and the profit of contracts, which marketing sees as
        totals only (the cost of each contract stays with the sales managers and finance).
        """
        ids = self.ids
        if not ids:
            return {}
        results = {campaign_id: {} for campaign_id in ids}

        def add(key, rows):
            for campaign, *values in rows:
                results[campaign.id][key] = values[0] if len(values) == 1 else values

        add(
            "leads",
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("campaign_id", "in", ids)], ["campaign_id"], ["__count"]),
        )
        add(
            "test_drives",
            self.env["auto.test.drive"]
            .sudo()
            ._read_group([("campaign_id", "in", ids), ("state", "!=", "cancelled")], ["campaign_id"], ["__count"]),
        )
        for campaign, count, profit in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", ids), ("auto_contract_state", "in", SIGNED_STATES)],
                ["campaign_id"],
                ["__count", "auto_gross_profit:sum"],
            )
        ):
            results[campaign.id]["orders"] = count
            results[campaign.id]["gross_profit"] = profit
        add(
            "service_visits",
            self.env["repair.order"]
            .sudo()
            ._read_group([("campaign_id", "in", ids), ("state", "!=", "cancel")], ["campaign_id"], ["__count"]),
        )
        return results


def _achievement(value, target):
    return value * 100.0 / target if target else 0.0
