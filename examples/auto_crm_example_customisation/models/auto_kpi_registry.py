from odoo import _lt, api, models

from odoo.addons.auto_crm_customer.tools.kpi import KpiSource


class AutoKpiRegistry(models.AbstractModel):
    """A KPI of its own: a catalogue entry and its ``_kpi_<code>`` method. The HR addon's KPI definitions,
    scorecards and drill-down pick it up."""

    _inherit = "auto.kpi.registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            **super()._kpi_catalogue(),
            "delivery_ceremonies": {"name": _lt("Delivery Ceremonies"), "unit": "count", "direction": "higher"},
        }

    def _kpi_delivery_ceremonies(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "sale.order",
            "user_id",
            [("delivery_ceremony", "=", True), ("date_order", ">=", start), ("date_order", "<", stop)],
        )
