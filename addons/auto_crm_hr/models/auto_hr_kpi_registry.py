from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from odoo import _lt, api, models

from ..tools import scoring

# after-sales return visits: the follow-up plans of these purposes (auto_crm_aftersales)
RETURN_VISIT_PURPOSES = ("service_return_visit", "delivery_return_visit", "ticket_return_visit")
CLOSED_CONTRACT_STATES = ("delivered", "closed")


@dataclass
class KpiSource:
    """Where one KPI comes from, for one period.

    ``model`` and ``domain``: the records the KPI is computed from (also what its drill-down opens);
    ``user_field``: the field of those records naming the employee's user (a many2one or many2many to
    res.users, or a path such as ``repair_id.user_id``); ``measure``: an aggregate of ``_read_group``
    (``__count``, ``amount_total:sum``, ``csi:avg``); ``success``: a domain (or a function of one record,
    when a domain cannot say it, e.g. resolved before its deadline) making the KPI the share in percent
    of the records that meet it; ``ratio``: aggregates of ``_read_group`` and ``formula`` the KPI computed
    from them (by default 100 * first / second), None when there is nothing to measure.
    """

    model: str
    user_field: str
    domain: list
    measure: str = "__count"
    success: object = None
    ratio: tuple = None
    formula: object = scoring.rate
    fetch_fields: list = field(default_factory=list)

    @property
    def is_average(self):
        """A rate, a ratio or an average: over no record there is no value (and no score)."""
        return self.success is not None or self.ratio is not None or self.measure.endswith(":avg")


class AutoHrKpiRegistry(models.AbstractModel):
    """The KPIs the scorecards can use: one extension point for every addon that records the work.

    ``_kpi_catalogue()`` lists them by code (label, unit, direction); each code has a method
    ``_kpi_<code>(date_from, date_to)`` returning a :class:`KpiSource`. The engine computes every KPI for
    every employee of a period with one or two grouped queries per KPI, whatever the number of employees,
    and opens the same records for the drill-down. An addon adds KPIs by inheriting this model: extend
    ``_kpi_catalogue()`` with ``super()`` and add the ``_kpi_<code>`` methods.
    """

    _name = "auto.hr.kpi.registry"
    _description = "KPI Registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            # sales consultant (auto_crm_sales)
            "leads_handled": {"name": _lt("Leads Handled"), "unit": "count", "direction": "higher"},
            "first_response_hours": {"name": _lt("First Response (hours)"), "unit": "hours", "direction": "lower"},
            "followup_completion": {"name": _lt("Follow-up Completion"), "unit": "percent", "direction": "higher"},
            "followup_on_time": {"name": _lt("Follow-ups on Time"), "unit": "percent", "direction": "higher"},
            "test_drives": {"name": _lt("Test Drives"), "unit": "count", "direction": "higher"},
            "lead_conversion": {"name": _lt("Lead-to-Sale Conversion"), "unit": "percent", "direction": "higher"},
            "units_delivered": {"name": _lt("Units Delivered"), "unit": "count", "direction": "higher"},
            "gross_profit": {"name": _lt("Gross Profit"), "unit": "amount", "direction": "higher"},
            "receivables_on_time": {
                "name": _lt("Receivables Collected on Time"),
                "unit": "percent",
                "direction": "higher",
            },
            # service advisor (auto_crm_aftersales)
            "service_orders": {"name": _lt("Service Orders"), "unit": "count", "direction": "higher"},
            "service_revenue": {"name": _lt("Service Revenue"), "unit": "amount", "direction": "higher"},
            "first_time_fix": {"name": _lt("First-time Fix Rate"), "unit": "percent", "direction": "higher"},
            "csi": {"name": _lt("Customer Satisfaction (CSI)"), "unit": "score", "direction": "higher"},
            "nps": {"name": _lt("Net Promoter Score"), "unit": "score", "direction": "higher"},
            "complaints": {"name": _lt("Complaints"), "unit": "count", "direction": "lower"},
            # technician (auto_crm_aftersales)
            "labour_hours": {"name": _lt("Labour Hours"), "unit": "hours", "direction": "higher"},
            "comebacks": {"name": _lt("Come-backs"), "unit": "count", "direction": "lower"},
            # customer relations (auto_crm_aftersales)
            "return_visits_on_time": {"name": _lt("Return Visits on Time"), "unit": "percent", "direction": "higher"},
            "complaint_sla": {"name": _lt("Complaints Resolved within SLA"), "unit": "percent", "direction": "higher"},
            # parts and stock clerk (auto_crm_inventory)
            "stock_count_accuracy": {"name": _lt("Stock Count Accuracy"), "unit": "percent", "direction": "higher"},
            "parts_fill_rate": {"name": _lt("Parts Fill Rate"), "unit": "percent", "direction": "higher"},
        }

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _kpi_source(self, code, date_from, date_to):
        method = getattr(self, f"_kpi_{code}", None)
        if method is None:
            raise ValueError(f"KPI {code!r} has no method _kpi_{code} on auto.hr.kpi.registry")
        return method(date_from, date_to)

    @api.model
    def _kpi_values(self, code, user_ids, date_from, date_to):
        """``{user_id: (value, has_data)}`` of one KPI for these users over the period, in one or two queries."""
        source = self._kpi_source(code, date_from, date_to)
        # the KPI counts every record of the work (lost leads are archived), whoever computes it
        model = self.env[source.model].with_context(active_test=False)
        domain = source.domain + [(source.user_field, "in", list(user_ids))]
        if callable(source.success) or "." in source.user_field:
            return self._kpi_values_fetched(model, source, domain, user_ids)
        if source.ratio:
            rows = model._read_group(domain, [source.user_field], list(source.ratio))
            computed = {user.id: source.formula(*(value or 0.0 for value in values)) for user, *values in rows}
            return {uid: (computed[uid], True) if computed.get(uid) is not None else (0.0, False) for uid in user_ids}
        rows = dict(model._read_group(domain, [source.user_field], [source.measure]))
        values = {user.id: value or 0.0 for user, value in rows.items()}
        if source.success is None:
            average = source.is_average
            return {uid: (values.get(uid, 0.0), uid in values or not average) for uid in user_ids}
        met = {
            user.id: value or 0.0
            for user, value in model._read_group(domain + source.success, [source.user_field], [source.measure])
        }
        return {
            uid: (scoring.rate(met.get(uid, 0.0), values[uid]) or 0.0, bool(values[uid]))
            if values.get(uid)
            else (0.0, False)
            for uid in user_ids
        }

    @api.model
    def _kpi_values_fetched(self, model, source, domain, user_ids):
        """The same, for a success no domain can express or a user reached through a path: one query."""
        path = source.user_field.split(".")
        records = model.search_fetch(domain, [path[0], *source.fetch_fields])
        total = defaultdict(int)
        met = defaultdict(int)
        wanted = set(user_ids)
        for record in records:
            for user in record.mapped(source.user_field):
                if user.id not in wanted:
                    continue
                total[user.id] += 1
                if source.success is None or (callable(source.success) and source.success(record)):
                    met[user.id] += 1
        if source.success is None:
            return {uid: (float(total.get(uid, 0)), True) for uid in user_ids}
        return {
            uid: (scoring.rate(met[uid], total[uid]) or 0.0, True) if total.get(uid) else (0.0, False)
            for uid in user_ids
        }

    @api.model
    def _kpi_drilldown_domain(self, code, user_ids, date_from, date_to):
        source = self._kpi_source(code, date_from, date_to)
        return source.model, source.domain + [(source.user_field, "in", list(user_ids))]

    @api.model
    def _kpi_datetime_bounds(self, date_from, date_to):
        return datetime.combine(date_from, time.min), datetime.combine(date_to + timedelta(days=1), time.min)

    # ------------------------------------------------------------------
    # Sales consultant: leads, follow-ups, test drives, contracts, receivables (auto_crm_sales)
    # ------------------------------------------------------------------
    def _kpi_leads_handled(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource("crm.lead", "user_id", [("create_date", ">=", start), ("create_date", "<", stop)])

    def _kpi_first_response_hours(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "crm.lead",
            "user_id",
            [("create_date", ">=", start), ("create_date", "<", stop), ("auto_date_first_response", "!=", False)],
            measure="auto_first_response_hours:avg",
        )

    def _kpi_followup_completion(self, date_from, date_to):
        return KpiSource(
            "auto.followup",
            "user_id",
            [("date_scheduled", ">=", date_from), ("date_scheduled", "<=", date_to), ("state", "!=", "cancelled")],
            success=[("state", "=", "done")],
        )

    def _kpi_followup_on_time(self, date_from, date_to):
        return KpiSource(
            "auto.followup",
            "user_id",
            [("date_scheduled", ">=", date_from), ("date_scheduled", "<=", date_to), ("state", "!=", "cancelled")],
            measure="on_time_rate:avg",
        )

    def _kpi_test_drives(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.test.drive",
            "user_id",
            [("date_start", ">=", start), ("date_start", "<", stop), ("state", "=", "done")],
        )

    def _kpi_lead_conversion(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "crm.lead",
            "user_id",
            [("create_date", ">=", start), ("create_date", "<", stop), ("type", "=", "opportunity")],
            success=[("stage_id.is_won", "=", True)],
        )

    def _kpi_units_delivered(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "sale.order.line",
            "salesman_id",
            [
                ("auto_lot_id", "!=", False),
                ("order_id.contract_state", "in", CLOSED_CONTRACT_STATES),
                ("order_id.effective_date", ">=", start),
                ("order_id.effective_date", "<", stop),
            ],
            measure="qty_delivered:sum",
        )

    def _kpi_gross_profit(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "sale.order",
            "user_id",
            [
                ("auto_is_vehicle_sale", "=", True),
                ("contract_state", "in", CLOSED_CONTRACT_STATES),
                ("effective_date", ">=", start),
                ("effective_date", "<", stop),
            ],
            measure="auto_gross_profit:sum",
        )

    def _kpi_receivables_on_time(self, date_from, date_to):
        return KpiSource(
            "auto.payment.plan.line",
            "user_id",
            [("due_date", ">=", date_from), ("due_date", "<=", date_to), ("contract_state", "!=", "cancelled")],
            ratio=("amount_paid_company:sum", "amount_company:sum"),
        )

    # ------------------------------------------------------------------
    # Service advisor, technician, customer relations (auto_crm_aftersales)
    # ------------------------------------------------------------------
    def _kpi_service_orders_domain(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return [("state", "=", "done"), ("date_done", ">=", start), ("date_done", "<", stop)]

    def _kpi_service_orders(self, date_from, date_to):
        return KpiSource("repair.order", "user_id", self._kpi_service_orders_domain(date_from, date_to))

    def _kpi_service_revenue(self, date_from, date_to):
        return KpiSource(
            "repair.order", "user_id", self._kpi_service_orders_domain(date_from, date_to), measure="amount_total:sum"
        )

    def _kpi_first_time_fix(self, date_from, date_to):
        return KpiSource(
            "repair.order",
            "user_id",
            self._kpi_service_orders_domain(date_from, date_to),
            success=[("first_time_fix", "=", True)],
        )

    def _kpi_csi(self, date_from, date_to):
        return KpiSource(
            "auto.service.survey", "advisor_id", [("date", ">=", date_from), ("date", "<=", date_to)], measure="csi:avg"
        )

    def _kpi_nps(self, date_from, date_to):
        return KpiSource(
            "auto.service.survey",
            "advisor_id",
            [("date", ">=", date_from), ("date", "<=", date_to)],
            measure="nps_value:avg",
        )

    def _kpi_complaints(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.service.ticket",
            "repair_id.user_id",
            [("ticket_type", "=", "complaint"), ("date_open", ">=", start), ("date_open", "<", stop)],
        )

    def _kpi_labour_hours(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.repair.labour",
            "technician_id",
            [
                ("repair_id.state", "=", "done"),
                ("repair_id.date_done", ">=", start),
                ("repair_id.date_done", "<", stop),
            ],
            measure="hours:sum",
        )

    def _kpi_comebacks(self, date_from, date_to):
        domain = self._kpi_service_orders_domain(date_from, date_to) + [("first_time_fix", "=", False)]
        return KpiSource("repair.order", "technician_ids", domain)

    def _kpi_return_visits_on_time(self, date_from, date_to):
        return KpiSource(
            "auto.followup",
            "user_id",
            [
                ("plan_id.purpose", "in", RETURN_VISIT_PURPOSES),
                ("date_scheduled", ">=", date_from),
                ("date_scheduled", "<=", date_to),
                ("state", "!=", "cancelled"),
            ],
            measure="on_time_rate:avg",
        )

    def _kpi_complaint_sla(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.service.ticket",
            "user_id",
            [("ticket_type", "=", "complaint"), ("date_open", ">=", start), ("date_open", "<", stop)],
            success=lambda ticket: bool(
                ticket.date_resolved and (not ticket.date_deadline or ticket.date_resolved <= ticket.date_deadline)
            ),
            fetch_fields=["date_resolved", "date_deadline"],
        )

    # ------------------------------------------------------------------
    # Parts and stock clerk (auto_crm_inventory)
    # ------------------------------------------------------------------
    def _kpi_stock_count_accuracy(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.stock.count",
            "user_id",
            [("state", "=", "done"), ("date_approved", ">=", start), ("date_approved", "<", stop)],
            ratio=("expected_count:sum", "missing_count:sum", "misplaced_count:sum"),
            # the vehicles found where the books said: neither missing nor in another location
            formula=lambda expected, missing, misplaced: scoring.rate(expected - missing - misplaced, expected),
        )

    def _kpi_parts_fill_rate(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "stock.picking",
            "user_id",
            [
                ("picking_type_code", "=", "outgoing"),
                ("state", "=", "done"),
                ("date_done", ">=", start),
                ("date_done", "<", stop),
                ("backorder_id", "=", False),
                ("move_ids.product_id.tracking", "!=", "serial"),
            ],
            success=[("backorder_ids", "=", False)],
        )
