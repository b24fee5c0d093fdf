from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRoleMenus(HttpCase):
    """Every dealership role opens every menu of the Dealership app without an error dialog.

    Odoo's clickbot clicks each menu of the app, each view and each filter, as the demo user of each role
    (the demo data gives every role of the Dealership category its user, holding exactly that role).
    """

    allow_end_on_form = True

    def test_each_role_clicks_through_the_dealership_app(self):
        category = self.env.ref("auto_crm_customer.module_category_dealership")
        users = self.env["res.users"].search([("auto_role_id", "!=", False), ("share", "=", False)], order="login")
        roles = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(users.auto_role_id, roles, "the demo data gives every role its user")
        # one user per role: a second consultant sees the same menus
        users = self.env["res.users"].browse({user.auto_role_id: user.id for user in reversed(users)}.values())
        for user in users:
            user.password = user.login
            with self.subTest(login=user.login):
                self.browser_js(
                    "/odoo",
                    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
                    ".startClickEverywhere('auto_crm_customer.auto_crm_menu_root');",
                    "odoo.isReady === true",
                    login=user.login,
                    timeout=600,
                    success_signal="clickbot test succeeded",
                )
