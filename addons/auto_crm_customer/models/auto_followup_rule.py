import ast

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

CARE_TRIGGERS = [
    ("birthday", "Birthday"),
    ("purchase_anniversary", "Purchase Anniversary"),
    ("insurance_expiry", "Insurance Expiry"),
    ("warranty_expiry", "Warranty Expiry"),
]


class AutoFollowupRule(models.Model):
    """Applies a plan automatically: to every customer (or vehicle) whose trigger date comes up."""

    _name = "auto.followup.rule"
    _description = "Follow-up Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    plan_id = fields.Many2one("auto.followup.plan", required=True, ondelete="cascade", index=True)
    trigger = fields.Selection(CARE_TRIGGERS, required=True)
    partner_domain = fields.Char(
        "Customers", default="[]", help="Only customers matching this filter (e.g. only key-tier customers)."
    )
    days_ahead = fields.Integer(
        "Plan Ahead (days)", default=30, help="Follow-ups are created when the trigger date is this many days away."
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    @api.constrains("days_ahead", "partner_domain")
    def _check_rule(self):
        for rule in self:
            if not 0 <= rule.days_ahead <= 366:
                raise ValidationError(_("Plan ahead between 0 and 366 days (rule %(rule)s).", rule=rule.name))
            try:
                domain = ast.literal_eval(rule.partner_domain or "[]")
                self.env["res.partner"]._search(domain)
            except Exception as error:
                raise ValidationError(
                    _("The customer filter of rule %(rule)s is not valid: %(error)s", rule=rule.name, error=error)
                ) from error

    def _partner_domain(self):
        self.ensure_one()
        return expression.AND([[("auto_customer_type", "!=", False)], ast.literal_eval(self.partner_domain or "[]")])

    def _get_subjects(self, date_from, date_to):
        """Subjects whose trigger date falls within [date_from, date_to].

        :return: list of dicts ``{partner_id, vehicle_id, user_id, trigger_date}``
        Other addons add triggers with a ``_subjects_<trigger>`` method.
        """
        self.ensure_one()
        return getattr(self, f"_subjects_{self.trigger}")(date_from, date_to)

    @api.model
    def _yearly_dates(self, date_from, date_to):
        """The (month, day) pairs from date_from to date_to, with 29 Feb celebrated on 28 Feb in other years."""
        days, day = set(), date_from
        while day <= date_to:
            days.add((day.month, day.day))
            if day.month == 2 and day.day == 28 and (day + relativedelta(days=1)).month == 3:
                days.add((2, 29))
            day += relativedelta(days=1)
        return days

    @api.model
    def _next_anniversary(self, origin, date_from):
        year = date_from.year
        for candidate_year in (year, year + 1):
            try:
                candidate = origin.replace(year=candidate_year)
            except ValueError:  # 29 February
                candidate = origin.replace(year=candidate_year, day=28)
            if candidate >= date_from:
                return candidate
        return None

    def _subjects_birthday(self, date_from, date_to):
        month_days = self._yearly_dates(date_from, date_to)
        partners = self.env["res.partner"].search_fetch(
            expression.AND([self._partner_domain(), [("auto_birthday", "!=", False)]]), ["auto_birthday", "user_id"]
        )
        subjects = []
        for partner in partners:
            if (partner.auto_birthday.month, partner.auto_birthday.day) in month_days:
                trigger = self._next_anniversary(partner.auto_birthday, date_from)
                subjects.append(
                    {
                        "partner_id": partner.id,
                        "vehicle_id": False,
                        "user_id": partner.user_id.id,
                        "trigger_date": trigger,
                    }
                )
        return subjects

    def _vehicle_subjects(self, date_field, date_from, date_to, yearly=False):
        domain = [(date_field, "!=", False), ("partner_id", "!=", False), ("state", "!=", "scrapped")]
        if not yearly:
            domain += [(date_field, ">=", date_from), (date_field, "<=", date_to)]
        partner_ids = self.env["res.partner"]._search(self._partner_domain())
        domain.append(("partner_id", "in", partner_ids))
        vehicles = self.env["auto.vehicle"].search_fetch(domain, [date_field, "partner_id", "user_id"])
        month_days = self._yearly_dates(date_from, date_to) if yearly else None
        subjects = []
        for vehicle in vehicles:
            date = vehicle[date_field]
            if yearly:
                if (date.month, date.day) not in month_days:
                    continue
                date = self._next_anniversary(date, date_from)
                if date.year <= vehicle[date_field].year:
                    continue  # the purchase day itself is not an anniversary
            subjects.append(
                {
                    "partner_id": vehicle.partner_id.id,
                    "vehicle_id": vehicle.id,
                    "user_id": vehicle.user_id.id or vehicle.partner_id.user_id.id,
                    "trigger_date": date,
                }
            )
        return subjects

    def _subjects_purchase_anniversary(self, date_from, date_to):
        return self._vehicle_subjects("purchase_date", date_from, date_to, yearly=True)

    def _subjects_insurance_expiry(self, date_from, date_to):
        return self._vehicle_subjects("insurance_expiry_date", date_from, date_to)

    def _subjects_warranty_expiry(self, date_from, date_to):
        return self._vehicle_subjects("warranty_end_date", date_from, date_to)
