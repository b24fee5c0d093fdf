from datetime import timedelta

from odoo import _lt, api, fields, models
from odoo.tools import SQL, format_amount

from ..tools.worklist import WorkItem, days_late, rank

# the follow-ups listed: still to do, due today or before
FOLLOWUP_TODO_STATES = ("planned", "open")
BIRTHDAY_DAYS_AHEAD = 3


class AutoWorklistRegistry(models.AbstractModel):
    """The worklist for today (今日工作台): one extension point, each addon adds the work of its own records.

    ``_worklist_sources()`` lists the sources by code; each code has a method ``_worklist_<code>(users, today)``
    returning :class:`~odoo.addons.auto_crm_customer.tools.worklist.WorkItem` objects for ALL the ``users`` at
    once, with one or two queries whatever their number (never a query per user or per item). The engine ranks
    them (``tools/worklist.py``), explains each in words (``_worklist_reason_templates()``) and materialises
    them as ``auto.worklist.item`` records. An addon adds a source by inheriting this model: extend
    ``_worklist_sources()`` with ``super()``, add the ``_worklist_<code>`` method, and, for a new kind, the kind
    to the selection of ``auto.worklist.item.kind`` and its weight to ``_worklist_kind_weights()``.

    This addon provides the follow-ups due or overdue (the follow-up engine: lead cadence, receivable
    reminders, return visits, maintenance reminders, care calls... each kind by its plan's purpose,
    ``_worklist_followup_kinds()``) and the customers' birthdays.
    """

    _name = "auto.worklist.registry"
    _description = "Worklist Registry"

    @api.model
    def _worklist_sources(self):
        return {
            "followups": _lt("Follow-ups"),
            "birthdays": _lt("Birthdays"),
        }

    @api.model
    def _worklist_reason_templates(self):
        """The words of each explanation key of ``tools/worklist.py`` and of the sources, with their params."""
        return {
            "overdue": _lt("%(days)s days overdue"),
            "due_today": _lt("due today"),
            "due_in": _lt("due in %(days)s days"),
            "grade": _lt("%(grade)s-grade lead"),
            "tier": _lt("%(tier)s customer"),
            "amount": _lt("amount %(amount)s"),
            "sla_breached": _lt("SLA passed %(hours)s h ago"),
            "sla_left": _lt("%(hours)s h left to the SLA"),
            "followup": _lt("follow-up: %(name)s"),
            "birthday": _lt("birthday on %(date)s"),
        }

    @api.model
    def _worklist_followup_kinds(self):
        """The kind of a follow-up by its plan's purpose (others are ``followup``): the addons add theirs."""
        return {}

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _worklist_collect(self, users, today=None):
        """Every source's items of ``users``, ranked and explained: a list of ``WorkItem``."""
        today = today or fields.Date.context_today(self)
        items = []
        for code in self._worklist_sources():
            items += getattr(self, f"_worklist_{code}")(users, today)
        return rank(items, today)

    @api.model
    def _worklist_explain(self, item):
        """The explanation of a ranked item in the user's language, e.g. "逾期 3 天 · H 级潜客 · 金额 ¥120,000"."""
        templates = self._worklist_reason_templates()
        tiers = dict(self.env["res.partner"]._fields["auto_customer_tier"]._description_selection(self.env))
        words = []
        for key, params in item.explanation:
            template = templates.get(key)
            if template is None:
                continue
            params = dict(params)
            if key == "amount":
                params["amount"] = format_amount(self.env, params["amount"], self.env.company.currency_id)
            if key == "tier":
                params["tier"] = tiers.get(params["tier"], params["tier"])
            words.append(str(template) % params)
        return " · ".join(words)

    @api.model
    def _worklist_refresh(self, users, today=None):
        """Materialise the worklist of ``users`` (their items replaced): one delete, the sources, one create."""
        # the system builds the list of every user asked for (a manager refreshes the team's): the sources read
        # records the asking user may not (another consultant's follow-ups); each item is shown only to its
        # user and their managers by the item's record rules, and opening its record applies the user's rights
        Item = self.env["auto.worklist.item"].sudo()
        users = users.sudo()
        Item.search([("user_id", "in", users.ids)]).unlink()
        today = today or fields.Date.context_today(self)
        ranked = self.sudo()._worklist_collect(users, today)
        teams = self._worklist_teams(users)
        company = self.env.company
        return Item.create(
            [
                {
                    "user_id": item.user_id,
                    "team": teams.get(item.user_id, False),
                    "kind": item.kind,
                    "rank": item.rank,
                    "score": item.score,
                    "name": item.name,
                    "reason": self._worklist_explain(item),
                    "res_model": item.res_model,
                    "res_id": item.res_id,
                    "partner_id": item.partner_id or False,
                    "date_due": item.date_due or False,
                    "overdue_days": max(0, days_late(item.date_due, today)),
                    "amount": item.amount or 0.0,
                    "currency_id": company.currency_id.id,
                    "company_id": company.id,
                }
                for item in ranked
            ]
        )

    @api.model
    def _worklist_teams(self, users):
        """``{user_id: team}``: whose manager sees a user's worklist (``sales`` or ``service``)."""
        service = self.env.ref("auto_crm_customer.group_service_advisor")
        sales = self.env.ref("auto_crm_customer.group_sales_consultant")
        teams = {}
        for user in users:
            if service in user.groups_id:
                teams[user.id] = "service"
            elif sales in user.groups_id:
                teams[user.id] = "sales"
        return teams

    @api.model
    def _worklist_team_users(self):
        """The users whose worklists the current user manages, by role: for each manager role the user holds
        (``_worklist_managed_roles()``), the team that role manages (``_worklist_role_team()``)."""
        user = self.env.user
        members = self.env["res.users"]
        for manager_group, member_groups in self._worklist_managed_roles().items():
            if user.has_group(manager_group):
                members |= self._worklist_role_team(manager_group, member_groups)
        return members

    @api.model
    def _worklist_managed_roles(self):
        """``{manager group xmlid: the role groups of the team it manages}``: a sales manager the consultants, a
        service manager the service advisors (and customer relations, with after-sales)."""
        return {
            "auto_crm_customer.group_sales_manager": self.env.ref("auto_crm_customer.group_sales_consultant"),
            "auto_crm_customer.group_service_manager": self._worklist_service_groups(),
        }

    @api.model
    def _worklist_role_team(self, manager_group, member_groups):
        """The team of the current user as ``manager_group``: the internal users of the current company holding one
        of ``member_groups``. An addon narrows a role's team (sales: the manager's own sales teams)."""
        # sudo: the manager lists the team's users, whose records a manager may not read (other companies' users)
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", member_groups.ids),
                    ("share", "=", False),
                    ("company_ids", "in", self.env.company.id),
                ]
            )
        )

    @api.model
    def _worklist_service_groups(self):
        return self.env.ref("auto_crm_customer.group_service_advisor")

    # ------------------------------------------------------------------
    # Sources of this addon
    # ------------------------------------------------------------------
    @api.model
    def _worklist_followups(self, users, today):
        """Follow-ups still to do, due today or before: one query, with the plan's purpose and the customer's tier.

        Plain SQL, on the rows the ORM's search gives (the sources run as superuser): a manager's list reads tens of
        thousands of follow-ups, and a record per follow-up would be most of its time (bench/bench_worklist.py)."""
        self.env["auto.followup"].flush_model(
            ["user_id", "state", "date_scheduled", "name", "partner_id", "res_model", "res_id", "plan_id"]
        )
        self.env["auto.followup.plan"].flush_model(["purpose"])
        self.env["res.partner"].flush_model(["auto_customer_tier"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT followup.id, followup.user_id, followup.name, followup.partner_id, followup.date_scheduled,
                       followup.res_model, followup.res_id, plan.purpose, partner.auto_customer_tier
                  FROM auto_followup followup
             LEFT JOIN auto_followup_plan plan ON plan.id = followup.plan_id
             LEFT JOIN res_partner partner ON partner.id = followup.partner_id
                 WHERE followup.user_id = ANY(%s) AND followup.state IN %s AND followup.date_scheduled <= %s
                """,
                users.ids,
                FOLLOWUP_TODO_STATES,
                today,
            )
        )
        kinds = self._worklist_followup_kinds()
        return [
            WorkItem(
                kind=kinds.get(purpose, "followup"),
                user_id=user_id,
                res_model="auto.followup",
                res_id=followup_id,
                name=name,
                subject=(res_model, res_id) if res_id else None,
                partner_id=partner_id or False,
                date_due=date_scheduled,
                tier=tier or None,
            )
            for followup_id, user_id, name, partner_id, date_scheduled, res_model, res_id, purpose, tier in rows
        ]

    @api.model
    def _worklist_birthdays(self, users, today):
        """Customers of the users whose birthday is today or in the next days: one query."""
        days = [today + timedelta(days=offset) for offset in range(BIRTHDAY_DAYS_AHEAD + 1)]
        self.env["res.partner"].flush_model(["auto_birthday", "user_id", "auto_customer_type", "active"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id, user_id, name, auto_birthday, auto_customer_tier
                  FROM res_partner
                 WHERE user_id IN %s AND active AND auto_customer_type IS NOT NULL AND auto_birthday IS NOT NULL
                   AND to_char(auto_birthday, 'MM-DD') IN %s
                """,
                tuple(users.ids) or (0,),
                tuple(day.strftime("%m-%d") for day in days),
            )
        )
        by_month_day = {day.strftime("%m-%d"): day for day in days}
        items = []
        for partner_id, user_id, name, birthday, tier in self.env.cr.fetchall():
            day = by_month_day[birthday.strftime("%m-%d")]
            items.append(
                WorkItem(
                    kind="birthday",
                    user_id=user_id,
                    res_model="res.partner",
                    res_id=partner_id,
                    name=name,
                    subject=("birthday", partner_id),
                    partner_id=partner_id,
                    date_due=day,
                    tier=tier,
                    reasons=[("birthday", {"date": day.strftime("%m-%d")})],
                )
            )
        return items
