from odoo import _lt, api, models

from odoo.addons.auto_crm_customer.tools.kpi import KpiSource

from .auto_followup_plan import RETURN_VISIT_PURPOSES


class AutoKpiRegistry(models.AbstractModel):
    """The KPIs of the workshop and of customer relations: service orders, labour, surveys, complaints and
    return visits."""

    _inherit = "auto.kpi.registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            **super()._kpi_catalogue(),
            # service advisor
            "service_orders": {"name": _lt("Service Orders"), "unit": "count", "direction": "higher"},
            "service_revenue": {"name": _lt("Service Revenue"), "unit": "amount", "direction": "higher"},
            "first_time_fix": {"name": _lt("First-time Fix Rate"), "unit": "percent", "direction": "higher"},
            "csi": {"name": _lt("Customer Satisfaction (CSI)"), "unit": "score", "direction": "higher"},
            "nps": {"name": _lt("Net Promoter Score"), "unit": "score", "direction": "higher"},
            "complaints": {"name": _lt("Complaints"), "unit": "count", "direction": "lower"},
            # technician
            "labour_hours": {"name": _lt("Labour Hours"), "unit": "hours", "direction": "higher"},
            "comebacks": {"name": _lt("Come-backs"), "unit": "count", "direction": "lower"},
            # customer relations
            "return_visits_on_time": {"name": _lt("Return Visits on Time"), "unit": "percent", "direction": "higher"},
            "complaint_sla": {"name": _lt("Complaints Resolved within SLA"), "unit": "percent", "direction": "higher"},
        }

    def _kpi_service_orders_domain(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return [("state", "=", "done"), ("auto_date_done", ">=", start), ("auto_date_done", "<", stop)]

    def _kpi_service_orders(self, date_from, date_to):
        return KpiSource("repair.order", "user_id", self._kpi_service_orders_domain(date_from, date_to))

    def _kpi_service_revenue(self, date_from, date_to):
        return KpiSource(
            "repair.order",
            "user_id",
            self._kpi_service_orders_domain(date_from, date_to),
            measure="auto_amount_total:sum",
        )

    def _kpi_first_time_fix(self, date_from, date_to):
        return KpiSource(
            "repair.order",
            "user_id",
            self._kpi_service_orders_domain(date_from, date_to),
            success=[("auto_first_time_fix", "=", True)],
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
                ("repair_id.auto_date_done", ">=", start),
                ("repair_id.auto_date_done", "<", stop),
            ],
            measure="hours:sum",
        )

    def _kpi_comebacks(self, date_from, date_to):
        domain = self._kpi_service_orders_domain(date_from, date_to) + [("auto_first_time_fix", "=", False)]
        return KpiSource("repair.order", "auto_technician_ids", domain)

    def _kpi_return_visits_on_time(self, date_from, date_to):
        return KpiSource(
            "auto.followup",
            "user_id",
            [("plan_id.purpose", "in", RETURN_VISIT_PURPOSES), *self._kpi_followup_domain(date_from, date_to)],
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
