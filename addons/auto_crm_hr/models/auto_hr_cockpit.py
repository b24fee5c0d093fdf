from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

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
                "history": _lt(
                    "At the end of a past month: the instalments of the contracts signed by then, due before that "
                    "day and not covered by the payments dated before it (the payment plans as they are today)."
                ),
            },
            "aged_stock": {
                "name": _lt("Vehicles over 90 Days in Stock"),
                "unit": "count",
                "direction": "lower",
                "sequence": 70,
                "history": _lt(
                    "At the end of a past month: the vehicles in stock that day by their stock moves, aged from "
                    "their last receipt before it (a receipt date changed by hand on the stock is not in the moves)."
                ),
            },
            "parts_stock_value": {
                "name": _lt("Parts Stock Value"),
                "unit": "amount",
                "direction": "lower",
                "sequence": 80,
                "history": _lt(
                    "At the end of a past month: the stock valuation layers of the parts made before that day."
                ),
            },
            "service_orders": {"name": _lt("Service Orders"), "unit": "count", "direction": "higher", "sequence": 90},
            "csi": {
                "name": _lt("Customer Satisfaction (CSI)"),
                "unit": "score",
                "direction": "higher",
                "sequence": 100,
            },
            "delivery_satisfaction": {
                "name": _lt("Delivery Satisfaction"),
                "unit": "score",
                "direction": "higher",
                "sequence": 105,
            },
            "nps": {"name": _lt("Net Promoter Score"), "unit": "score", "direction": "higher", "sequence": 110},
            "open_complaints": {
                "name": _lt("Open Complaints"),
                "unit": "count",
                "direction": "lower",
                "sequence": 120,
                "history": _lt(
                    "At the end of a past month: the complaints received before that day and not resolved by then. "
                    "Cancelled complaints are left out: Odoo keeps no date of their cancellation."
                ),
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

    def _cockpit_delivery_satisfaction(self, today):
        return CockpitSource("auto.delivery.survey", [("score", ">", 0)], "date", "score:avg")

    def _cockpit_service_orders(self, today):
        return CockpitSource("repair.order", [("state", "=", "done")], "auto_date_done")

    def _cockpit_csi(self, today):
        return CockpitSource("auto.service.survey", [("csi", ">", 0)], "date", "csi:avg")

    def _cockpit_nps(self, today):
        return CockpitSource("auto.service.survey", [("nps_category", "!=", False)], "date", "nps_value:avg")

    def _cockpit_open_complaints(self, today):
        return CockpitSource("auto.service.ticket", [("ticket_type", "=", "complaint"), ("state", "in", OPEN_STATES)])

    # ------------------------------------------------------------------
    # Figures of the stock at the end of a past month, from history
    # ------------------------------------------------------------------
    # A figure of the stock as it is now (no date field) may add ``_cockpit_<code>_history(days)``: its value at
    # each of ``days`` ({key: first day after the moment}), from the history Odoo keeps, with ONE query for all the
    # days, returned as {key: value}. Without it, the card says why there is no comparison.

    @api.model
    def _cockpit_history_query(self, days, query):
        """Run ``query`` (an SQL using the CTE ``refs(key, day, moment)``: the day, and its local midnight in UTC)
        and return ``{key: value}`` for every key of ``days``."""
        refs = SQL(", ").join(
            SQL("(%s, %s::date, %s::timestamp)", key, day, self._cockpit_datetime(day)) for key, day in days.items()
        )
        self.env.cr.execute(SQL("WITH refs(key, day, moment) AS (VALUES %s) %s", refs, query))
        values = dict(self.env.cr.fetchall())
        return {key: float(values.get(key) or 0) for key in days}

    def _cockpit_receivables_overdue_history(self, days):
        """The instalments due before each day and not paid by then, in the company's currency.

        What was paid on a contract by a day is what its invoices received by then (the reconciliations dated
        before it, in the invoice's currency) less its refunds dated before it, as the contract's "Received"
        is; it is spread over the instalments in their order (sequence, due date) as today's figures are.
        """
        for model in ("auto.payment.plan.line", "sale.order", "sale.order.line", "account.move", "account.move.line"):
            self.env[model].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        return self._cockpit_history_query(
            days,
            SQL(
                """,
                lines AS (
                    SELECT line.order_id, line.amount, line.amount_company, line.due_date, so.auto_date_signed,
                           coalesce(sum(line.amount) OVER (
                               PARTITION BY line.order_id ORDER BY line.sequence, line.due_date, line.id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS amount_before
                      FROM auto_payment_plan_line line
                      JOIN sale_order so ON so.id = line.order_id
                     WHERE so.company_id = %(company)s AND so.auto_contract_state IN %(states)s
                ),
                moves AS (
                    SELECT DISTINCT sol.order_id, move.id, move.move_type, move.date, move.amount_total
                      FROM sale_order_line sol
                      JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move move ON move.id = aml.move_id
                     WHERE move.state = 'posted' AND move.move_type IN ('out_invoice', 'out_refund')
                       AND sol.order_id IN (SELECT order_id FROM lines)
                ),
                received AS (
                    SELECT refs.key, moves.order_id, moves.id AS move_id,
                           CASE WHEN moves.move_type = 'out_refund'
                                THEN CASE WHEN moves.date < refs.day THEN -moves.amount_total ELSE 0 END
                                ELSE coalesce((
                                    SELECT sum(partial.debit_amount_currency)
                                      FROM account_partial_reconcile partial
                                      JOIN account_move_line debit ON debit.id = partial.debit_move_id
                                     WHERE debit.move_id = moves.id AND partial.max_date < refs.day), 0)
                           END AS amount
                      FROM moves CROSS JOIN refs
                ),
                paid AS (
                    SELECT key, order_id, sum(amount) AS amount FROM received GROUP BY key, order_id
                )
                SELECT refs.key,
                       sum(CASE WHEN lines.amount > 0
                                THEN (lines.amount - least(lines.amount,
                                        greatest(coalesce(paid.amount, 0) - lines.amount_before, 0)))
                                     * lines.amount_company / lines.amount
                                ELSE 0 END)
                  FROM refs
                  JOIN lines ON lines.due_date < refs.day AND lines.auto_date_signed < refs.day
                  LEFT JOIN paid ON paid.key = refs.key AND paid.order_id = lines.order_id
                 GROUP BY refs.key
                """,
                company=self.env.company.id,
                states=SIGNED_STATES,
            ),
        )

    def _cockpit_aged_stock_history(self, days):
        """The vehicles in stock at each day (their lot's done moves into and out of the company's stock before
        it), received more than 90 days before it (their last move into stock before the day)."""
        self.env["stock.move.line"].flush_model()
        self.env["auto.vehicle"].flush_model(["lot_id", "company_id"])
        return self._cockpit_history_query(
            days,
            SQL(
                """,
                moves AS (
                    SELECT vehicle.id AS vehicle_id, sml.date, sml.quantity,
                           source.usage = 'internal' AS from_stock, dest.usage = 'internal' AS to_stock
                      FROM auto_vehicle vehicle
                      JOIN stock_move_line sml ON sml.lot_id = vehicle.lot_id AND sml.state = 'done'
                      JOIN stock_location source ON source.id = sml.location_id
                      JOIN stock_location dest ON dest.id = sml.location_dest_id
                     WHERE vehicle.company_id = %(company)s AND (source.usage = 'internal') != (dest.usage = 'internal')
                ),
                at_day AS (
                    SELECT refs.key, refs.moment, moves.vehicle_id,
                           sum(CASE WHEN moves.to_stock THEN moves.quantity ELSE -moves.quantity END) AS quantity,
                           max(moves.date) FILTER (WHERE moves.to_stock) AS received
                      FROM refs JOIN moves ON moves.date < refs.moment
                     GROUP BY refs.key, refs.moment, moves.vehicle_id
                )
                SELECT key, count(*) FROM at_day
                 WHERE quantity > 0 AND received < moment - make_interval(days => %(aged)s)
                 GROUP BY key
                """,
                company=self.env.company.id,
                aged=AGED_STOCK_DAYS,
            ),
        )

    def _cockpit_parts_stock_value_history(self, days):
        """The value of the parts in stock at each day: their stock valuation layers made before it."""
        self.env["stock.valuation.layer"].flush_model()
        return self._cockpit_history_query(
            days,
            SQL(
                """
                SELECT refs.key, sum(svl.value)
                  FROM refs
                  JOIN stock_valuation_layer svl ON svl.create_date < refs.moment
                  JOIN product_product product ON product.id = svl.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
                 WHERE svl.company_id = %(company)s AND template.auto_product_kind = 'part'
                 GROUP BY refs.key
                """,
                company=self.env.company.id,
            ),
        )

    def _cockpit_open_complaints_history(self, days):
        """The complaints open at each day: received before it, not resolved before it, not cancelled."""
        self.env["auto.service.ticket"].flush_model()
        return self._cockpit_history_query(
            days,
            SQL(
                """
                SELECT refs.key, count(ticket.id)
                  FROM refs
                  JOIN auto_service_ticket ticket
                    ON ticket.date_open < refs.moment
                   AND (ticket.date_resolved IS NULL OR ticket.date_resolved >= refs.moment)
                   AND (ticket.date_closed IS NULL OR ticket.date_closed >= refs.moment)
                 WHERE ticket.company_id = %(company)s AND ticket.ticket_type = 'complaint'
                   AND ticket.state != 'cancelled'
                 GROUP BY refs.key
                """,
                company=self.env.company.id,
            ),
        )

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
            values = {"now": self._cockpit_value(aggregator, count_or_sum, *counted)}
            history = getattr(self, f"_cockpit_{code}_history", None)
            if history:
                values.update(history(periods.snapshot_days(today)))
            return values
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
            is_snapshot = "now" in values
            labels = (
                (("previous", _("End of last month")), ("last_year", _("End of the month last year")))
                if is_snapshot
                else (("previous", _("Last month")), ("last_year", _("Same month last year")))
            )
            for key, label in labels:
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
                arrow = periods.trend(current, target, spec["direction"])[0]
                status, status_percent, colour = periods.target_status(current, target, spec["direction"])
                comparisons.append(
                    {
                        "key": "target",
                        "label": _("Target"),
                        "value": target,
                        "difference": periods.delta(current, target)[0],
                        "percent": periods.achievement(current, target),
                        "arrow": arrow,
                        "colour": colour,
                        # a figure where lower is better reads "over the target by x %", not "x % reached"
                        "lower_is_better": spec["direction"] == "lower",
                        "status": status,
                        "status_percent": status_percent,
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
                    "is_snapshot": is_snapshot,
                    "history_note": self._cockpit_history_note(spec, values),
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
    def _cockpit_demo_align_receipts(self):
        """Demo data: the demo stock's receipt dates were set back on its quants (stock age buckets); date the
        moves that brought the vehicles in the same, so that the stock's history agrees with its age."""
        quants = self.env["stock.quant"].search(
            [("lot_id", "!=", False), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)]
        )
        lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", quants.lot_id.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "internal"),
                ("location_id.usage", "!=", "internal"),
            ]
        )
        for quant in quants.filtered("in_date"):
            received = lines.filtered(lambda line, q=quant: line.lot_id == q.lot_id and line.date > q.in_date)
            received.write({"date": quant.in_date})
            received.move_id.write({"date": quant.in_date})

    @api.model
    def _cockpit_history_note(self, spec, values):
        """The tooltip of a figure of the stock: how its past values are computed, or why there are none."""
        if "now" not in values:
            return ""
        if spec.get("history"):
            return str(spec["history"])
        return _("No comparison: Odoo keeps no history of this figure.") if len(values) == 1 else ""

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
