from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from odoo.addons.auto_crm_aftersales.models.auto_service_ticket import OPEN_STATES
from odoo.addons.auto_crm_inventory.models.auto_vehicle import STOCK_STATES
from odoo.addons.auto_crm_sales.models.sale_order import DELIVERED_STATES, SIGNED_STATES

from ..tools import cockpit as periods

# Who opens the cockpit: the general manager, and the managers of sales, service and stock
COCKPIT_GROUPS = (
    "auto_crm_customer.group_dealership_manager,auto_crm_customer.group_sales_manager,"
    "auto_crm_customer.group_service_manager,auto_crm_inventory.group_inventory_manager"
)
AGED_STOCK_DAYS = 90

# A figure's records: the model, the domain of what it counts (without the period for a flow), the date
# that places a record in a period (None for a figure of the stock as it is now), and the measure:
# "count", "<field>:sum" or "<field>:avg".
CockpitSource = namedtuple("CockpitSource", "model domain date_field measure", defaults=(None, "count"))


class AutoHrCockpit(models.AbstractModel):
    """The general manager's cockpit (总经理驾驶舱): the dealership's day and month on one screen.

    ``_cockpit_catalogue()`` lists the figures by code (label, unit, direction, order); each code has a
    method ``_cockpit_<code>(today)`` returning a :data:`CockpitSource`. An addon adds a figure by inheriting
    this model: extend ``_cockpit_catalogue()`` with ``super()`` and add the ``_cockpit_<code>`` method.
    Each figure is computed with one grouped query whatever the number of records, in the company's
    currency, and opens the records it counted.
    """

    _name = "auto.hr.cockpit"
    _description = "General Manager's Cockpit"

    @api.model
    def _cockpit_catalogue(self):
        return {
            "leads": {"name": _lt("Leads"), "unit": "count", "direction": "higher", "sequence": 10},
            "test_drives": {"name": _lt("Test Drives"), "unit": "count", "direction": "higher", "sequence": 20},
            "orders": {"name": _lt("Signed Contracts"), "unit": "count", "direction": "higher", "sequence": 30},
            "deliveries": {"name": _lt("Deliveries"), "unit": "count", "direction": "higher", "sequence": 40},
            "gross_profit": {"name": _lt("Gross Profit"), "unit": "amount", "direction": "higher", "sequence": 50},
            "receivables_overdue": {
                "name": _lt("Overdue Receivables"),
                "unit": "amount",
                "direction": "lower",
                "sequence": 60,
            },
            "aged_stock": {
                "name": _lt("Vehicles over 90 Days in Stock"),
                "unit": "count",
                "direction": "lower",
                "sequence": 70,
            },
            "parts_stock_value": {
                "name": _lt("Parts Stock Value"),
                "unit": "amount",
                "direction": "lower",
                "sequence": 80,
            },
            "service_orders": {"name": _lt("Service Orders"), "unit": "count", "direction": "higher", "sequence": 90},
            "csi": {
                "name": _lt("Customer Satisfaction (CSI)"),
                "unit": "score",
                "direction": "higher",
                "sequence": 100,
            },
            "nps": {"name": _lt("Net Promoter Score"), "unit": "score", "direction": "higher", "sequence": 110},
            "open_complaints": {
                "name": _lt("Open Complaints"),
                "unit": "count",
                "direction": "lower",
                "sequence": 120,
            },
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _cockpit_leads(self, today):
        return CockpitSource("crm.lead", [], "create_date")

    def _cockpit_test_drives(self, today):
        return CockpitSource("auto.test.drive", [("state", "=", "done")], "date_start")

    def _cockpit_orders(self, today):
        return CockpitSource(
            "sale.order",
            [("auto_is_vehicle_sale", "=", True), ("auto_contract_state", "in", SIGNED_STATES)],
            "auto_date_signed",
        )

    def _cockpit_deliveries(self, today):
        return CockpitSource(
            "sale.order",
            [("auto_is_vehicle_sale", "=", True), ("auto_contract_state", "in", DELIVERED_STATES)],
            "effective_date",
        )

    def _cockpit_gross_profit(self, today):
        return self._cockpit_deliveries(today)._replace(measure="auto_gross_profit:sum")

    def _cockpit_receivables_overdue(self, today):
        return CockpitSource(
            "auto.payment.plan.line",
            [("due_date", "<", today), ("state", "!=", "paid"), ("contract_state", "in", SIGNED_STATES)],
            measure="amount_residual_company:sum",
        )

    def _cockpit_aged_stock(self, today):
        limit = self._cockpit_datetime(today - timedelta(days=AGED_STOCK_DAYS))
        return CockpitSource("auto.vehicle", [("state", "in", STOCK_STATES), ("stock_in_date", "<", limit)])

    def _cockpit_parts_stock_value(self, today):
        return CockpitSource(
            "stock.valuation.layer", [("product_id.auto_product_kind", "=", "part")], measure="value:sum"
        )

    def _cockpit_service_orders(self, today):
        return CockpitSource("repair.order", [("state", "=", "done")], "auto_date_done")

    def _cockpit_csi(self, today):
        return CockpitSource("auto.service.survey", [("csi", ">", 0)], "date", "csi:avg")

    def _cockpit_nps(self, today):
        return CockpitSource("auto.service.survey", [("nps_category", "!=", False)], "date", "nps_value:avg")

    def _cockpit_open_complaints(self, today):
        return CockpitSource("auto.service.ticket", [("ticket_type", "=", "complaint"), ("state", "in", OPEN_STATES)])

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _cockpit_check_access(self):
        if not self.env.su and not self.env.user.has_groups(COCKPIT_GROUPS):
            raise AccessError(_("The cockpit is for the general manager and the department managers."))

    @api.model
    def _cockpit_datetime(self, day):
        """Midnight of ``day`` in the user's time zone, as the UTC datetime the database stores."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _cockpit_span_domain(self, model, date_field, span):
        start, stop = span
        if self.env[model]._fields[date_field].type == "datetime":
            start, stop = self._cockpit_datetime(start), self._cockpit_datetime(stop)
        return [(date_field, ">=", start), (date_field, "<", stop)]

    @api.model
    def _cockpit_domain(self, code, today, span_key="month"):
        """The model and the domain of the records a figure counted (for a flow, over one of its spans)."""
        source = getattr(self, f"_cockpit_{code}")(today)
        domain = source.domain + [("company_id", "=", self.env.company.id)]
        if source.date_field:
            span = periods.cockpit_spans(today)[span_key]
            domain = domain + self._cockpit_span_domain(source.model, source.date_field, span)
        return source.model, domain

    @api.model
    def _cockpit_compute(self, code, today):
        """``{span key: value}`` of one figure, with one grouped query (figures of the stock as it is now
        have the key 'now' only)."""
        source = getattr(self, f"_cockpit_{code}")(today)
        # the figures are the company's totals for its managers (access checked by the caller): every lead,
        # including the lost ones that are archived, and records of departments a manager does not run
        model = self.env[source.model].sudo().with_context(active_test=False, tz=self._cockpit_tz())
        domain = source.domain + [("company_id", "=", self.env.company.id)]
        field, _sep, aggregator = source.measure.partition(":")
        aggregates = ["__count"] if field == "count" else [f"{field}:sum", f"{field}:count"]
        if not source.date_field:
            count_or_sum, *counted = model._read_group(domain, [], aggregates)[0]
            return {"now": self._cockpit_value(aggregator, count_or_sum, *counted)}
        spans = periods.cockpit_spans(today)
        span_domains = [
            self._cockpit_span_domain(source.model, source.date_field, spans[key])
            for key in ("month", "previous", "last_year")
        ]
        rows = model._read_group(
            expression.AND([domain, expression.OR(span_domains)]), [f"{source.date_field}:day"], aggregates
        )
        totals = {key: [0, 0] for key in spans}
        for day, *values in rows:
            day = day.date() if isinstance(day, datetime) else day
            for key in periods.span_of(day, spans):
                totals[key][0] += values[0] or 0
                totals[key][1] += values[1] if len(values) > 1 else 0
        return {key: self._cockpit_value(aggregator, *total) for key, total in totals.items()}

    @api.model
    def _cockpit_value(self, aggregator, total, count=0):
        if aggregator == "avg":
            return round(total / count, 1) if count else None
        return total or 0

    @api.model
    def _cockpit_tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def get_cockpit_data(self, today=None):
        """Every figure of the cockpit for the web client: values, comparisons, target and drill-down."""
        self._cockpit_check_access()
        today = fields.Date.to_date(today) or fields.Date.context_today(self)
        catalogue = self._cockpit_catalogue()
        targets = self.env["auto.hr.cockpit.target"].sudo()._targets_of_month(today)
        figures = []
        for code, spec in sorted(catalogue.items(), key=lambda item: item[1]["sequence"]):
            values = self._cockpit_compute(code, today)
            current = values.get("month", values.get("now"))
            target = targets.get(code)
            comparisons = []
            for key, label in (("previous", _("Last month")), ("last_year", _("Same month last year"))):
                if key not in values:
                    continue
                difference, percent = periods.delta(current, values[key])
                arrow, colour = periods.trend(current, values[key], spec["direction"])
                comparisons.append(
                    {
                        "key": key,
                        "label": label,
                        "value": values[key],
                        "difference": difference,
                        "percent": percent,
                        "arrow": arrow,
                        "colour": colour,
                    }
                )
            if target is not None:
                arrow, colour = periods.trend(current, target, spec["direction"])
                comparisons.append(
                    {
                        "key": "target",
                        "label": _("Target"),
                        "value": target,
                        "difference": periods.delta(current, target)[0],
                        "percent": periods.achievement(current, target),
                        "arrow": arrow,
                        "colour": colour,
                    }
                )
            figures.append(
                {
                    "code": code,
                    "name": str(spec["name"]),
                    "unit": spec["unit"],
                    "direction": spec["direction"],
                    "today": values.get("today"),
                    "value": current,
                    "is_snapshot": "now" in values,
                    "comparisons": comparisons,
                }
            )
        return {
            "date": fields.Date.to_string(today),
            "company": self.env.company.name,
            "currency_symbol": self.env.company.currency_id.symbol,
            "figures": figures,
        }

    @api.model
    def action_open_figure(self, code, today=None, span_key="month"):
        """The records behind a figure: the same domain it counted."""
        self._cockpit_check_access()
        today = fields.Date.to_date(today) or fields.Date.context_today(self)
        model, domain = self._cockpit_domain(code, today, span_key)
        context = {"create": False}
        if model == "crm.lead":
            context["active_test"] = False
        return {
            "type": "ir.actions.act_window",
            "name": str(self._cockpit_catalogue()[code]["name"]),
            "res_model": model,
            "domain": domain,
            "views": [[False, "list"], [False, "form"]],
            "context": context,
        }
