from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestCustomer(AutoCrmCustomerCase):
    def test_mobile_normalized(self):
        self.assertEqual(self.customer.mobile, "13800138000")
        self.assertEqual(self.customer2.mobile, "13900139000", "+86 and dashes removed")
        partner = self.env["res.partner"].create(
            {
                "name": "赵磊",
                "auto_customer_type": "individual",
                "mobile": "０086 186 2000 1111",
            }
        )
        self.assertEqual(partner.mobile, "18620001111", "full-width digits and 0086 prefix")

    def test_duplicate_mobile_refused_naming_existing(self):
        count = self.env["res.partner"].search_count([("auto_customer_type", "!=", False)])
        for typed in ("13800138000", "+86 138 0013 8000", "138-0013-8000"):
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                self.env["res.partner"].create({"name": "张三", "auto_customer_type": "individual", "mobile": typed})
            self.assertIn("张伟", str(error.exception))
            self.assertIn("Consultant Li", str(error.exception))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.customer2.mobile = "13800138000"
        self.assertEqual(self.customer2.mobile, "13900139000", "the existing number is kept")
        self.assertEqual(self.env["res.partner"].search_count([("auto_customer_type", "!=", False)]), count)

    def test_duplicate_within_one_batch(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                [
                    {"name": "A", "auto_customer_type": "individual", "mobile": "13711112222"},
                    {"name": "B", "auto_customer_type": "individual", "mobile": "137 1111 2222"},
                ]
            )

    def test_non_customer_contacts_not_constrained(self):
        contact = self.env["res.partner"].create({"name": "Supplier contact", "mobile": "13800138000"})
        self.assertEqual(contact.mobile, "13800138000")
        self.assertFalse(contact.auto_customer_type)

    def test_invalid_mobile_refused(self):
        for bad in ("1380013800", "23800138000", "+12"):
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                self.env["res.partner"].create({"name": "钱七", "auto_customer_type": "individual", "mobile": bad})
            self.assertIn("not valid", str(error.exception))
        foreign = self.env["res.partner"].create(
            {
                "name": "John Smith",
                "auto_customer_type": "individual",
                "mobile": "+49 151 2345 6789",
            }
        )
        self.assertEqual(foreign.mobile, "+4915123456789")

    def test_duplicate_warning_while_typing(self):
        result = self.env["res.partner"].new({"auto_customer_type": "individual", "mobile": "138 0013 8000"})
        warning = result._onchange_mobile_duplicate()
        self.assertIn("张伟", warning["warning"]["message"])
        self.assertIsNone(self.customer._onchange_mobile_duplicate(), "no warning about itself")

    def test_merge_keeps_vehicles_and_followups(self):
        duplicate = (
            self.env["res.partner"]
            .with_context(auto_crm_skip_mobile_unique=True)
            .create(
                {
                    "name": "张伟 dup",
                    "auto_customer_type": "individual",
                    "mobile": "13800138000",
                    "user_id": self.consultant.id,
                }
            )
        )
        vehicle = self.env["auto.vehicle"].create({"vin": self._vin("LGXCE4CB", 20), "partner_id": duplicate.id})
        plan = self.env.ref("auto_crm_customer.auto_followup_plan_birthday")
        followup = self.env["auto.followup"]._schedule(
            plan, [{"partner_id": duplicate.id, "user_id": self.consultant.id, "trigger_date": "2030-01-01"}]
        )
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.customer + duplicate).ids, self.customer)
        self.assertFalse(duplicate.exists())
        self.assertEqual(vehicle.partner_id, self.customer)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertIn(vehicle, self.customer.auto_vehicle_ids)

    def test_id_document_masked_for_consultant(self):
        self.customer.sudo().write(
            {"auto_id_document_type": "id_card", "auto_id_document_number": "11010519491231002X"}
        )
        as_consultant = self.customer.with_user(self.consultant)
        self.assertEqual(as_consultant.auto_id_document_masked, "110***********002X")
        self.assertNotIn("auto_id_document_number", as_consultant.fields_get())
        # a consultant can enter a new number without being able to read it back
        as_consultant.auto_id_document_masked = "510104199001011234"
        self.assertEqual(self.customer.sudo().auto_id_document_number, "510104199001011234")
        self.assertEqual(self.customer.with_user(self.manager).auto_id_document_number, "510104199001011234")
        as_consultant.invalidate_recordset()
        self.assertEqual(as_consultant.auto_id_document_masked, "510***********1234")

    def test_new_customer_of_consultant_is_theirs(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.consultant)
            .create(
                {
                    "name": "孙丽",
                    "auto_customer_type": "individual",
                    "mobile": "15900001111",
                }
            )
        )
        self.assertEqual(partner.user_id, self.consultant)

    def test_birthday_in_future_refused(self):
        with self.assertRaises(ValidationError):
            self.customer.auto_birthday = "2999-01-01"
