from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..tools import phone as phone_tools
from ..tools import rfm as rfm_tools

CUSTOMER_TYPES = [("individual", "Individual"), ("company", "Company"), ("fleet", "Fleet")]
SOURCE_CHANNELS = [
    ("walk_in", "Walk-in"),
    ("phone", "Phone"),
    ("website", "Website"),
    ("car_portal", "Car Portal"),
    ("referral", "Referral"),
    ("campaign", "Campaign"),
    ("wechat", "WeChat"),
    ("other", "Other"),
]
CONTACT_CHANNELS = [
    ("call", "Phone Call"),
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("email", "Email"),
    ("visit", "Visit"),
]
CONTACT_TIMES = [
    ("morning", "Morning"),
    ("afternoon", "Afternoon"),
    ("evening", "Evening"),
    ("weekend", "Weekend"),
    ("any", "Any Time"),
]
CUSTOMER_TIERS = [("key", "Key (Gold)"), ("potential", "Potential (Silver)"), ("ordinary", "Ordinary")]
ID_DOCUMENT_TYPES = [
    ("id_card", "Resident ID Card"),
    ("passport", "Passport"),
    ("business_license", "Business Licence"),
    ("other", "Other"),
]
ID_MANAGER_GROUPS = "auto_crm_customer.group_sales_manager,auto_crm_customer.group_service_manager"


STAFF_GROUP = "auto_crm_customer.group_dealership_staff"


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_customer_type = fields.Selection(
        CUSTOMER_TYPES,
        index=True,
        help="Set on every dealership customer; contacts without a type are not dealership customers.",
        string="Customer Type",
    )
    auto_source_channel = fields.Selection(SOURCE_CHANNELS, string="Source Channel")
    auto_preferred_channel = fields.Selection(CONTACT_CHANNELS, string="Preferred Channel")
    auto_preferred_contact_time = fields.Selection(CONTACT_TIMES, string="Preferred Time")
    auto_wechat_id = fields.Char("WeChat ID")
    auto_birthday = fields.Date(string="Birthday")
    auto_id_document_type = fields.Selection(ID_DOCUMENT_TYPES, string="ID Document Type")
    auto_id_document_number = fields.Char("ID Document Number", groups=ID_MANAGER_GROUPS, copy=False)
    auto_id_document_masked = fields.Char(
        "ID Document",
        compute="_compute_id_document_masked",
        inverse="_inverse_id_document_masked",
        help="Only managers see the full number; others may type a new one but see it masked.",
    )
    auto_mobile_normalized = fields.Char(
        compute="_compute_mobile_normalized", store=True, index="btree_not_null", string="Mobile Normalized"
    )
    # groups: the dealership's records of a contact are for its staff; Odoo's other users (accountants,
    # warehouse, other sales teams, integrations reading every field) keep Odoo's contact without them
    auto_vehicle_ids = fields.One2many("auto.vehicle", "partner_id", string="Vehicles", groups=STAFF_GROUP)
    auto_vehicle_count = fields.Integer(compute="_compute_vehicle_count", groups=STAFF_GROUP, string="Vehicle Count")
    auto_customer_value_ids = fields.One2many(
        "auto.customer.value", "partner_id", string="Value Records", groups=STAFF_GROUP
    )
    auto_lifetime_value = fields.Monetary(
        compute="_compute_lifetime_value", store=True, currency_field="auto_currency_id", string="Lifetime Value"
    )
    auto_last_value_date = fields.Date("Last Purchase or Service", compute="_compute_lifetime_value", store=True)
    auto_currency_id = fields.Many2one("res.currency", string="Value Currency", compute="_compute_auto_currency_id")
    auto_last_visit_date = fields.Date("Last Visit", tracking=True)
    auto_followup_ids = fields.One2many("auto.followup", "partner_id", string="Follow-ups", groups=STAFF_GROUP)
    auto_next_followup_date = fields.Date(
        "Next Follow-up", compute="_compute_next_followup_date", store=True, index="btree_not_null"
    )
    auto_customer_tier = fields.Selection(
        CUSTOMER_TIERS,
        default="ordinary",
        index=True,
        readonly=True,
        copy=False,
        help="Key: the customers who bring most of the value; potential: recent and frequent customers; "
        "recomputed every night unless overridden.",
        string="Customer Tier",
    )
    auto_tier_computed = fields.Selection(CUSTOMER_TIERS, string="Computed Tier", readonly=True, copy=False)
    auto_tier_override = fields.Selection(CUSTOMER_TIERS, readonly=True, copy=False, string="Tier Override")
    auto_tier_override_reason = fields.Char("Override Reason", readonly=True, copy=False)
    auto_rfm_recency_score = fields.Integer("Recency Score", readonly=True, copy=False, aggregator="avg")
    auto_rfm_frequency_score = fields.Integer("Frequency Score", readonly=True, copy=False, aggregator="avg")
    auto_rfm_monetary_score = fields.Integer("Monetary Score", readonly=True, copy=False, aggregator="avg")
    auto_rfm_score = fields.Integer("RFM Score", readonly=True, copy=False, aggregator="avg")
    auto_tier_history_ids = fields.One2many(
        "auto.customer.tier.history", "partner_id", groups=STAFF_GROUP, string="Tier History"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("mobile")
    def _compute_mobile_normalized(self):
        for partner in self:
            partner.auto_mobile_normalized = phone_tools.normalize_mobile(partner.mobile) or False

    @api.depends_context("uid")
    def _compute_id_document_masked(self):
        # sudo: the full number is read only to build the masked form shown to everybody
        numbers = {p.id: p.auto_id_document_number for p in self.sudo()}
        for partner in self:
            partner.auto_id_document_masked = self._mask_id_document(numbers.get(partner.id))

    def _inverse_id_document_masked(self):
        for partner in self:
            value = (partner.auto_id_document_masked or "").strip()
            if "*" in value:
                continue  # the masked form was not changed
            # sudo: consultants enter the number at registration without being allowed to read it back
            partner.sudo().auto_id_document_number = value.upper() or False

    @api.depends("auto_vehicle_ids")
    def _compute_vehicle_count(self):
        counts = dict(
            self.env["auto.vehicle"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.auto_vehicle_count = counts.get(partner, 0)

    @api.depends("auto_customer_value_ids.amount", "auto_customer_value_ids.date")
    def _compute_lifetime_value(self):
        Value = self.env["auto.customer.value"]
        Value.flush_model(["partner_id", "amount", "date"])
        stats = {
            partner_id: (amount, last)
            for partner_id, amount, last in self.env.execute_query(Value._sql_partner_totals(self._origin.ids))
        }
        for partner in self:
            partner.auto_lifetime_value, partner.auto_last_value_date = stats.get(partner._origin.id, (0.0, False))

    def _compute_auto_currency_id(self):
        for partner in self:
            partner.auto_currency_id = (partner.company_id or self.env.company).currency_id

    @api.depends("auto_followup_ids.state", "auto_followup_ids.date_scheduled")
    def _compute_next_followup_date(self):
        dates = {
            partner: date
            for partner, date in self.env["auto.followup"]._read_group(
                [("partner_id", "in", self.ids), ("state", "in", ("planned", "open"))],
                ["partner_id"],
                ["date_scheduled:min"],
            )
        }
        for partner in self:
            partner.auto_next_followup_date = dates.get(partner, False)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("mobile", "auto_customer_type", "active")
    def _check_customer_mobile(self):
        customers = self.filtered(lambda p: p.auto_customer_type and p.mobile)
        for partner in customers:
            try:
                phone_tools.validate_mobile(partner.mobile)
            except phone_tools.MobileError as error:
                raise ValidationError(self._mobile_error_message(error, partner)) from error
        if self.env.context.get("auto_crm_skip_mobile_unique"):
            return
        duplicates = self._find_mobile_duplicates(customers.filtered("active"))
        for partner in customers:
            other = duplicates.get(partner.id)
            if other:
                raise ValidationError(
                    _(
                        "The mobile number %(mobile)s is already used by the customer %(customer)s "
                        "(consultant: %(consultant)s). Open that customer instead of creating a second one, "
                        "or merge the two.",
                        mobile=partner.mobile,
                        customer=other.display_name,
                        consultant=other.user_id.name or _("none"),
                    )
                )

    @api.constrains("auto_birthday")
    def _check_birthday(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.auto_birthday and partner.auto_birthday > today:
                raise ValidationError(
                    _(
                        "The birthday of %(name)s is in the future (%(date)s).",
                        name=partner.display_name,
                        date=partner.auto_birthday,
                    )
                )

    @api.onchange("mobile")
    def _onchange_mobile_duplicate(self):
        if not self.mobile:
            return None
        normalized = phone_tools.normalize_mobile(self.mobile)
        # sudo: the warning must see customers of other consultants; it only reveals the name
        domain = [("auto_mobile_normalized", "=", normalized), ("auto_customer_type", "!=", False)]
        if self._origin.id:
            domain.append(("id", "!=", self._origin.id))
        other = self.env["res.partner"].sudo().search(domain, limit=1)
        if other:
            return {
                "warning": {
                    "title": _("Possible duplicate customer"),
                    "message": _(
                        "The customer %(customer)s (consultant: %(consultant)s) already has the mobile %(mobile)s.",
                        customer=other.display_name,
                        consultant=other.user_id.name or _("none"),
                        mobile=normalized,
                    ),
                }
            }
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        own_customers = self._is_restricted_consultant()
        for vals in vals_list:
            self._normalize_customer_vals(vals)
            if own_customers and vals.get("auto_customer_type") and not vals.get("user_id"):
                # a consultant's new customer is theirs, otherwise they could not see it any more
                vals["user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("mobile") and (vals.get("auto_customer_type") or any(self.mapped("auto_customer_type"))):
            vals = dict(vals)
            self._normalize_customer_vals(vals, force=True)
        return super().write(vals)

    @api.model
    def export_data(self, fields_to_export):
        if self._is_restricted_consultant() and any(self.mapped("auto_customer_type")):
            raise AccessError(_("Only sales managers can export customer lists."))
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_vehicle_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_user_id": self.user_id.id,
            "default_state": "customer",
        }
        return action

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_filter_pending": 1}
        return action

    def action_apply_followup_plan(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Apply Follow-up Plan"),
            "res_model": "auto.followup.apply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def action_override_tier(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Override Customer Tier"),
            "res_model": "auto.customer.tier.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _is_restricted_consultant(self):
        """A consultant who sees only their own customers (not a manager, not a service user)."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("auto_crm_customer.group_sales_consultant")
            and not user.has_group("auto_crm_customer.group_sales_manager")
        )

    @api.model
    def _normalize_customer_vals(self, vals, force=False):
        if vals.get("mobile") and (force or vals.get("auto_customer_type")):
            normalized = phone_tools.normalize_mobile(vals["mobile"])
            if normalized:
                vals["mobile"] = normalized

    @api.model
    def _mask_id_document(self, number):
        if not number:
            return False
        number = str(number)
        if len(number) <= 4:
            return "*" * len(number)
        visible_head = 3 if len(number) > 8 else 1
        return number[:visible_head] + "*" * (len(number) - visible_head - 4) + number[-4:]

    def _find_mobile_duplicates(self, customers):
        """Map each customer id to another active customer with the same mobile (one query)."""
        if not customers:
            return {}
        # sudo: uniqueness holds across customers this user may not read; only the name is revealed
        others = self.sudo().search(
            [
                ("auto_mobile_normalized", "in", customers.mapped("auto_mobile_normalized")),
                ("auto_customer_type", "!=", False),
                ("id", "not in", customers.ids),
            ]
        )
        by_mobile = {}
        for other in others:
            by_mobile.setdefault(other.auto_mobile_normalized, other)
        result = {}
        seen = {}
        for partner in customers:
            other = by_mobile.get(partner.auto_mobile_normalized)
            if other and other.commercial_partner_id != partner.commercial_partner_id:
                result[partner.id] = other
            twin = seen.get(partner.auto_mobile_normalized)
            if twin and twin.commercial_partner_id != partner.commercial_partner_id:
                result[partner.id] = twin
            seen.setdefault(partner.auto_mobile_normalized, partner)
        return result

    def _mobile_error_message(self, error, partner):
        if error.code == "international_length":
            return _(
                "The mobile number %(mobile)s of %(name)s is not valid: an international number starts with + "
                "and the country code and has 8 to 15 digits.",
                mobile=partner.mobile,
                name=partner.display_name,
            )
        return _(
            "The mobile number %(mobile)s of %(name)s is not valid: a mainland China mobile has 11 digits and "
            "starts with 13 to 19 (e.g. 138 0013 8000); write other countries' numbers with + and the country code.",
            mobile=partner.mobile,
            name=partner.display_name,
        )

    # ------------------------------------------------------------------
    # Customer tiers
    # ------------------------------------------------------------------
    @api.model
    def _cron_recompute_customer_tiers(self):
        for company in self.env["res.company"].search([]):
            self.with_company(company)._recompute_customer_tiers()

    @api.model
    def _recompute_customer_tiers(self):
        """Recompute RFM scores and tiers of every customer of the current company.

        One aggregate query over the value records, the classification in Python,
        then one write per distinct (tier, scores) group and one batch of history
        lines: the number of queries does not grow with the number of customers.
        """
        company = self.env.company
        today = fields.Date.context_today(self)
        window_start = fields.Date.subtract(today, months=company.auto_tier_window_months)
        groups = self.env["auto.customer.value"]._read_group(
            [("company_id", "=", company.id), ("date", ">=", window_start), ("partner_id.active", "=", True)],
            ["partner_id"],
            ["date:max", "__count", "amount:sum"],
        )
        stats = {partner.id: ((today - last).days, count, amount) for partner, last, count, amount in groups}
        scores = rfm_tools.classify_customers(stats, company._auto_tier_settings())

        # customers that had a tier or scores before but have no value in the window any more
        Partner = self.with_context(active_test=False, tracking_disable=True)
        previous = Partner.search_fetch(
            [
                "|",
                ("id", "in", list(scores)),
                "&",
                ("auto_customer_type", "!=", False),
                "|",
                ("auto_tier_computed", "!=", False),
                ("auto_rfm_score", "!=", 0),
                # a customer shared by all companies keeps the tier another company gives it
                "|",
                ("company_id", "=", company.id),
                "&",
                ("company_id", "=", False),
                (
                    "auto_customer_value_ids",
                    "not any",
                    [("company_id", "!=", company.id), ("date", ">=", window_start)],
                ),
            ],
            [
                "auto_customer_tier",
                "auto_tier_computed",
                "auto_tier_override",
                "auto_rfm_recency_score",
                "auto_rfm_frequency_score",
                "auto_rfm_monetary_score",
            ],
        )
        changed, rows, history = [], [], []
        for partner in previous:
            score = scores.get(partner.id)
            if score:
                values = (score.tier, score.recency, score.frequency, score.monetary)
            else:
                values = (rfm_tools.TIER_ORDINARY, 0, 0, 0)
            current = (
                partner.auto_tier_computed,
                partner.auto_rfm_recency_score,
                partner.auto_rfm_frequency_score,
                partner.auto_rfm_monetary_score,
            )
            if current == values:
                continue
            effective = partner.auto_tier_override or values[0]
            changed.append(partner.id)
            rows.append((*values, sum(values[1:]), effective))
            if effective != partner.auto_customer_tier:
                history.append(
                    {
                        "partner_id": partner.id,
                        "old_tier": partner.auto_customer_tier,
                        "new_tier": effective,
                        "origin": "automatic",
                    }
                )
        if changed:
            # These are plain stored fields that no computed field depends on: one UPDATE from
            # arrays rather than one write() per distinct set of scores, which would go through
            # res.partner.write's per-partner address sync for nothing.
            fnames = [
                "auto_tier_computed",
                "auto_rfm_recency_score",
                "auto_rfm_frequency_score",
                "auto_rfm_monetary_score",
                "auto_rfm_score",
                "auto_customer_tier",
                "write_uid",
                "write_date",
            ]
            changed_partners = Partner.browse(changed)
            changed_partners.flush_recordset(fnames)
            columns = list(zip(*rows, strict=True))
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner partner
                       SET auto_tier_computed = new.auto_tier_computed, auto_rfm_recency_score = new.recency,
                           auto_rfm_frequency_score = new.frequency, auto_rfm_monetary_score = new.monetary,
                           auto_rfm_score = new.score, auto_customer_tier = new.customer_tier,
                           write_uid = %s, write_date = %s
                      FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::int[], %s::int[], %s::int[], %s::varchar[])
                           AS new(id, auto_tier_computed, recency, frequency, monetary, score, customer_tier)
                     WHERE partner.id = new.id
                    """,
                    self.env.uid,
                    self.env.cr.now(),
                    changed,
                    *map(list, columns),
                )
            )
            changed_partners.invalidate_recordset(fnames)
        if history:
            self.env["auto.customer.tier.history"].create(history)
        return len(previous)

    def _set_tier_override(self, tier, reason):
        """Force a tier (or, with ``tier=False``, go back to the computed one); a reason is required."""
        if tier and not (reason or "").strip():
            raise ValidationError(_("Give a reason to override the customer tier."))
        history = []
        for partner in self:
            effective = tier or partner.auto_tier_computed or rfm_tools.TIER_ORDINARY
            if effective != partner.auto_customer_tier:
                history.append(
                    {
                        "partner_id": partner.id,
                        "old_tier": partner.auto_customer_tier,
                        "new_tier": effective,
                        "origin": "manual",
                        "reason": reason,
                    }
                )
            partner.write(
                {
                    "auto_tier_override": tier or False,
                    "auto_tier_override_reason": reason if tier else False,
                    "auto_customer_tier": effective,
                }
            )
        if history:
            self.env["auto.customer.tier.history"].create(history)
