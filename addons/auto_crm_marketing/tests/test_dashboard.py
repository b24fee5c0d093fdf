from lxml import etree

from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestMarketingDashboard(AutoCrmMarketingCase):
    def test_every_panel_opens_for_the_marketing_roles(self):
        view = self.env.ref("auto_crm_marketing.auto_mkt_dashboard_view_form")
        for user in (self.marketer, self.marketing_manager):
            arch = self.env["board.board"].with_user(user).get_view(view.id, "form")["arch"]
            actions = etree.fromstring(arch).iter("action")
            ids = [int(node.get("name")) for node in actions]
            self.assertEqual(len(ids), 6)
            for action in self.env["ir.actions.act_window"].browse(ids):
                with self.subTest(user=user.login, action=action.name):
                    model = self.env[action.res_model].with_user(user)
                    self.assertTrue(model.has_access("read"))
                    model.search_count([])
