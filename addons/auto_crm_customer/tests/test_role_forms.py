from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged

# the records each role opens in a day, found among the demo data (a model of an addon not installed is skipped)
FORMS = [
    ("res.partner", [("customer_rank", ">", 0)]),
    ("auto.vehicle", [("partner_id", "!=", False)]),
    ("auto.vehicle", [("state", "=", "in_stock")]),
    ("crm.lead", [("type", "=", "opportunity")]),
    ("sale.order", [("auto_is_vehicle_sale", "=", True)]),
    ("repair.order", [("auto_vehicle_id", "!=", False)]),
    ("auto.followup", []),
    ("auto.service.ticket", []),
    ("auto.test.drive", []),
    ("auto.service.campaign", []),
]


@tagged("post_install", "-at_install")
class TestRoleForms(TransactionCase):
    """Every dealership role opens the form of every record it may read without an access error: the form
    reads what its fields show (follow-ups on a vehicle, the options of an order, the parts of a repair...), as
    the web client does. The menu clickbot opens lists, not forms."""

    def test_each_role_opens_the_forms_it_may_read(self):
        users = self.env["res.users"].search([("auto_role_id", "!=", False), ("share", "=", False)])
        if not users:
            self.skipTest("no demo data: the roles' demo users are missing")
        opened, failures = 0, []
        for model, domain in FORMS:
            if model not in self.env or any(field not in self.env[model]._fields for field, *_ in domain):
                continue
            record = self.env[model].search(domain, limit=1)
            if not record:
                continue
            for user in users:
                as_user = record.with_user(user)
                if not as_user.has_access("read"):
                    continue
                try:
                    Form(as_user)
                    opened += 1
                except AccessError as error:
                    failures.append(f"{user.login} opening {model}: {str(error).splitlines()[0]}")
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreater(opened, 30)
