"""Helpers of the per-role tests: a user made from a role, as the dealership's side creates them."""

from odoo.exceptions import AccessError


def app_administrator_groups(env):
    """The administrator group of each Odoo app: in a category of several groups, the one that implies all
    the others (Invoicing Administrator, Inventory Administrator, Settings...). The Dealership roles are not
    apps of Odoo and are left out."""
    dealership = env.ref("auto_crm_customer.module_category_dealership")
    groups = env["res.groups"].search([("category_id", "!=", False), ("category_id", "!=", dealership.id)])
    admins = env["res.groups"]
    for _category, members in groups.grouped("category_id").items():
        if len(members) < 2:
            continue
        for group in members:
            if (members - group) <= group.trans_implied_ids:
                admins |= group
    return admins


class RoleAssertions:
    """Mixin of TransactionCase: one user per role and what that role may do."""

    def make_role_user(self, role_xmlid, login):
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login,
                    "login": login,
                    "email": f"{login}@example.com",
                    "auto_role_id": self.env.ref(role_xmlid).id,
                }
            )
        )

    def assertExactRole(self, user, role_xmlid, holds=(), lacks=(), front_line=True):
        """The user holds its role's groups and nothing else; `holds`/`lacks`: Odoo groups by xmlid."""
        role = self.env.ref(role_xmlid)
        expected = role | role.trans_implied_ids | self.env.ref("base.group_user").trans_implied_ids
        expected |= self.env.ref("base.group_user")
        extra = user.groups_id - expected - self.env.ref("base.group_no_one") - self.env.ref("base.group_multi_company")
        self.assertFalse(extra, f"{user.login} holds groups outside its role: {extra.mapped('full_name')}")
        self.assertEqual(user.auto_role_id, role)
        for xmlid in holds:
            self.assertTrue(user.has_group(xmlid), f"{user.login} should hold {xmlid}")
        for xmlid in lacks:
            self.assertFalse(user.has_group(xmlid), f"{user.login} should not hold {xmlid}")
        if front_line:
            admins = user.groups_id & app_administrator_groups(self.env)
            self.assertFalse(admins, f"{user.login} is an administrator of {admins.mapped('full_name')}")
        if role.auto_home_action_id:
            self.assertEqual(user.action_id.id, role.auto_home_action_id.id, "the role's home screen")

    def assertModelRights(self, user, rights):
        """`rights`: {model: "rwcu" letters the user has; the missing letters it must not have}."""
        letters = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
        for model, granted in rights.items():
            if model not in self.env:
                continue
            for letter, operation in letters.items():
                allowed = self.env[model].with_user(user).has_access(operation)
                self.assertEqual(
                    allowed,
                    letter in granted,
                    f"{user.login} {'may' if allowed else 'may not'} {operation} {model}",
                )

    def assertCannotRead(self, user, records):
        with self.assertRaises(AccessError):
            records.with_user(user).check_access("read")
