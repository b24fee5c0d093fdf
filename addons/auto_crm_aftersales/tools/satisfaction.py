"""The satisfaction figures moved down to auto_crm_customer (sales' delivery survey computes them too)."""

from odoo.addons.auto_crm_customer.tools.satisfaction import FACTOR_MAX, csi, nps, nps_category, nps_value

__all__ = ["FACTOR_MAX", "csi", "nps", "nps_category", "nps_value"]
