from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.osv import expression

from odoo.addons.auto_crm_sales.models.sale_order import SIGNED_STATES

from ..tools import upgrade

BATCH_SIZE = 5000
# the last car of the batch done, while the nightly job goes through the owners' cars (one per company)
OWNED_STATES = ("customer", "sold", "delivered")
CURSOR_PARAM = "auto_crm_marketing.upgrade_last_vehicle_id"


class AutoVehicle(models.Model):
    """Upgrade opportunities (置换/增购): owners whose car makes a replacement likely get a lead for their
    consultant, with the reason, a trade-in estimate and newer models of the brand."""

    _inherit = "auto.vehicle"

    # ------------------------------------------------------------------
    # Nightly job
    # ------------------------------------------------------------------
    @api.model
    def _cron_upgrade_opportunities(self, batch_size=BATCH_SIZE):
        """One batch of the nightly job: the next ``batch_size`` owners' cars after the last one done (the
        cron runs it again, committed in between, while ``_notify_progress`` reports some remaining). Opens an
        upgrade lead for each car that qualifies and has none open; returns the leads created."""
        params = self.env["ir.config_parameter"].sudo()
        cursor_key = f"{CURSOR_PARAM}.{self.env.company.id}"
        last_id = int(params.get_param(cursor_key, 0) or 0)
        today = fields.Date.context_today(self)
        context = self._upgrade_context(today)
        # the database picks the cars that may qualify; the rest of the fleet is never read
        domain = self._upgrade_domain() + self._upgrade_candidate_domain(today, context["thresholds"])
        batch = self.search_fetch(
            domain + [("id", ">", last_id)],
            [
                "partner_id",
                "user_id",
                "model_id",
                "series_id",
                "brand_id",
                "purchase_date",
                "mileage",
                "warranty_end_date",
                "lot_id",
                "company_id",
            ],
            order="id",
            limit=batch_size,
        )
        leads = batch._upgrade_open_leads(today, context) if batch else self.env["crm.lead"]
        remaining = self.search_count(domain + [("id", ">", batch[-1].id)]) if len(batch) == batch_size else 0
        params.set_param(cursor_key, batch[-1].id if remaining else 0)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return leads

    @api.model
    def _upgrade_run(self, batch_size=BATCH_SIZE):
        """The whole nightly job in one transaction (the demo data, the tests and the benchmark)."""
        leads = self.env["crm.lead"]
        while True:
            leads |= self._cron_upgrade_opportunities(batch_size=batch_size)
            cursor_key = f"{CURSOR_PARAM}.{self.env.company.id}"
            if not int(self.env["ir.config_parameter"].sudo().get_param(cursor_key, 0) or 0):
                return leads

    @api.model
    def _upgrade_domain(self):
        """The owners' cars: registered as a customer's, or sold and delivered by the dealership."""
        return [
            ("state", "in", OWNED_STATES),
            ("partner_id", "!=", False),
            ("company_id", "=", self.env.company.id),
        ]

    @api.model
    def _upgrade_candidate_domain(self, today, thresholds):
        """The cars that meet at least one threshold, as a domain: age, mileage and warranty on the vehicle,
        repair costs and loans found with one query each."""
        conditions = []
        if thresholds["age_years"]:
            conditions.append([("purchase_date", "<=", today - relativedelta(years=thresholds["age_years"]))])
        if thresholds["mileage"]:
            conditions.append([("mileage", ">=", thresholds["mileage"])])
        if thresholds["warranty_days"]:
            days = timedelta(days=thresholds["warranty_days"])
            conditions.append([("warranty_end_date", ">=", today - days), ("warranty_end_date", "<=", today + days)])
        if thresholds["repair_cost"]:
            rows = (
                self.env["repair.order"]
                .sudo()
                ._read_group(
                    self._upgrade_repair_domain(today) + [("company_id", "=", self.env.company.id)],
                    ["auto_vehicle_id"],
                    having=[("auto_amount_total:sum", ">=", thresholds["repair_cost"])],
                )
            )
            conditions.append([("id", "in", [vehicle.id for [vehicle] in rows])])
        if thresholds["loan_days"]:
            loans = self._upgrade_loan_ends()
            lot_ids = [lot_id for lot_id, end in loans.items() if abs((end - today).days) <= thresholds["loan_days"]]
            conditions.append([("lot_id", "in", lot_ids)])
        return expression.OR(conditions) if conditions else expression.FALSE_DOMAIN

    @api.model
    def _upgrade_repair_domain(self, today):
        since = fields.Datetime.to_datetime(today - timedelta(days=365))
        return [("state", "=", "done"), ("auto_date_done", ">=", since), ("auto_vehicle_id", "!=", False)]

    @api.model
    def _upgrade_loan_ends(self, lots=None):
        """``{lot id: end of the loan}`` of the cars sold on a signed contract with a financing term (the latest
        contract's when there are several), in one query."""
        domain = [
            ("auto_lot_id", "!=", False),
            ("order_id.auto_contract_state", "in", SIGNED_STATES),
            ("order_id.auto_loan_term_months", ">", 0),
            ("order_id.company_id", "=", self.env.company.id),
        ]
        if lots is not None:
            domain.append(("auto_lot_id", "in", lots.ids))
        lines = self.env["sale.order.line"].sudo().search_fetch(domain, ["auto_lot_id", "order_id"])
        lines.order_id.fetch(["auto_loan_term_months", "auto_date_signed", "date_order"])
        ends = {}
        for line in lines:
            order = line.order_id
            start = order.auto_date_signed or fields.Date.context_today(order, order.date_order)
            end = upgrade.add_months(start, order.auto_loan_term_months)
            ends[line.auto_lot_id.id] = max(ends.get(line.auto_lot_id.id, end), end)
        return ends

    @api.model
    def _upgrade_context(self, today):
        """What every batch needs, read once: thresholds, depreciation tables, the catalogue, the tag."""
        company = self.env.company
        models_by_brand = {}
        for model in self.env["auto.vehicle.model"].search_fetch(
            [("active", "=", True)], ["brand_id", "series_id", "list_price", "model_year"], order="list_price, id"
        ):
            models_by_brand.setdefault(model.brand_id.id, []).append(model)
        return {
            "thresholds": {
                "age_years": company.auto_upgrade_age_years,
                "mileage": company.auto_upgrade_mileage_km,
                "warranty_days": company.auto_upgrade_warranty_days,
                "loan_days": company.auto_upgrade_loan_days,
                "repair_cost": company.auto_upgrade_repair_cost,
            },
            "tables": self.env["auto.mkt.depreciation"]._tables_by_key(),
            "models_by_brand": models_by_brand,
            "tag": company._auto_upgrade_tag(),
            "labels": dict(self._upgrade_reason_labels()),
        }

    @api.model
    def _upgrade_reason_labels(self):
        return [
            (upgrade.REASON_AGE, _("Vehicle age")),
            (upgrade.REASON_MILEAGE, _("Mileage")),
            (upgrade.REASON_WARRANTY, _("Warranty ending")),
            (upgrade.REASON_LOAN, _("Loan term ending")),
            (upgrade.REASON_REPAIR_COST, _("Repair costs in the last 12 months")),
        ]

    def _upgrade_facts(self, today):
        """``{vehicle id: facts}`` of this batch: three grouped queries whatever its size."""
        repair_costs = {
            vehicle.id: amount
            for vehicle, amount in self.env["repair.order"]
            .sudo()
            ._read_group(
                self._upgrade_repair_domain(today) + [("auto_vehicle_id", "in", self.ids)],
                ["auto_vehicle_id"],
                ["auto_amount_total:sum"],
            )
        }
        loans = self._upgrade_loan_ends(self.lot_id) if self.lot_id else {}
        facts = {}
        for vehicle in self:
            facts[vehicle.id] = {
                "age_years": upgrade.age_in_years(vehicle.purchase_date, today),
                "mileage": vehicle.mileage,
                "warranty_end": vehicle.warranty_end_date,
                "loan_end": loans.get(vehicle.lot_id.id),
                "repair_cost": repair_costs.get(vehicle.id, 0.0),
            }
        return facts

    def _upgrade_open_leads(self, today, context):
        """Open the upgrade leads of this batch: the vehicles with a reason and no open upgrade lead."""
        facts = self._upgrade_facts(today)
        candidates = self.filtered(lambda v: v._upgrade_reasons(facts[v.id], today, context))
        if not candidates:
            return self.env["crm.lead"]
        # an open upgrade lead of the vehicle blocks a new one (the job runs every night)
        blocked = {
            vehicle.id
            for [vehicle] in self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("auto_upgrade_vehicle_id", "in", candidates.ids),
                    ("active", "=", True),
                    ("stage_id.is_won", "=", False),
                ],
                ["auto_upgrade_vehicle_id"],
            )
        }
        # the reason is written in the consultant's language (the job runs in the cron's)
        vals_list = []
        to_open = candidates.filtered(lambda v: v.id not in blocked)
        for lang in set(to_open.user_id.mapped("lang")) | {False}:
            of_lang = to_open.filtered(lambda v, lang=lang: (v.user_id.lang or False) == lang)
            if not of_lang:
                continue
            of_lang = of_lang.with_context(lang=lang or self.env.lang)
            lang_context = dict(context, labels=dict(of_lang._upgrade_reason_labels()))
            vals_list += [vehicle._upgrade_lead_vals(facts[vehicle.id], today, lang_context) for vehicle in of_lang]
        # the job runs as the cron's superuser; each lead goes to the owner's consultant
        return self.env["crm.lead"].sudo().with_context(mail_create_nolog=True, tracking_disable=True).create(vals_list)

    def _upgrade_estimate(self, age_years, context):
        tables = context["tables"]
        table = tables.get((self.brand_id.id, self.series_id.id)) or tables.get((self.brand_id.id, 0)) or []
        return upgrade.trade_in_value(self.model_id.list_price, table, age_years)

    def _upgrade_suggested_models(self, context, limit=3):
        """Same brand, a dearer trim or a newer model year of the same series, from the cheapest up."""
        current = self.model_id
        suggestions = [
            model
            for model in context["models_by_brand"].get(self.brand_id.id, [])
            if model.id != current.id
            and (
                model.list_price > current.list_price
                or (model.series_id == current.series_id and (model.model_year or 0) > (current.model_year or 0))
            )
        ]
        return suggestions[:limit]

    def _upgrade_reasons(self, facts, today, context):
        """``[(code, label, detail)]``: why this car makes a replacement likely (empty: it does not). Extend
        with ``super()`` (and ``_upgrade_candidate_domain``) to add a reason."""
        self.ensure_one()
        labels = context["labels"]
        reasons = []
        for code in upgrade.upgrade_reasons(facts, context["thresholds"], today):
            if code == upgrade.REASON_AGE:
                detail = _("%(years)s years old", years=facts["age_years"])
            elif code == upgrade.REASON_MILEAGE:
                detail = _("%(km)s km", km=upgrade.thousands(facts["mileage"]))
            elif code == upgrade.REASON_WARRANTY:
                detail = _("warranty ends %(date)s", date=facts["warranty_end"])
            elif code == upgrade.REASON_LOAN:
                detail = _("loan ends %(date)s", date=facts["loan_end"])
            else:
                detail = _("%(amount)s spent on repairs", amount=upgrade.thousands(facts["repair_cost"]))
            reasons.append((code, labels[code], detail))
        return reasons

    def _upgrade_lead_vals(self, facts, today, context):
        self.ensure_one()
        reason = "; ".join(
            label + ": " + detail for _code, label, detail in self._upgrade_reasons(facts, today, context)
        )
        estimate = self._upgrade_estimate(facts["age_years"], context)
        suggested = self._upgrade_suggested_models(context)
        return {
            "name": _("Upgrade: %(owner)s, %(vehicle)s", owner=self.partner_id.display_name, vehicle=self.display_name),
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "auto_upgrade_vehicle_id": self.id,
            "auto_trade_in_vehicle_id": self.id,
            "auto_upgrade_reason": reason,
            "auto_upgrade_estimate": estimate or 0.0,
            "auto_upgrade_model_ids": [fields.Command.set([model.id for model in suggested])],
            "auto_model_id": suggested[0].id if suggested else False,
            "tag_ids": [fields.Command.link(context["tag"].id)] if context["tag"] else [],
        }

    def _upgrade_open_lead(self):
        """The open upgrade lead of each of these vehicles: ``{vehicle id: lead}``, in one query."""
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search_fetch(
                [("auto_upgrade_vehicle_id", "in", self.ids), ("active", "=", True), ("stage_id.is_won", "=", False)],
                ["auto_upgrade_vehicle_id", "user_id", "auto_upgrade_reason", "auto_upgrade_estimate"],
            )
        )
        return {lead.auto_upgrade_vehicle_id.id: lead for lead in leads}
