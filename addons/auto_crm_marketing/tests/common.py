from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.auto_crm_sales.tests.common import AutoCrmSalesCase

MARKETING = "auto_crm_marketing.group_marketing"
MARKETING_MANAGER = "auto_crm_marketing.group_marketing_manager"
GENERAL_MANAGER = "auto_crm_customer.group_dealership_manager"


class AutoCrmMarketingCase(AutoCrmSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = new_test_user(cls.env, login="auto_mkt", name="Marketing Wu", groups=MARKETING)
        cls.marketing_manager = new_test_user(
            cls.env, login="auto_mkt_mgr", name="Marketing Manager Qian", groups=MARKETING_MANAGER
        )
        cls.company.auto_mkt_approval_threshold = 50000.0

    @classmethod
    def _campaign(cls, title, planned=10000.0, actual=0.0, **vals):
        costs = [fields.Command.create({"kind": "planned", "name": "Booth", "amount": planned})]
        if actual:
            costs.append(fields.Command.create({"kind": "actual", "name": "Booth paid", "amount": actual}))
        return (
            cls.env["utm.campaign"]
            .with_user(cls.marketer)
            .create(
                {
                    "title": title,
                    "auto_campaign_type": "auto_show",
                    "auto_date_start": fields.Date.today(),
                    "auto_date_end": fields.Date.today() + timedelta(days=3),
                    "auto_cost_line_ids": costs,
                    **vals,
                }
            )
        )
