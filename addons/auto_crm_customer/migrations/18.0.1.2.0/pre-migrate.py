"""Odoo's naming habits: an inheriting view is `<parent>_inherit_<addon>`, a group `group_<role>`.

Renamed before the data files load, so that the upgrade keeps the same records (the views inheriting
them, the users of a group)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_xmlids

RENAMES = {
    "res_config_settings_view_form": "res_config_settings_view_form_inherit_auto_crm_customer",
}


def migrate(cr, version):
    if version:
        rename_xmlids(cr, "auto_crm_customer", RENAMES)
