"""The contract on Odoo's own sale portal: its status, its payment plan, and the customer's online signature."""

from odoo.tests import HttpCase, tagged

from .test_odoo_users import OdooUsersCase

# a 1x1 GIF: the signature image the portal's signature widget sends
SIGNATURE = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="


@tagged("post_install", "-at_install")
class TestPortalContract(OdooUsersCase, HttpCase):
    def _approved_contract(self):
        order = self._order(self.lot1, partner=self.portal.partner_id)
        order.write({"require_signature": True, "require_payment": False})
        order.action_auto_generate_payment_plan()
        order.action_auto_submit_contract()
        if order.auto_contract_state == "to_approve":
            order.with_user(self.general_manager).action_auto_approve_contract()
        self.assertEqual(order.auto_contract_state, "approved")
        order.action_quotation_sent()
        order.message_subscribe(partner_ids=self.portal.partner_id.ids)
        return order

    def test_contract_page_shows_status_and_payment_plan(self):
        order = self._approved_contract()
        plan = order.auto_payment_plan_line_ids
        self.assertTrue(plan)
        self.authenticate("odoo_portal", "odoo_portal")
        response = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Payment Plan", response.text)
        self.assertIn("Contract Status", response.text)
        self.assertIn("Approved", response.text)
        self.assertEqual(response.text.count("o_auto_payment_plan"), 1, "the plan is shown once")
        for line in plan:
            self.assertIn(line.due_date.strftime("%m/%d/%Y"), response.text)

    def test_contract_signed_online(self):
        """An approved contract that asks for a signature is signed in the portal: the contract is signed."""
        order = self._approved_contract()
        self.assertTrue(order._has_to_be_signed())
        self.authenticate("odoo_portal", "odoo_portal")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept", {"name": "Portal Customer", "signature": SIGNATURE}
        )
        self.assertFalse(result.get("error"), result)
        self.assertRecordValues(
            order, [{"state": "sale", "auto_contract_state": "signed", "signed_by": "Portal Customer"}]
        )
        self.assertTrue(order.auto_date_signed)
        self.assertTrue(order.signature)
        self.assertEqual(order.auto_version, 1, "the signed version is kept, as when the consultant records it")

    def test_contract_not_signed_before_approval(self):
        order = self._order(self.lot1, partner=self.portal.partner_id)
        order.require_signature = True
        self.assertEqual(order.auto_contract_state, "draft")
        self.assertFalse(order._has_to_be_signed(), "the customer signs the terms the dealership approved")
        plain = self._plain_order(partner=self.portal.partner_id)
        plain.require_signature = True
        self.assertTrue(plain._has_to_be_signed(), "other orders are signed as in Odoo")
