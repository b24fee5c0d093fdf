import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import float_compare, float_is_zero, format_amount

from ..tools import finance

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("signed", "Signed"),
    ("in_execution", "In Execution"),
    ("delivered", "Delivered"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
APPROVAL_LEVELS = [("none", "Consultant"), ("manager", "Sales Manager"), ("general_manager", "General Manager")]
APPROVAL_GROUPS = {
    "manager": "auto_crm_customer.group_sales_manager",
    "general_manager": "auto_crm_customer.group_dealership_manager",
}
# a contract is signed from "signed" on: its lines and payment plan change only through an amendment
SIGNED_STATES = ("signed", "in_execution", "delivered", "closed")
# the vehicles are delivered: the sale counts (units delivered, gross profit, commissions)
DELIVERED_STATES = ("delivered", "closed")
# signed, vehicle not yet delivered: the contract can be amended and moves forward with payments and delivery
UNDELIVERED_STATES = ("signed", "in_execution")
# a quotation still in preparation, or cancelled: its payment plan and progress are not followed
DRAFT_OR_CANCELLED_STATES = ("draft", "cancelled")
# who works on vehicle contracts (payment plan, versions): the sales roles and finance
CONTRACT_GROUPS = "auto_crm_customer.group_sales_consultant,auto_crm_sales.group_finance"
# the delivery checklist (交车检查单): every item is done before the vehicle leaves with its owner
DELIVERY_CHECKLIST = (
    "auto_delivery_pdi_done",
    "auto_delivery_documents_handed",
    "auto_delivery_keys_handed",
    "auto_delivery_registered",
    "auto_delivery_insured",
    "auto_delivery_functions_explained",
    "auto_delivery_photo",
)
PAYMENT_METHODS = [("cash", "Cash"), ("loan", "Loan"), ("lease", "Lease")]
# the payment methods of a financed deal (a loan amount, a lender, a loan disbursement in the plan)
FINANCED_METHODS = ("loan", "lease")
# the deposit of the proposed payment plan, in the company's currency
DEFAULT_DEPOSIT = 5000.0


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "auto.followup.subject.mixin"]

    auto_contract_state = fields.Selection(
        CONTRACT_STATES,
        string="Contract Status",
        default="draft",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
    )
    auto_is_vehicle_sale = fields.Boolean("Vehicle Sale", compute="_compute_auto_amounts", store=True, index=True)
    auto_model_id = fields.Many2one(
        "auto.vehicle.model",
        string="Vehicle Model",
        compute="_compute_auto_amounts",
        store=True,
        index="btree_not_null",
    )
    auto_amount_vehicle = fields.Monetary("Vehicle Price", compute="_compute_auto_amounts", store=True)
    auto_amount_accessories = fields.Monetary("Accessories and Options", compute="_compute_auto_amounts", store=True)
    auto_amount_fees = fields.Monetary("Fees", compute="_compute_auto_amounts", store=True)
    auto_amount_trade_in = fields.Monetary("Trade-in Credit", compute="_compute_auto_amounts", store=True)
    auto_discount_total = fields.Monetary(
        "Discount off List Price", compute="_compute_auto_amounts", store=True, tracking=True
    )
    auto_company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    auto_discount_total_company = fields.Monetary(
        "Discount in Company Currency",
        compute="_compute_auto_discount_total_company",
        store=True,
        currency_field="auto_company_currency_id",
        help="The discount off the list price converted at the rate of the order date: "
        "the amount the discount limits of the company are compared with.",
    )
    auto_approval_level = fields.Selection(
        APPROVAL_LEVELS, string="Approval Needed From", compute="_compute_auto_approval_level", store=True
    )
    auto_approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    auto_date_approved = fields.Datetime("Approved On", readonly=True, copy=False)
    auto_date_signed = fields.Date("Contract Signed On", readonly=True, copy=False)
    auto_trade_in_vehicle_id = fields.Many2one("auto.vehicle", string="Trade-in Vehicle")
    auto_payment_method = fields.Selection(PAYMENT_METHODS, string="Payment Method", default="cash")
    auto_loan_amount = fields.Monetary("Loan Amount")
    auto_loan_term_months = fields.Integer("Loan Term (months)")
    auto_loan_rate = fields.Float("Loan Rate (% a year)", digits=(5, 2))
    auto_loan_bank = fields.Char("Lender")
    auto_down_payment = fields.Monetary("Down Payment", compute="_compute_auto_financing", store=True)
    auto_monthly_payment = fields.Monetary("Monthly Payment", compute="_compute_auto_financing", store=True)
    auto_version = fields.Integer("Contract Version", default=0, readonly=True, copy=False)
    # groups: Odoo's own users of sale orders (other sales teams, integrations reading every field) have no
    # access to the contract's records; the contract is the dealership's
    auto_version_ids = fields.One2many(
        "auto.contract.version", "order_id", string="Contract Versions", groups=CONTRACT_GROUPS
    )
    auto_amendment_reason = fields.Text("Amendment Reason", readonly=True, copy=False)
    auto_is_amending = fields.Boolean("Amendment in Progress", readonly=True, copy=False)
    auto_amendment_diff = fields.Html(
        "Changes from the Signed Version",
        compute="_compute_auto_amendment_diff",
        sanitize=False,
        groups=CONTRACT_GROUPS,
    )
    auto_legacy_ref = fields.Char(
        "Legacy Reference",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The contract's reference in the dealership's previous system, for a receivable brought over by the "
        "legacy import: importing the same receivable again changes nothing.",
    )
    auto_payment_plan_line_ids = fields.One2many(
        "auto.payment.plan.line", "order_id", string="Payment Plan", copy=False, groups=CONTRACT_GROUPS
    )
    auto_plan_total = fields.Monetary("Plan Total", compute="_compute_auto_plan_total", store=True)
    auto_amount_paid = fields.Monetary("Received", compute="_compute_auto_amount_paid", store=True)
    auto_amount_receivable = fields.Monetary("Still to Receive", compute="_compute_auto_amount_paid", store=True)
    auto_amount_receivable_company = fields.Monetary(
        "Still to Receive in Company Currency",
        compute="_compute_auto_amount_paid",
        store=True,
        currency_field="auto_company_currency_id",
        help="What is still to receive, converted at the rate of the order date, to add up contracts in "
        "different currencies.",
    )
    # the cost is the stock valuation, in the company's currency: so is the profit
    # groups: Odoo's own users of sale orders have no access to the dealership's surveys (the figure below is for all)
    auto_delivery_survey_ids = fields.One2many(
        "auto.delivery.survey",
        "order_id",
        string="Delivery Survey",
        groups="auto_crm_customer.group_sales_consultant",
    )
    auto_delivery_score = fields.Float(
        "Delivery Satisfaction",
        compute="_compute_auto_delivery_score",
        help="The owner's delivery satisfaction (交车满意度) out of 100, once answered.",
    )
    auto_delivery_survey_count = fields.Integer("Delivery Surveys", compute="_compute_auto_delivery_score")
    auto_cost_total = fields.Monetary(
        "Cost",
        compute="_compute_auto_profit",
        store=True,
        currency_field="auto_company_currency_id",
        groups="auto_crm_customer.group_sales_manager,auto_crm_sales.group_finance",
    )
    auto_gross_profit = fields.Monetary(
        "Gross Profit",
        compute="_compute_auto_profit",
        store=True,
        currency_field="auto_company_currency_id",
        groups="auto_crm_customer.group_sales_manager,auto_crm_sales.group_finance",
        help="Untaxed total converted at the rate of the order date, less the cost.",
    )
    auto_delivery_pdi_done = fields.Boolean(
        "PDI Done", copy=False, tracking=True, help="The pre-delivery inspection of the vehicle is done and signed."
    )
    auto_delivery_documents_handed = fields.Boolean(
        "Documents and Invoice Handed Over",
        copy=False,
        tracking=True,
        help="Certificate of conformity, invoice, warranty booklet and manual are in the customer's hands.",
    )
    auto_delivery_keys_handed = fields.Boolean("Keys Handed Over", copy=False, tracking=True)
    auto_delivery_registered = fields.Boolean(
        "Plate Registered", copy=False, tracking=True, help="The vehicle is registered and has its plate."
    )
    auto_delivery_insured = fields.Boolean(
        "Insurance in Force", copy=False, tracking=True, help="The vehicle is insured from the day it leaves."
    )
    auto_delivery_functions_explained = fields.Boolean(
        "Functions Explained",
        copy=False,
        tracking=True,
        help="The consultant walked the customer through the vehicle's functions and its maintenance plan.",
    )
    auto_delivery_photo = fields.Image(
        "Delivery Photo", max_width=1920, max_height=1920, copy=False, help="The customer with the vehicle."
    )
    auto_delivery_checklist_done = fields.Boolean(
        "Delivery Checklist Complete", compute="_compute_auto_delivery_checklist_done"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "order_line.auto_line_kind",
        "order_line.price_total",
        "order_line.auto_discount_amount",
        "order_line.auto_model_id",
    )
    def _compute_auto_amounts(self):
        for order in self:
            totals = dict.fromkeys(("vehicle", "accessory", "fee", "trade_in"), 0.0)
            for line in order.order_line:
                if line.auto_line_kind:
                    totals[line.auto_line_kind] += line.price_total
            vehicle_lines = order.order_line.filtered(lambda line: line.auto_line_kind == "vehicle")
            order.auto_is_vehicle_sale = bool(vehicle_lines)
            order.auto_model_id = vehicle_lines[:1].auto_model_id
            order.auto_amount_vehicle = totals["vehicle"]
            order.auto_amount_accessories = totals["accessory"]
            order.auto_amount_fees = totals["fee"]
            order.auto_amount_trade_in = -totals["trade_in"]
            order.auto_discount_total = sum(order.order_line.mapped("auto_discount_amount"))

    @api.depends("auto_discount_total", "currency_rate")
    def _compute_auto_discount_total_company(self):
        for order in self:
            order.auto_discount_total_company = order._auto_to_company_currency(order.auto_discount_total)

    @api.depends(
        "auto_discount_total_company",
        "company_id.auto_discount_limit_consultant",
        "company_id.auto_discount_limit_manager",
    )
    def _compute_auto_approval_level(self):
        for order in self:
            company = order.company_id
            # the limits are in the company's currency
            discount = order.auto_discount_total_company
            if float_compare(discount, company.auto_discount_limit_manager, precision_digits=2) > 0:
                order.auto_approval_level = "general_manager"
            elif float_compare(discount, company.auto_discount_limit_consultant, precision_digits=2) > 0:
                order.auto_approval_level = "manager"
            else:
                order.auto_approval_level = "none"

    @api.depends("amount_total", "auto_loan_amount", "auto_loan_term_months", "auto_loan_rate", "auto_payment_method")
    def _compute_auto_financing(self):
        for order in self:
            loan = order.auto_loan_amount if order.auto_payment_method in FINANCED_METHODS else 0.0
            order.auto_down_payment = order.amount_total - loan
            order.auto_monthly_payment = finance.monthly_payment(
                loan, order.auto_loan_rate, order.auto_loan_term_months
            )

    @api.depends("auto_payment_plan_line_ids.amount")
    def _compute_auto_plan_total(self):
        for order in self:
            order.auto_plan_total = sum(order.auto_payment_plan_line_ids.mapped("amount"))

    @api.depends(
        "amount_total",
        "currency_rate",
        "order_line.invoice_lines.move_id.amount_residual",
        "order_line.invoice_lines.move_id.state",
    )
    def _compute_auto_amount_paid(self):
        for order in self:
            paid = 0.0
            moves = order.order_line.invoice_lines.move_id.filtered(lambda m: m.state == "posted")
            for move in moves:
                if move.move_type == "out_invoice":
                    paid += move.amount_total - move.amount_residual
                elif move.move_type == "out_refund":
                    paid -= move.amount_total
            order.auto_amount_paid = paid
            order.auto_amount_receivable = max(order.amount_total - paid, 0.0)
            order.auto_amount_receivable_company = order._auto_to_company_currency(order.auto_amount_receivable)

    @api.depends("order_line.auto_cost", "amount_untaxed", "currency_rate")
    def _compute_auto_profit(self):
        for order in self:
            order.auto_cost_total = sum(order.order_line.mapped("auto_cost"))
            order.auto_gross_profit = order._auto_to_company_currency(order.amount_untaxed) - order.auto_cost_total

    def _compute_auto_delivery_score(self):
        # sudo: the figure on the contract for whoever reads the contract; the answers are read in the survey
        rows = (
            self.env["auto.delivery.survey"]
            .sudo()
            ._read_group([("order_id", "in", self.ids)], ["order_id"], ["score:avg", "__count"])
        )
        figures = {order.id: (score, count) for order, score, count in rows}
        for order in self:
            order.auto_delivery_score, order.auto_delivery_survey_count = figures.get(order.id, (0.0, 0))

    @api.depends(*DELIVERY_CHECKLIST)
    def _compute_auto_delivery_checklist_done(self):
        for order in self:
            order.auto_delivery_checklist_done = not order._auto_delivery_checklist_missing()

    @api.depends("auto_version_ids", "order_line", "auto_is_amending")
    def _compute_auto_amendment_diff(self):
        Version = self.env["auto.contract.version"]
        for order in self:
            signed = order.auto_version_ids.sorted("version")[-1:]
            if order.auto_is_amending and signed:
                order.auto_amendment_diff = Version._diff_html(signed.snapshot or {}, order._auto_snapshot())
            else:
                order.auto_amendment_diff = False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("auto_loan_amount", "auto_loan_term_months", "auto_loan_rate", "auto_payment_method")
    def _check_auto_financing(self):
        for order in self:
            if order.auto_loan_amount < 0 or order.auto_loan_rate < 0 or order.auto_loan_term_months < 0:
                raise ValidationError(_("Loan amount, rate and term cannot be negative."))
            if order.auto_payment_method in FINANCED_METHODS and order.auto_loan_amount:
                if not order.auto_loan_term_months:
                    raise ValidationError(_("Give the term of the loan in months."))
                if float_compare(order.auto_loan_amount, order.amount_total, precision_digits=2) > 0:
                    raise ValidationError(
                        _(
                            "The loan (%(loan)s) cannot exceed the contract total (%(total)s).",
                            loan=order.auto_loan_amount,
                            total=order.amount_total,
                        )
                    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _auto_followup_subject_domain(self):
        """A contract's follow-ups and its instalments' receivable reminders (deleted with the contract)."""
        plan_lines = self.sudo().auto_payment_plan_line_ids
        return expression.OR(
            [
                super()._auto_followup_subject_domain(),
                [("res_model", "=", plan_lines._name), ("res_id", "in", plan_lines.ids)],
            ]
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        vehicle_orders = self.filtered("auto_is_vehicle_sale")
        not_approved = vehicle_orders.filtered(lambda o: o.auto_contract_state not in ("approved",) + SIGNED_STATES)
        if not_approved:
            raise UserError(
                _(
                    "The contract %(order)s must be approved before the order is confirmed: submit it for approval.",
                    order=not_approved[0].name,
                )
            )
        vehicle_orders._auto_reserve_vins()
        return super().action_confirm()

    def _action_cancel(self):
        result = super()._action_cancel()
        self.order_line.filtered("auto_lot_reserved").write({"auto_lot_reserved": False})
        # sudo: the stock status of the vehicle follows the contract, whoever cancels it (a salesman of Odoo's
        # own sales team cannot read the vehicle registry)
        vehicles = self.sudo().order_line.auto_vehicle_id.filtered("auto_sold")
        vehicles.write({"auto_sold": False})
        contracts = self.filtered(lambda o: o.auto_is_vehicle_sale or o.auto_contract_state != "draft")
        contracts.with_context(tracking_disable=False).write({"auto_contract_state": "cancelled"})
        if contracts:
            # sudo: the contract's reminders go with it, whoever cancels it (a salesman of Odoo's own sales
            # team cannot read follow-ups)
            self.env["auto.followup"].sudo().search(
                [("sale_order_id", "in", contracts.ids), ("state", "in", ("planned", "open"))]
            )._cancel()
        return result

    def action_draft(self):
        result = super().action_draft()
        self.filtered(lambda o: o.auto_contract_state == "cancelled").write({"auto_contract_state": "draft"})
        return result

    def action_auto_generate_payment_plan(self):
        """Propose the usual plan: deposit, down payment, loan disbursement (financed deals), balance."""
        for order in self:
            if order.auto_contract_state in SIGNED_STATES:
                raise UserError(_("The payment plan of a signed contract changes through an amendment."))
            order.auto_payment_plan_line_ids.unlink()
            order.auto_payment_plan_line_ids = [
                fields.Command.create(vals) for vals in order._auto_default_plan_values()
            ]

    def action_auto_submit_contract(self):
        for order in self:
            if order.auto_contract_state != "draft":
                raise UserError(_("Only a draft contract can be submitted."))
            order._auto_check_ready_to_sign()
        for order in self:
            level = order.auto_approval_level
            if order.auto_is_amending and level == "none":
                level = "manager"  # an amendment of a signed contract is always approved again
            if level == "none":
                order.write(
                    {
                        "auto_contract_state": "approved",
                        "auto_approved_by_id": self.env.uid,
                        "auto_date_approved": fields.Datetime.now(),
                    }
                )
            else:
                order.auto_contract_state = "to_approve"
                order._auto_request_approval(level)

    def action_auto_approve_contract(self):
        for order in self:
            if order.auto_contract_state != "to_approve":
                raise UserError(_("Only a contract waiting for approval can be approved."))
            level = order._auto_required_level()
            if not self.env.user.has_group(APPROVAL_GROUPS[level]):
                raise AccessError(
                    _(
                        "The discount of %(order)s (%(discount)s) needs the approval of the %(level)s.",
                        order=order.name,
                        discount=format_amount(
                            self.env, order.auto_discount_total_company, order.auto_company_currency_id
                        ),
                        level=dict(APPROVAL_LEVELS)[level],
                    )
                )
            order.write(
                {
                    "auto_contract_state": "approved",
                    "auto_approved_by_id": self.env.uid,
                    "auto_date_approved": fields.Datetime.now(),
                }
            )
            order.activity_feedback(["mail.mail_activity_data_todo"], feedback=_("Approved"))

    def action_auto_reject_contract(self):
        for order in self:
            if order.auto_contract_state != "to_approve":
                raise UserError(_("Only a contract waiting for approval can be sent back."))
            level = order._auto_required_level()
            if not self.env.user.has_group(APPROVAL_GROUPS[level]):
                raise AccessError(_("Only the approver can send the contract back."))
        self.write({"auto_contract_state": "draft"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_auto_sign_contract(self):
        for order in self:
            if order.auto_contract_state != "approved":
                raise UserError(_("Only an approved contract can be signed."))
            order._auto_check_ready_to_sign()
        to_confirm = self.filtered(lambda o: o.state in ("draft", "sent"))
        if to_confirm:
            to_confirm.action_confirm()
        today = fields.Date.context_today(self)
        for order in self:
            order.write(
                {
                    "auto_contract_state": "signed",
                    "auto_date_signed": today,
                    "auto_version": order.auto_version + 1,
                    "auto_is_amending": False,
                }
            )
            order.env["auto.contract.version"].create(order._auto_version_values())
        self.order_line._auto_compute_costs()
        vehicles = self.order_line.filtered("auto_lot_reserved").auto_vehicle_id
        # sudo: the stock status and owner of the vehicle follow the signed contract
        for order in self:
            order_vehicles = vehicles & order.order_line.auto_vehicle_id
            order_vehicles.sudo().write(
                {"auto_sold": True, "partner_id": order.partner_id.id, "user_id": order.user_id.id}
            )
        self._auto_feed_customer_value()
        self.opportunity_id.filtered(lambda lead: lead.active and lead.probability < 100).action_set_won()
        self._auto_update_contract_progress()

    def action_auto_amend_contract(self):
        self.ensure_one()
        if self.auto_contract_state not in UNDELIVERED_STATES:
            raise UserError(_("Only a signed contract not yet delivered can be amended."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Amend the Contract"),
            "res_model": "auto.contract.amend.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_auto_view_delivery_survey(self):
        """The delivery survey of the contract: its answers, or a new one to record (delivered contracts)."""
        self.ensure_one()
        survey = self.env["auto.delivery.survey"].search([("order_id", "=", self.id)], limit=1)
        return {
            "type": "ir.actions.act_window",
            "name": _("Delivery Satisfaction"),
            "res_model": "auto.delivery.survey",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": survey.id,
            "target": "current" if survey else "new",
            "context": {"default_order_id": self.id},
        }

    def action_auto_close_contract(self):
        for order in self:
            if order.auto_contract_state != "delivered":
                raise UserError(_("Only a delivered contract can be closed."))
            if not float_is_zero(order.auto_amount_receivable, precision_rounding=order.currency_id.rounding):
                raise UserError(
                    _(
                        "%(order)s still has %(amount)s to receive: it can be closed once fully paid.",
                        order=order.name,
                        amount=order.auto_amount_receivable,
                    )
                )
        self.write({"auto_contract_state": "closed"})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_to_company_currency(self, amount):
        """``amount`` of this order in the company's currency, at the rate of the order date.

        The rate is the order's own ``currency_rate`` (stored, from ``res.currency``'s rates at
        ``date_order``), which Odoo's sales analysis divides by too: no rate query per order.
        """
        self.ensure_one()
        return self.auto_company_currency_id.round(amount / (self.currency_rate or 1.0))

    def _auto_start_amendment(self, reason):
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the amendment."))
        self.write({"auto_contract_state": "draft", "auto_is_amending": True, "auto_amendment_reason": reason})
        self.message_post(body=_("Amendment started: %(reason)s", reason=reason))

    def _auto_required_level(self):
        self.ensure_one()
        level = self.auto_approval_level
        if self.auto_is_amending and level == "none":
            return "manager"
        return level

    def _auto_request_approval(self, level):
        group = self.env.ref(APPROVAL_GROUPS[level])
        approvers = group.users.filtered(lambda u: not u.share and u.active and u.company_id in self.company_id)
        # the sales manager in charge of follow-ups approves in priority
        approver = self.company_id.auto_followup_manager_id if level == "manager" else self.env["res.users"]
        if not approver or approver not in approvers:
            approver = approvers[:1]
        if approver:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_(
                    "Approve the contract (discount %(discount)s)",
                    discount=format_amount(self.env, self.auto_discount_total_company, self.auto_company_currency_id),
                ),
                user_id=approver.id,
            )

    def _has_to_be_signed(self):
        """A vehicle contract is signed online (Odoo's portal signature) once approved, not before: the
        customer signs the terms the dealership approved."""
        self.ensure_one()
        if self.auto_is_vehicle_sale and self.auto_contract_state != "approved":
            return False
        return super()._has_to_be_signed()

    def _validate_order(self):
        """Signed online: an approved vehicle contract becomes a signed contract (which confirms the order),
        exactly as when the consultant records the signature; other orders are confirmed as in Odoo."""
        contracts = self.filtered(lambda o: o.auto_is_vehicle_sale and o.auto_contract_state == "approved")
        if contracts:
            contracts.with_context(send_email=True).action_auto_sign_contract()
        others = self - contracts
        if others:
            return super(SaleOrder, others)._validate_order()
        return None

    def _auto_check_ready_to_sign(self):
        self.ensure_one()
        missing = self.order_line.filtered(lambda line: line.auto_line_kind == "vehicle" and not line.auto_lot_id)
        if missing:
            raise UserError(
                _(
                    "Choose the VIN of %(product)s before submitting the contract.",
                    product=missing[0].product_id.display_name,
                )
            )
        if self.auto_payment_plan_line_ids:
            self.auto_payment_plan_line_ids._check_plan_total()

    def _auto_reserve_vins(self):
        """Take the VINs of these orders for good: one confirmed line per VIN, guaranteed by the database.

        Runs before anything else of the confirmation, so that of two orders confirmed at the same moment
        for the same VIN, the second waits for the first and is refused.
        """
        lines = self.order_line.filtered(lambda line: line.auto_lot_id and not line.auto_lot_reserved)
        if not lines:
            return
        unavailable = lines.auto_lot_id - self.env["stock.lot"].search(
            [("id", "in", lines.auto_lot_id.ids), ("auto_available_for_sale", "=", True)]
        )
        if unavailable:
            raise UserError(
                _(
                    "The VIN %(vin)s is no longer available (reserved by another order, sold or a demo car): "
                    "choose another vehicle.",
                    vin=unavailable[0].name,
                )
            )
        try:
            with self.env.cr.savepoint():
                lines.write({"auto_lot_reserved": True})
                lines.flush_recordset(["auto_lot_reserved"])
        except (psycopg2.errors.UniqueViolation, psycopg2.errors.SerializationFailure) as error:
            raise UserError(
                _(
                    "Another order has just reserved the VIN %(vins)s: choose another vehicle.",
                    vins=", ".join(lines.auto_lot_id.mapped("name")),
                )
            ) from error

    def _auto_default_plan_values(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        total = self.amount_total
        loan = self.auto_loan_amount if self.auto_payment_method in FINANCED_METHODS else 0.0
        # the usual deposit is set in the company's currency: the same deposit in the order's currency
        deposit = min(self.currency_id.round(DEFAULT_DEPOSIT * (self.currency_rate or 1.0)), total)
        values = [{"kind": "deposit", "amount": deposit, "due_date": today, "sequence": 1}]
        if loan:
            down = total - loan - deposit
            if down > 0:
                values.append(
                    {"kind": "down_payment", "amount": down, "due_date": today + relativedelta(days=7), "sequence": 2}
                )
            values.append({"kind": "loan", "amount": loan, "due_date": today + relativedelta(days=30), "sequence": 3})
        else:
            balance = total - deposit
            if balance > 0:
                values.append(
                    {"kind": "balance", "amount": balance, "due_date": today + relativedelta(days=14), "sequence": 4}
                )
        return values

    def _auto_snapshot(self):
        """What the customer signs: the lines, the financing and the plan, as plain data."""
        self.ensure_one()
        return {
            "lines": [
                {
                    "product": line.product_id.display_name or line.name,
                    "vin": line.auto_lot_id.name or "",
                    "quantity": line.product_uom_qty,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "subtotal": line.price_subtotal,
                }
                for line in self.order_line.filtered(lambda line: not line.display_type)
            ],
            "amount_total": self.amount_total,
            "loan_amount": self.auto_loan_amount,
            "loan_term_months": self.auto_loan_term_months,
            "loan_rate": self.auto_loan_rate,
            "plan": [
                {"kind": plan.kind, "amount": plan.amount, "due_date": str(plan.due_date)}
                for plan in self.auto_payment_plan_line_ids
            ],
        }

    def _auto_version_values(self):
        self.ensure_one()
        previous = self.auto_version_ids.sorted("version")[-1:]
        snapshot = self._auto_snapshot()
        Version = self.env["auto.contract.version"]
        return {
            "order_id": self.id,
            "version": self.auto_version,
            "reason": self.auto_amendment_reason if previous else _("Original contract"),
            "snapshot": snapshot,
            "amount_total": self.amount_total,
            "approved_by_id": self.auto_approved_by_id.id,
            "date_signed": fields.Date.context_today(self),
            "diff_html": Version._diff_html(previous.snapshot or {}, snapshot) if previous else False,
        }

    def _auto_feed_customer_value(self):
        self.env["auto.customer.value"].sudo()._feed(
            [
                {
                    "partner_id": order.partner_id.commercial_partner_id.id,
                    # the value records are in the company's currency
                    "amount": order._auto_to_company_currency(order.amount_total),
                    "date": order.auto_date_signed or fields.Date.context_today(self),
                    "value_type": "sale",
                    "description": _("Vehicle sale %(order)s", order=order.name),
                    "origin": order.name,
                    "res_model": "sale.order",
                    "res_id": order.id,
                    "company_id": order.company_id.id,
                }
                for order in self
                if order.partner_id.commercial_partner_id.auto_customer_type
            ]
        )

    def _auto_update_contract_progress(self):
        """Move signed contracts forward: paid -> in execution, vehicles delivered -> delivered."""
        for order in self.filtered(lambda o: o.auto_contract_state in UNDELIVERED_STATES):
            vehicle_lines = order.order_line.filtered(lambda line: line.auto_line_kind == "vehicle")
            delivered = vehicle_lines and all(
                float_compare(line.qty_delivered, line.product_uom_qty, precision_digits=2) >= 0
                for line in vehicle_lines
            )
            if delivered:
                order.auto_contract_state = "delivered"
                order._auto_hand_over_vehicles(vehicle_lines)
            elif order.auto_contract_state == "signed" and order.auto_amount_paid > 0:
                order.auto_contract_state = "in_execution"
        paid_lines = self.auto_payment_plan_line_ids.filtered(lambda plan: plan.state == "paid")
        if paid_lines:
            self.env["auto.followup"].sudo().search(
                [("payment_plan_line_id", "in", paid_lines.ids), ("state", "in", ("planned", "open"))]
            )._cancel()

    def _auto_delivery_survey_questions(self):
        """The delivery survey's questions for the portal: ``(field, label, help)`` in the reader's language."""
        Survey = self.env["auto.delivery.survey"]
        questions = []
        for name in Survey._survey_factors():
            description = Survey._fields[name].get_description(self.env)
            questions.append((name, description["string"], description.get("help") or ""))
        return questions

    def _auto_delivery_checklist_missing(self):
        """The labels of the delivery checklist's items not done yet."""
        self.ensure_one()
        return [self._fields[name].get_description(self.env)["string"] for name in DELIVERY_CHECKLIST if not self[name]]

    def _auto_hand_over_vehicles(self, vehicle_lines):
        """The contract's vehicles are delivered: hand them over to the customer (warranty, return visit...)."""
        self.ensure_one()
        done = self.picking_ids.filtered(lambda picking: picking.state == "done" and picking.date_done)
        last_done = max(done.mapped("date_done"), default=False)
        delivery_date = fields.Date.context_today(self, last_done) if last_done else None
        vehicles = vehicle_lines.auto_vehicle_id
        vehicles.filtered(lambda v: v.partner_id != self.partner_id).write({"partner_id": self.partner_id.id})
        vehicles._hand_over_to_customer(delivery_date, reference=self.name)

    def _auto_demo_pay(self, amount):
        """Invoice the contract if not done yet and record a customer payment of ``amount`` (demo data)."""
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda move: move.state != "cancel") or self._create_invoices()
        invoices.filtered(lambda move: move.state == "draft").action_post()
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({"amount": amount})
        )
        return wizard._create_payments()

    def _auto_demo_deliver(self):
        """Deliver the reserved vehicles of the contract (demo data)."""
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        pickings.move_ids.picked = True
        return pickings._action_done()
