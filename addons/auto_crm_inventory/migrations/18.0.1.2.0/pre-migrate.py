"""Every field AutoCRM adds to an Odoo model is prefixed ``auto_`` (stock.lot: 2 fields).

Renamed before the registry loads the new code, so that the upgrade keeps their values, tracking history,
translations and saved filters (the column is renamed, not dropped and created again)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_fields

FIELDS = (
    "vehicle_id",
    "vehicle_ids",
)


def migrate(cr, version):
    if version:
        rename_fields(cr, "auto_crm_inventory", "stock.lot", {name: f"auto_{name}" for name in FIELDS})
