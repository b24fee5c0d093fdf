"""Every field AutoCRM adds to an Odoo model is prefixed ``auto_`` (sale.order: its contract state).

Renamed before the registry loads the new code, so that the upgrade keeps their values, tracking history,
translations and saved filters (the column is renamed, not dropped and created again)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_fields

FIELDS = ("contract_state",)


def migrate(cr, version):
    if version:
        rename_fields(cr, "auto_crm_sales", "sale.order", {name: f"auto_{name}" for name in FIELDS})
