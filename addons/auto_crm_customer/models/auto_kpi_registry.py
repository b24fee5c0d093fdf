from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import _lt, api, models

from ..tools.kpi import KpiSource, rate


class AutoKpiRegistry(models.AbstractModel):
    """The KPIs staff are measured by: one extension point, and each addon that records the work provides
    the KPIs of its own data.

    ``_kpi_catalogue()`` lists them by code (label, unit, direction); each code has a method
    ``_kpi_<code>(date_from, date_to)`` returning a :class:`~odoo.addons.auto_crm_customer.tools.kpi.KpiSource`.
    The engine computes a KPI for every user of a period with one or two grouped queries, whatever the number
    of users, and opens the same records for the drill-down. An addon adds KPIs by inheriting this model:
    extend ``_kpi_catalogue()`` with ``super()`` and add the ``_kpi_<code>`` methods. This addon provides the
    KPIs of the follow-up engine.
    """

    _name = "auto.kpi.registry"
    _description = "KPI Registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            "followup_completion": {"name": _lt("Follow-up Completion"), "unit": "percent", "direction": "higher"},
            "followup_on_time": {"name": _lt("Follow-ups on Time"), "unit": "percent", "direction": "higher"},
        }

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _kpi_source(self, code, date_from, date_to):
        method = getattr(self, f"_kpi_{code}", None)
        if method is None:
            raise ValueError(f"KPI {code!r} has no method _kpi_{code} on {self._name}")
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
            uid: (rate(met.get(uid, 0.0), values[uid]) or 0.0, bool(values[uid])) if values.get(uid) else (0.0, False)
            for uid in user_ids
        }

    @api.model
    def _kpi_targets(self, code, user_ids, date_from, date_to):
        """``{user_id: target}`` for the users whose target of the KPI ``code`` over the period is set somewhere
        else than in the KPI's definition (e.g. a sales team's monthly target); the scorecards keep the
        definition's target for the others. Addons extend it with ``super()`` for their KPIs."""
        return {}

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
        return {uid: (rate(met[uid], total[uid]) or 0.0, True) if total.get(uid) else (0.0, False) for uid in user_ids}

    @api.model
    def _kpi_drilldown_domain(self, code, user_ids, date_from, date_to):
        """The model and domain of the records a KPI of these users over the period was computed from."""
        source = self._kpi_source(code, date_from, date_to)
        return source.model, source.domain + [(source.user_field, "in", list(user_ids))]

    @api.model
    def _kpi_datetime_bounds(self, date_from, date_to):
        """The period as datetimes: from the first day's midnight to the midnight after the last day."""
        return datetime.combine(date_from, time.min), datetime.combine(date_to + timedelta(days=1), time.min)

    # ------------------------------------------------------------------
    # Follow-ups (the follow-up engine of this addon)
    # ------------------------------------------------------------------
    def _kpi_followup_domain(self, date_from, date_to):
        return [("date_scheduled", ">=", date_from), ("date_scheduled", "<=", date_to), ("state", "!=", "cancelled")]

    def _kpi_followup_completion(self, date_from, date_to):
        return KpiSource(
            "auto.followup",
            "user_id",
            self._kpi_followup_domain(date_from, date_to),
            success=[("state", "=", "done")],
        )

    def _kpi_followup_on_time(self, date_from, date_to):
        return KpiSource(
            "auto.followup", "user_id", self._kpi_followup_domain(date_from, date_to), measure="on_time_rate:avg"
        )
