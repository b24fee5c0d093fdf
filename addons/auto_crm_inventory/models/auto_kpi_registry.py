from odoo import _lt, api, models

from odoo.addons.auto_crm_customer.tools.kpi import KpiSource, rate


class AutoKpiRegistry(models.AbstractModel):
    """The KPIs of the stock: vehicle counts and parts issued."""

    _inherit = "auto.kpi.registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            **super()._kpi_catalogue(),
            "stock_count_accuracy": {"name": _lt("Stock Count Accuracy"), "unit": "percent", "direction": "higher"},
            "parts_fill_rate": {"name": _lt("Parts Fill Rate"), "unit": "percent", "direction": "higher"},
        }

    def _kpi_stock_count_accuracy(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.stock.count",
            "user_id",
            [("state", "=", "done"), ("date_approved", ">=", start), ("date_approved", "<", stop)],
            ratio=("expected_count:sum", "missing_count:sum", "misplaced_count:sum"),
            # the vehicles found where the books said: neither missing nor in another location
            formula=lambda expected, missing, misplaced: rate(expected - missing - misplaced, expected),
        )

    def _kpi_parts_fill_rate(self, date_from, date_to):
        """The share of parts deliveries shipped whole at the first go: an original delivery (not itself a
        backorder) of untracked or lot-tracked products, done in the period, that left no backorder."""
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
