"""Sales managers see their own sales teams (18.0.1.1.0).

The "all" record rules of test drives, payment plans, contract versions and receivables were for sales managers
too; they are kept in `noupdate` data, so the upgrade takes the sales manager off them here. The sales manager
role no longer implies Odoo's "All Documents": its users who are not general managers lose it.
"""

from odoo import SUPERUSER_ID, api
from odoo.fields import Command

ALL_RULES = (
    "auto_crm_sales.auto_test_drive_rule_manager",
    "auto_crm_sales.auto_payment_plan_line_rule_all",
    "auto_crm_sales.auto_contract_version_rule_all",
    "auto_crm_sales.auto_receivable_report_rule_all",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    manager = env.ref("auto_crm_customer.group_sales_manager")
    general_manager = env.ref("auto_crm_customer.group_dealership_manager")
    for xmlid in ALL_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.groups = [Command.unlink(manager.id)]
    test_drive_rule = env.ref("auto_crm_sales.auto_test_drive_rule_manager", raise_if_not_found=False)
    if test_drive_rule:
        test_drive_rule.groups = [Command.link(general_manager.id)]
    all_leads = env.ref("sales_team.group_sale_salesman_all_leads")
    manager.implied_ids = [Command.unlink(all_leads.id)]
    managers = manager.users - env.ref("sales_team.group_sale_manager").users
    managers.write({"groups_id": [Command.unlink(all_leads.id)]})
