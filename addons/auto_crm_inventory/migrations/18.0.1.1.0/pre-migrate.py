"""Odoo's naming habits: an inheriting view is `<parent>_inherit_<addon>`, a group `group_<role>`.

Renamed before the data files load, so that the upgrade keeps the same records (the views inheriting
them, the users of a group)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_xmlids

RENAMES = {
    "res_config_settings_view_form": "res_config_settings_view_form_inherit_auto_crm_inventory",
    "auto_vehicle_view_form": "auto_vehicle_view_form_inherit_auto_crm_inventory",
    "auto_vehicle_view_search": "auto_vehicle_view_search_inherit_auto_crm_inventory",
    "auto_alert_view_form": "auto_alert_view_form_inherit_auto_crm_inventory",
    "auto_vehicle_model_view_form": "auto_vehicle_model_view_form_inherit_auto_crm_inventory",
}


def migrate(cr, version):
    if version:
        rename_xmlids(cr, "auto_crm_inventory", RENAMES)
