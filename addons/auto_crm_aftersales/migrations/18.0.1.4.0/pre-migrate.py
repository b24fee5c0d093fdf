"""Odoo's naming habits: an inheriting view is `<parent>_inherit_<addon>`, a group `group_<role>`.

Renamed before the data files load, so that the upgrade keeps the same records (the views inheriting
them, the users of a group)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_xmlids

RENAMES = {
    "auto_crm_aftersales_group_technician": "group_technician",
    "auto_crm_aftersales_group_customer_relations": "group_customer_relations",
    "res_config_settings_view_form": "res_config_settings_view_form_inherit_auto_crm_aftersales",
    "auto_vehicle_view_form": "auto_vehicle_view_form_inherit_auto_crm_aftersales",
    "auto_vehicle_model_view_form": "auto_vehicle_model_view_form_inherit_auto_crm_aftersales",
    "auto_followup_view_form": "auto_followup_view_form_inherit_auto_crm_aftersales",
}


def migrate(cr, version):
    if version:
        rename_xmlids(cr, "auto_crm_aftersales", RENAMES)
