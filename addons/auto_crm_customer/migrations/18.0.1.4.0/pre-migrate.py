"""The second demo consultant (赵敏, login consultant2) moved from the sales addon's demo to this addon's, so
that this addon's demo customers, vehicles and follow-ups can be hers instead of Odoo's own demo user's.

On a demo database, her XML id moves to this addon before its demo loads, so that the upgrade updates the same
user (a second user with the same login would be refused). Nothing happens on a database without demo data."""

from odoo.addons.auto_crm_customer.tools.upgrade import move_xmlids


def migrate(cr, version):
    if version:
        move_xmlids(cr, "auto_crm_sales", "auto_crm_customer", ["res_users_consultant2_demo"])
