from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.auto_crm_customer.models.res_partner import SOURCE_CHANNELS
from odoo.addons.auto_crm_customer.tools import phone as phone_tools

from .sale_order import PAYMENT_METHODS

# Odoo's Similar Leads ignores a criterion that matches more leads than this (crm's SEARCH_RESULT_LIMIT - 1)
DUPLICATE_SEARCH_LIMIT = 20


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "auto.followup.subject.mixin"]

    auto_model_id = fields.Many2one("auto.vehicle.model", string="Vehicle of Interest", index="btree_not_null")
    auto_brand_id = fields.Many2one(related="auto_model_id.brand_id", store=True, string="Brand of Interest")
    auto_budget = fields.Monetary("Budget", currency_field="company_currency")
    auto_payment_method = fields.Selection(PAYMENT_METHODS, string="Payment Method")
    auto_trade_in_vehicle_id = fields.Many2one("auto.vehicle", string="Trade-in Vehicle")
    auto_trade_in_note = fields.Char("Trade-in Details")
    auto_source_channel = fields.Selection(SOURCE_CHANNELS, string="Source Channel", index=True)
    auto_date_first_response = fields.Datetime(
        "First Response On", copy=False, help="When the consultant first reached the customer."
    )
    auto_first_response_hours = fields.Float(
        "First Response Time (hours)",
        compute="_compute_auto_first_response_hours",
        store=True,
        aggregator="avg",
    )
    auto_grade_id = fields.Many2one(
        "auto.lead.grade", string="Grade", tracking=True, index="btree_not_null", copy=False
    )
    auto_grade_code = fields.Char(related="auto_grade_id.code", string="Grade Code", store=True)
    auto_mobile_normalized = fields.Char(
        "Normalized Mobile", compute="_compute_auto_mobile_normalized", store=True, index="btree_not_null"
    )
    auto_duplicate_lead_id = fields.Many2one(
        "crm.lead", string="Same Mobile as Lead", copy=False, readonly=True, index="btree_not_null"
    )
    auto_duplicate_partner_id = fields.Many2one("res.partner", string="Existing Customer", copy=False, readonly=True)
    auto_is_duplicate = fields.Boolean(
        "Possible Duplicate", compute="_compute_auto_is_duplicate", store=True, index=True
    )
    # groups: a user of Odoo's own CRM (no dealership role) reads leads without the dealership's records
    auto_followup_ids = fields.One2many(
        "auto.followup",
        "res_id",
        domain=lambda self: [("res_model", "=", self._name)],
        string="Follow-ups",
        groups="auto_crm_customer.group_sales_consultant",
    )
    auto_next_followup_date = fields.Date(
        "Next Follow-up", compute="_compute_auto_followup_status", store=True, index="btree_not_null"
    )
    auto_followup_overdue = fields.Boolean(
        "Follow-up Overdue", compute="_compute_auto_followup_status", store=True, index=True
    )
    auto_test_drive_ids = fields.One2many(
        "auto.test.drive", "lead_id", string="Test Drives", groups="auto_crm_customer.group_sales_consultant"
    )
    auto_test_drive_count = fields.Integer(
        "Test Drive Count", compute="_compute_auto_test_drive_count", groups="auto_crm_customer.group_sales_consultant"
    )
    auto_competitor_brand_id = fields.Many2one("auto.vehicle.brand", string="Competitor Brand Bought")
    auto_competitor_model = fields.Char("Competitor Model Bought")
    auto_loss_note = fields.Text("Loss Analysis")
    auto_won_rate = fields.Float(
        "Conversion Rate (%)",
        compute="_compute_auto_won_rate",
        store=True,
        aggregator="avg",
        help="100 for a won opportunity, 0 otherwise: its average is the conversion rate.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("create_date", "auto_date_first_response")
    def _compute_auto_first_response_hours(self):
        for lead in self:
            if lead.create_date and lead.auto_date_first_response:
                seconds = (lead.auto_date_first_response - lead.create_date).total_seconds()
                lead.auto_first_response_hours = max(seconds, 0.0) / 3600.0
            else:
                lead.auto_first_response_hours = 0.0

    @api.depends("mobile", "phone")
    def _compute_auto_mobile_normalized(self):
        for lead in self:
            lead.auto_mobile_normalized = phone_tools.normalize_mobile(lead.mobile or lead.phone) or False

    @api.depends("auto_duplicate_lead_id", "auto_duplicate_partner_id")
    def _compute_auto_is_duplicate(self):
        for lead in self:
            lead.auto_is_duplicate = bool(lead.auto_duplicate_lead_id or lead.auto_duplicate_partner_id)

    @api.depends("auto_mobile_normalized")
    def _compute_potential_lead_duplicates(self):
        """Odoo's Similar Leads (its smart button and its merge) match phones in E.164, which needs the lead's or the
        company's country to read a number: a Chinese mobile typed "138 0013 8000" in a company set in another
        country, or "0086 138..." next to "+86 138...", is missed. The dealership's mobile normalisation finds
        those too, and they join Odoo's list (within Odoo's own limit of a relevant match)."""
        super()._compute_potential_lead_duplicates()
        leads = self.filtered("auto_mobile_normalized")
        if not leads:
            return
        # sudo: like Odoo's own computation, a duplicate counts across consultants and companies
        same_mobile = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("auto_mobile_normalized", "in", list(set(leads.mapped("auto_mobile_normalized"))))],
                ["auto_mobile_normalized"],
            )
            .grouped("auto_mobile_normalized")
        )
        for lead in leads:
            others = same_mobile.get(lead.auto_mobile_normalized, self.env["crm.lead"]) - lead._origin
            if not others or len(others) > DUPLICATE_SEARCH_LIMIT:
                continue
            duplicates = lead.duplicate_lead_ids | others.with_env(self.env)
            lead.duplicate_lead_ids = duplicates
            lead.duplicate_lead_count = len(duplicates - lead)

    @api.depends("auto_followup_ids.state", "auto_followup_ids.date_scheduled", "auto_followup_ids.is_overdue")
    def _compute_auto_followup_status(self):
        for lead in self:
            pending = lead.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open"))
            lead.auto_next_followup_date = min(pending.mapped("date_scheduled"), default=False)
            lead.auto_followup_overdue = any(pending.mapped("is_overdue"))

    def _compute_auto_test_drive_count(self):
        counts = dict(self.env["auto.test.drive"]._read_group([("lead_id", "in", self.ids)], ["lead_id"], ["__count"]))
        for lead in self:
            lead.auto_test_drive_count = counts.get(lead, 0)

    @api.depends("probability", "active", "stage_id.is_won")
    def _compute_auto_won_rate(self):
        for lead in self:
            lead.auto_won_rate = 100.0 if lead.active and lead.stage_id.is_won else 0.0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._auto_link_duplicates()
        leads.filtered("auto_grade_id")._auto_schedule_cadence()
        return leads

    def write(self, vals):
        result = super().write(vals)
        if "mobile" in vals or "phone" in vals:
            self._auto_link_duplicates()
        if "auto_grade_id" in vals and not self.env.context.get("auto_grade_no_cadence"):
            self._auto_cancel_cadence()
            self._auto_schedule_cadence()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_set_lost(self, **additional_values):
        """Odoo's contract (a reason is optional) is kept: the loss analysis is asked in the lost wizard.

        Values given through the wizard's context (the note, the competitor) are recorded, and a dealership
        lead takes the lost grade and drops its cadence.
        """
        values = {**(self.env.context.get("auto_loss_values") or {}), **additional_values}
        result = super(CrmLead, self.with_context(auto_grade_no_cadence=True)).action_set_lost(**values)
        dealership_leads = self._auto_dealership_leads()
        if dealership_leads and "auto_grade_id" not in values:
            # sudo: grades are the dealership's configuration; whoever loses the lead, it takes the lost grade
            lost_grade = self.env["auto.lead.grade"].sudo().search([("is_lost", "=", True)], limit=1)
            if lost_grade:
                dealership_leads.with_context(auto_grade_no_cadence=True).write({"auto_grade_id": lost_grade.id})
        self._auto_cancel_cadence()
        return result

    def action_set_won(self):
        result = super().action_set_won()
        self._auto_cancel_cadence()
        return result

    def action_view_auto_test_drives(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_sales.auto_test_drive_action")
        action["domain"] = [("lead_id", "=", self.id)]
        # the drives of one lead: a list first, not the showroom's calendar
        action["views"] = sorted(action["views"], key=lambda view: view[1] != "list")
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_user_id": self.user_id.id or self.env.uid,
        }
        return action

    def action_view_auto_duplicate(self):
        self.ensure_one()
        if self.auto_duplicate_lead_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "res_id": self.auto_duplicate_lead_id.id,
                "view_mode": "form",
            }
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.auto_duplicate_partner_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_link_duplicates(self):
        """Flag leads whose mobile is a known customer's or another open lead's, and link the customer."""
        leads = self.filtered("auto_mobile_normalized")
        if not leads:
            return
        mobiles = list(set(leads.mapped("auto_mobile_normalized")))
        # sudo: a duplicate is a duplicate even when it belongs to another consultant, whom the user cannot see
        partners = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [("auto_mobile_normalized", "in", mobiles), ("auto_customer_type", "!=", False)],
                ["auto_mobile_normalized", "user_id"],
            )
        )
        partner_by_mobile = {p.auto_mobile_normalized: p for p in partners}
        others = self.sudo().search_fetch(
            [
                ("auto_mobile_normalized", "in", mobiles),
                ("id", "not in", leads.ids),
                ("probability", "<", 100),
            ],
            ["auto_mobile_normalized"],
            order="id",
        )
        lead_by_mobile = {}
        for other in others:
            lead_by_mobile.setdefault(other.auto_mobile_normalized, other)
        for lead in leads:
            partner = partner_by_mobile.get(lead.auto_mobile_normalized)
            other = lead_by_mobile.get(lead.auto_mobile_normalized)
            values = {
                "auto_duplicate_partner_id": partner.id if partner else False,
                "auto_duplicate_lead_id": other.id if other else False,
            }
            if partner and not lead.partner_id:
                # link the existing customer so that converting the lead does not create a second one
                values["partner_id"] = partner.id
            if (
                values["auto_duplicate_partner_id"] != lead.auto_duplicate_partner_id.id
                or values["auto_duplicate_lead_id"] != lead.auto_duplicate_lead_id.id
                or "partner_id" in values
            ):
                # sudo: the link is to a record the user may not read; the flag itself is theirs
                super(CrmLead, lead.sudo()).write(values)

    def _auto_dealership_leads(self):
        """The leads the dealership works (graded, or for a vehicle): its rules apply to them only."""
        return self.filtered(lambda lead: lead.auto_grade_id or lead.auto_model_id)

    def _auto_check_loss_analysis(self, reason, note):
        """A dealership lead is lost with its analysis: the reason and a note of what happened."""
        if not reason or not (note or "").strip():
            dealership_leads = self._auto_dealership_leads()
            if dealership_leads:
                raise UserError(
                    _(
                        "Losing the lead %(lead)s needs a loss analysis: the reason, the competitor brand and "
                        "model bought if any, and a note of what happened.",
                        lead=dealership_leads[0].name,
                    )
                )

    def _auto_cancel_cadence(self):
        # sudo: the cadence is the engine's; a user of Odoo's CRM without a dealership role cannot read
        # follow-ups, and losing or winning a lead must not fail for them
        pending = self.sudo().auto_followup_ids.filtered(lambda f: f.state in ("planned", "open"))
        pending._cancel()

    def _auto_schedule_cadence(self):
        """Schedule the next follow-ups of each lead from today, by its grade's plan."""
        today = fields.Date.context_today(self)
        Followup = self.env["auto.followup"]
        by_plan = {}
        for lead in self:
            grade = lead.auto_grade_id
            plan = grade.followup_plan_id
            if not plan or grade.is_lost or not lead.active or lead.probability >= 100:
                continue
            if lead.auto_followup_ids.filtered(lambda f: f.state in ("planned", "open")):
                continue
            count = len(lead.auto_followup_ids)
            by_plan.setdefault(plan, []).append(
                {
                    "trigger_date": today,
                    "partner_id": lead.partner_id.id,
                    "res_model": lead._name,
                    "res_id": lead.id,
                    "lead_grade_id": grade.id,
                    "user_id": lead.user_id.id,
                    "trigger_key": f"lead{lead.id}:{grade.code}:{today}:{count}",
                }
            )
        created = Followup.browse()
        for plan, subjects in by_plan.items():
            # sudo: the cadence is the engine's, whatever the consultant may do on follow-ups
            created |= Followup.sudo()._schedule(plan, subjects)
        return created
