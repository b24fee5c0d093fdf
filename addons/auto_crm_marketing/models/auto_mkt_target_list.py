from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_partner import GENDERS, OCCUPATIONS

TARGET_PURPOSES = [
    ("sales", "Sales (the customer's consultant calls)"),
    ("service", "Service (the service advisor calls)"),
]
TARGET_STATES = [("draft", "Draft"), ("built", "List Built"), ("scheduled", "Follow-ups Scheduled")]
CUSTOMER_TIERS = [("key", "Key (Gold)"), ("potential", "Potential (Silver)"), ("ordinary", "Ordinary")]
PLAN_PURPOSE = "campaign_call"
# Odoo's mass mailing (mass_mailing, and mass_mailing_sms for text messages), used when it is installed: the addon
# does not depend on it
MAILING_MODEL = "mailing.mailing"


class AutoMktTargetList(models.Model):
    """Customers chosen by their data for a campaign (目标客户), called by their own consultant or advisor."""

    _name = "auto.mkt.target.list"
    _description = "Campaign Target List"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one("utm.campaign", index="btree_not_null", tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    purpose = fields.Selection(TARGET_PURPOSES, required=True, default="sales", string="Who Calls")
    state = fields.Selection(TARGET_STATES, default="draft", required=True, tracking=True, readonly=True, copy=False)
    # criteria
    customer_tier = fields.Selection(CUSTOMER_TIERS)
    model_ids = fields.Many2many("auto.vehicle.model", string="Owns One of the Models")
    vehicle_age_min = fields.Integer("Vehicle Age from (years)")
    vehicle_age_max = fields.Integer("Vehicle Age up to (years)")
    mileage_min = fields.Integer("Mileage from (km)")
    mileage_max = fields.Integer("Mileage up to (km)")
    warranty_end_from = fields.Date("Warranty Ends from")
    warranty_end_to = fields.Date("Warranty Ends by")
    no_service_since = fields.Date(help="Customers whose vehicles have had no completed service order since this date.")
    state_ids = fields.Many2many("res.country.state", string="Provinces")
    city = fields.Char(help="Part of the city name, e.g. 杭州.")
    age_min = fields.Integer("Age from")
    age_max = fields.Integer("Age up to")
    gender = fields.Selection(GENDERS)
    occupation = fields.Selection(OCCUPATIONS)
    consent_only = fields.Boolean(
        "Only Customers Who Agreed", default=True, help="Leave out the customers who did not agree to be contacted."
    )
    # result
    partner_ids = fields.Many2many("res.partner", string="Customers", readonly=True, copy=False)
    partner_count = fields.Integer("Customer Count", compute="_compute_partner_count")
    followup_count = fields.Integer("Follow-up Count", compute="_compute_followup_count")
    followup_user_ids = fields.Many2many(
        "res.users",
        "auto_mkt_target_list_followup_user_rel",
        string="Called By",
        readonly=True,
        copy=False,
        help="The consultants and advisors the follow-ups of the list were scheduled for: they see the list and "
        "its campaign.",
    )
    date_followup = fields.Date("Call From", default=fields.Date.context_today, required=True)
    mailing_available = fields.Boolean(
        "Email Marketing Installed",
        compute="_compute_mailing_available",
        help="Odoo's Email Marketing is installed: the list can become a mailing.",
    )
    sms_available = fields.Boolean(
        "SMS Marketing Installed",
        compute="_compute_mailing_available",
        help="Odoo's SMS Marketing is installed: the list can become an SMS.",
    )

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for target in self:
            target.partner_count = len(target.partner_ids)

    def _compute_followup_count(self):
        Followup = self.env["auto.followup"]
        for target in self:
            target.followup_count = Followup.search_count([("trigger_key", "=like", f"{target._trigger_prefix()}%")])

    def _compute_mailing_available(self):
        mailing = MAILING_MODEL in self.env
        sms = mailing and "sms" in dict(self.env[MAILING_MODEL]._fields["mailing_type"].selection)
        self.mailing_available = mailing
        self.sms_available = sms

    @api.constrains("vehicle_age_min", "vehicle_age_max", "mileage_min", "mileage_max", "age_min", "age_max")
    def _check_ranges(self):
        for target in self:
            for low, high, label in (
                (target.vehicle_age_min, target.vehicle_age_max, _("vehicle age")),
                (target.mileage_min, target.mileage_max, _("mileage")),
                (target.age_min, target.age_max, _("age")),
            ):
                if low < 0 or high < 0:
                    raise ValidationError(_("The %(criterion)s of a target list cannot be negative.", criterion=label))
                if high and low > high:
                    raise ValidationError(
                        _(
                            "The %(criterion)s range of %(name)s goes from %(low)s down to %(high)s: swap them.",
                            criterion=label,
                            name=target.name,
                            low=low,
                            high=high,
                        )
                    )
            if (
                target.warranty_end_from
                and target.warranty_end_to
                and target.warranty_end_from > target.warranty_end_to
            ):
                raise ValidationError(
                    _("The warranty end dates of %(name)s are the wrong way round.", name=target.name)
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_build(self):
        for target in self:
            if target.state == "scheduled":
                raise UserError(
                    _("The follow-ups of %(name)s are scheduled: the list is kept as it was.", name=target.name)
                )
            partners = self.env["res.partner"].search(target._partner_domain())
            target.write({"partner_ids": [fields.Command.set(partners.ids)], "state": "built"})

    def action_reset(self):
        self.filtered(lambda t: t.state == "built").write({"state": "draft", "partner_ids": [fields.Command.clear()]})

    def action_schedule_followups(self):
        for target in self:
            if target.state != "built" or not target.partner_ids:
                raise UserError(_("Build the list of %(name)s (with at least one customer) first.", name=target.name))
            plan = self.env["auto.followup.plan"]._for_purpose(PLAN_PURPOSE, target.company_id)
            if not plan.step_ids:
                raise UserError(
                    _("No active follow-up plan is used for campaign invitations: give one that purpose first.")
                )
            created = target._schedule_followups()
            target.state = "scheduled"
            target.message_post(
                body=_(
                    "%(count)s follow-ups scheduled for %(customers)s customers.",
                    count=len(created),
                    customers=len(target.partner_ids),
                )
            )
        return True

    def action_view_customers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customers of %(name)s", name=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.partner_ids.ids)],
        }

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("trigger_key", "=like", f"{self._trigger_prefix()}%")]
        action["context"] = {}
        return action

    def action_create_mailing(self):
        """A draft mailing of Odoo's Email Marketing to the customers of the list, opened to be written."""
        return self._open_mailing(self._create_mailing("mail"))

    def action_create_sms(self):
        """A draft SMS mailing of Odoo's SMS Marketing to the customers of the list, opened to be written."""
        return self._open_mailing(self._create_mailing("sms"))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _grant_mailing_rights(self):
        """Let the marketing managers use Odoo's Email Marketing (and SMS Marketing) when it is installed: its user
        right becomes part of the Marketing Manager role (and so of the general manager's). Not of the specialist's:
        Odoo's right lets its holders delete campaigns, which only the marketing manager may. Called when this addon
        is installed or upgraded."""
        mailing_user = self.env.ref("mass_mailing.group_mass_mailing_user", raise_if_not_found=False)
        marketing = self.env.ref("auto_crm_marketing.group_marketing_manager")
        if mailing_user and mailing_user not in marketing.implied_ids:
            marketing.implied_ids = [fields.Command.link(mailing_user.id)]
        return True

    def _mailing_domain(self, mailing_type):
        """The customers of the list a mailing may reach: those who agreed to be contacted, with an address or a
        mobile that is not blacklisted (Odoo's mass mailing also leaves out the blacklisted when it sends)."""
        self.ensure_one()
        domain = [("id", "in", self.partner_ids.ids), ("auto_contact_consent", "=", True)]
        if mailing_type == "sms":
            return domain + [("phone_sanitized", "!=", False), ("phone_sanitized_blacklisted", "=", False)]
        return domain + [("email", "!=", False), ("is_blacklisted", "=", False)]

    def _create_mailing(self, mailing_type):
        """Create the draft ``mailing.mailing`` of the list on ``res.partner``, attributed to the list's campaign:
        Odoo sets the medium (email or SMS) and a source named after the mailing, and adds campaign, source and
        medium to the links it tracks, so that the leads and orders it brings count for the campaign."""
        self.ensure_one()
        available = self.sms_available if mailing_type == "sms" else self.mailing_available
        if not available:
            raise UserError(
                _("Install Odoo's Email Marketing (and SMS Marketing for text messages) to send the list a mailing.")
            )
        if self.state == "draft" or not self.partner_ids:
            raise UserError(_("Build the list of %(name)s (with at least one customer) first.", name=self.name))
        Mailing = self.env[MAILING_MODEL]
        if not Mailing.has_access("create"):
            raise UserError(
                _(
                    "Sending mailings needs Odoo's Email Marketing right, which the Marketing Manager role holds: ask "
                    "a marketing manager or your administrator."
                )
            )
        domain = self._mailing_domain(mailing_type)
        reached = self.env["res.partner"].search_count(domain)
        if not reached:
            raise UserError(
                _(
                    "None of the customers of %(name)s agreed to be contacted with a valid %(channel)s that is not "
                    "blacklisted.",
                    name=self.name,
                    channel=_("mobile") if mailing_type == "sms" else _("email address"),
                )
            )
        subject = self.campaign_id.title or self.name
        vals = {
            "mailing_type": mailing_type,
            "subject": subject,
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr(domain),
            "campaign_id": self.campaign_id.id,
        }
        if mailing_type == "sms":
            vals["sms_subject"] = subject
        mailing = Mailing.create(vals)
        self.message_post(
            body=_(
                "Draft %(kind)s %(mailing)s created for %(count)s customers who agreed to be contacted.",
                kind=_("SMS") if mailing_type == "sms" else _("mailing"),
                mailing=mailing._get_html_link(),
                count=reached,
            )
        )
        return mailing

    def _open_mailing(self, mailing):
        return {
            "type": "ir.actions.act_window",
            "res_model": MAILING_MODEL,
            "res_id": mailing.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_mailing_type": mailing.mailing_type},
        }

    def _trigger_prefix(self):
        return f"auto_mkt_target:{self.id}:"

    def _partner_domain(self):
        """The customers meeting every criterion of the list; the vehicle criteria hold for one same vehicle."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        domain = [("auto_customer_type", "!=", False), ("company_id", "in", [self.company_id.id, False])]
        if self.consent_only:
            domain.append(("auto_contact_consent", "=", True))
        if self.customer_tier:
            domain.append(("auto_customer_tier", "=", self.customer_tier))
        if self.gender:
            domain.append(("auto_gender", "=", self.gender))
        if self.occupation:
            domain.append(("auto_occupation", "=", self.occupation))
        if self.state_ids:
            domain.append(("state_id", "in", self.state_ids.ids))
        if self.city:
            domain.append(("city", "ilike", self.city))
        if self.age_min:
            domain.append(("auto_birthday", "<=", today - relativedelta(years=self.age_min)))
        if self.age_max:
            # up to age_max years old: born after the day they would have turned age_max + 1
            domain.append(("auto_birthday", ">", today - relativedelta(years=self.age_max + 1)))
        vehicle = []
        if self.model_ids:
            vehicle.append(("model_id", "in", self.model_ids.ids))
        if self.vehicle_age_min:
            vehicle.append(("purchase_date", "<=", today - relativedelta(years=self.vehicle_age_min)))
        if self.vehicle_age_max:
            vehicle.append(("purchase_date", ">", today - relativedelta(years=self.vehicle_age_max + 1)))
        if self.mileage_min:
            vehicle.append(("mileage", ">=", self.mileage_min))
        if self.mileage_max:
            vehicle.append(("mileage", "<=", self.mileage_max))
        if self.warranty_end_from:
            vehicle.append(("warranty_end_date", ">=", self.warranty_end_from))
        if self.warranty_end_to:
            vehicle.append(("warranty_end_date", "<=", self.warranty_end_to))
        if vehicle:
            domain.append(("auto_vehicle_ids", "any", vehicle))
        if self.no_service_since:
            domain.append(
                (
                    "auto_vehicle_ids",
                    "not any",
                    [("repair_ids", "any", [("state", "=", "done"), ("auto_date_done", ">=", self.no_service_since)])],
                )
            )
        return domain

    def _responsible_users(self, partners):
        """The consultant of each customer, or for a service list the advisor of its last service order."""
        self.ensure_one()
        users = {partner.id: partner.user_id.id for partner in partners}
        if self.purpose == "service":
            last = self.env["repair.order"]._read_group(
                [("partner_id", "in", partners.ids), ("state", "=", "done"), ("user_id", "!=", False)],
                ["partner_id"],
                ["id:max"],
            )
            orders = self.env["repair.order"].browse([order_id for _partner, order_id in last])
            advisors = {order.partner_id.id: order.user_id.id for order in orders}
            users.update({pid: uid for pid, uid in advisors.items() if uid})
        return users

    def _schedule_followups(self):
        self.ensure_one()
        partners = self.partner_ids
        users = self._responsible_users(partners)
        prefix = self._trigger_prefix()

        def subject(partner):
            return {
                "partner_id": partner.id,
                # what the call is about: the target list of the campaign (opened from the follow-up)
                "res_model": self._name,
                "res_id": self.id,
                "user_id": users.get(partner.id) or False,
                "trigger_date": self.date_followup,
                "trigger_key": f"{prefix}{partner.id}",
            }

        created = self.env["auto.followup"]._schedule_for_purpose(PLAN_PURPOSE, partners, subject)
        if created.user_id:
            self.followup_user_ids = [fields.Command.link(user.id) for user in created.user_id]
        if self.campaign_id and created:
            for name, followups in created.grouped("name").items():
                followups.write({"name": f"{name}: {self.campaign_id.title}"})
        return created
