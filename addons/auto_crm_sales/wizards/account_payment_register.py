from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    auto_contract_ids = fields.Many2many("sale.order", compute="_compute_auto_contract_ids", string="Vehicle Contracts")
    auto_keep_as_credit = fields.Boolean(
        "Keep the Excess as Customer Credit",
        help="The customer pays more than what is due: keep the excess on the customer's account as a credit "
        "for a later instalment, instead of refusing the payment.",
    )

    @api.depends("line_ids")
    def _compute_auto_contract_ids(self):
        for wizard in self:
            wizard.auto_contract_ids = wizard.line_ids.move_id.line_ids.sale_line_ids.order_id.filtered(
                "auto_is_vehicle_sale"
            )

    def _create_payments(self):
        for wizard in self:
            if not wizard.auto_contract_ids or wizard.payment_type != "inbound":
                continue
            overpaid = float_compare(wizard.payment_difference, 0.0, precision_rounding=wizard.currency_id.rounding) < 0
            if overpaid and not wizard.auto_keep_as_credit:
                raise UserError(
                    _(
                        "This payment of %(amount)s is more than what is due (%(due)s) on %(contracts)s. Correct the "
                        'amount, or tick "Keep the Excess as Customer Credit" to keep the difference as a credit.',
                        amount=wizard.amount,
                        due=wizard.amount + wizard.payment_difference,
                        contracts=", ".join(wizard.auto_contract_ids.mapped("name")),
                    )
                )
            if overpaid:
                # the excess stays open on the customer's account: an outstanding credit
                wizard.payment_difference_handling = "open"
        return super()._create_payments()
