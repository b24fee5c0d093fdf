from odoo.tests import HttpCase, tagged

# Odoo's clickbot clicks every filter again in each view of an action (list, kanban, pivot, graph...): the
# same domains, read again. Each action's filters are clicked once, in its first view, and every view is still
# opened: a third less time, the same menus, views and filters covered for each role.
FILTERS_ONCE = """
const toggler = ".o_control_panel .dropdown-toggle.o_searchview_dropdown_toggler";
const filtersTested = new Set();
const querySelector = Document.prototype.querySelector;
Document.prototype.querySelector = function (selector) {
    if (selector === toggler) {
        if (filtersTested.has(window.location.pathname)) {
            return null;
        }
        filtersTested.add(window.location.pathname);
    }
    return querySelector.call(this, selector);
};
"""


class RoleMenusCase(HttpCase):
    """Every dealership role opens every menu of the Dealership app without an error dialog.

    Odoo's clickbot clicks each menu of the app, each view and each filter, as the demo user of each role
    (the demo data gives every role of the Dealership category its user, holding exactly that role). The
    roles are clicked through in two halves, so that ``bin/autocrm test`` can run one half beside Odoo's own
    suites (stage 5) while the other runs with the addons' tests (stage 1): together they cover every role.
    """

    allow_end_on_form = True
    half = 0

    def _role_users(self):
        category = self.env.ref("auto_crm_customer.module_category_dealership")
        users = self.env["res.users"].search([("auto_role_id", "!=", False), ("share", "=", False)], order="login")
        roles = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(users.auto_role_id, roles, "the demo data gives every role its user")
        # one user per role (a second consultant sees the same menus), roles in a stable order
        one_per_role = {}
        for user in users:
            one_per_role.setdefault(user.auto_role_id, user)
        return sorted(one_per_role.values(), key=lambda user: user.login)

    def _click_through(self):
        users = self._role_users()[self.half :: 2]
        self.assertTrue(users)
        for user in users:
            user.password = user.login
            with self.subTest(login=user.login):
                self.browser_js(
                    "/odoo",
                    FILTERS_ONCE + "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
                    ".startClickEverywhere('auto_crm_customer.auto_crm_menu_root');",
                    "odoo.isReady === true",
                    login=user.login,
                    timeout=600,
                    success_signal="clickbot test succeeded",
                )


@tagged("post_install", "-at_install")
class TestRoleMenus(RoleMenusCase):
    def test_each_role_clicks_through_the_dealership_app(self):
        self._click_through()


@tagged("post_install", "-at_install")
class TestRoleMenusSecondHalf(RoleMenusCase):
    half = 1

    def test_each_role_clicks_through_the_dealership_app(self):
        self._click_through()
