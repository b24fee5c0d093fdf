from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from ..tools import finance
from .sale_order import DRAFT_OR_CANCELLED_STATES, SIGNED_STATES

PLAN_KINDS = [
    ("deposit", "Deposit"),
    ("down_payment", "Down Payment"),
    ("loan", "Loan Disbursement"),
    ("balance", "Balance"),
]
PLAN_STATES = [("pending", "To Receive"), ("partial", "Partly Received"), ("paid", "Received")]
# the receivable reminders run on signed contracts not yet closed
LADDER_STATES = tuple(state for state in SIGNED_STATES if state != "closed")


class AutoPaymentPlanLine(models.Model):
    """One instalment of a contract's payment plan: what the customer (or the lender) pays, and when."""

    _name = "auto.payment.plan.line"
    _description = "Payment Plan Instalment"
    _inherit = ["auto.followup.subject.mixin"]
    _order = "order_id, sequence, due_date, id"

    order_id = fields.Many2one("sale.order", string="Contract", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(PLAN_KINDS, required=True, default="deposit")
    name = fields.Char("Description")
    amount = fields.Monetary(required=True, currency_field="currency_id")
    due_date = fields.Date(required=True, index=True)
    amount_paid = fields.Monetary("Received", compute="_compute_amount_paid", store=True, currency_field="currency_id")
    amount_residual = fields.Monetary(
        "To Receive", compute="_compute_amount_paid", store=True, currency_field="currency_id"
    )
    state = fields.Selection(PLAN_STATES, compute="_compute_amount_paid", store=True, index=True)
    reminder_scheduled = fields.Boolean("Reminders Scheduled", readonly=True, copy=False)
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, index=True, string="Customer")
    user_id = fields.Many2one(related="order_id.user_id", store=True, index=True, string="Consultant")
    contract_state = fields.Selection(related="order_id.auto_contract_state", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    # the same figures in the company's currency, at the rate of the contract's order date: what totals, the
    # ageing and the alerts add up across contracts in different currencies
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    amount_company = fields.Monetary(
        "Amount in Company Currency",
        compute="_compute_amount_paid",
        store=True,
        currency_field="company_currency_id",
        help="The instalment converted at the rate of the contract's order date.",
    )
    amount_paid_company = fields.Monetary(
        "Received in Company Currency",
        compute="_compute_amount_paid",
        store=True,
        currency_field="company_currency_id",
    )
    amount_residual_company = fields.Monetary(
        "To Receive in Company Currency",
        compute="_compute_amount_paid",
        store=True,
        currency_field="company_currency_id",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("order_id.name", "kind", "due_date")
    def _compute_display_name(self):
        # what a receivable reminder is about: the contract, the instalment and its due date
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = " · ".join(
                filter(None, [line.order_id.name, line.name or kinds.get(line.kind), str(line.due_date or "")])
            )

    @api.depends(
        "amount",
        "order_id.currency_rate",
        "order_id.auto_amount_paid",
        "order_id.auto_payment_plan_line_ids.amount",
        "order_id.auto_payment_plan_line_ids.sequence",
        "order_id.auto_payment_plan_line_ids.due_date",
    )
    def _compute_amount_paid(self):
        for order in self.order_id:
            lines = order.auto_payment_plan_line_ids.sorted(
                lambda p: (p.sequence, p.due_date or fields.Date.today(), p.id)
            )
            shares = finance.allocate_payments(lines.mapped("amount"), order.auto_amount_paid)
            for line, share in zip(lines, shares, strict=True):
                line.amount_paid = share
                line.amount_residual = line.amount - share
                # converted at one rate, so that the company figures add up as the contract's do
                line.amount_company = order._auto_to_company_currency(line.amount)
                line.amount_paid_company = order._auto_to_company_currency(share)
                line.amount_residual_company = line.amount_company - line.amount_paid_company
                rounding = order.currency_id.rounding
                if line.amount and float_compare(share, line.amount, precision_rounding=rounding) >= 0:
                    line.state = "paid"
                elif share > 0:
                    line.state = "partial"
                else:
                    line.state = "pending"
        for line in self.filtered(lambda p: not p.order_id):
            line.amount_paid = 0.0
            line.amount_residual = line.amount
            line.amount_company = line.amount_paid_company = line.amount_residual_company = 0.0
            line.state = "pending"

    @api.depends("due_date", "state")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            late = (today - line.due_date).days if line.due_date and line.state != "paid" else 0
            line.days_overdue = max(late, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(_("Each instalment of the payment plan must be a positive amount."))

    @api.constrains("amount", "due_date", "order_id")
    def _check_signed_plan_total(self):
        self.filtered(lambda p: p.order_id.auto_contract_state not in DRAFT_OR_CANCELLED_STATES)._check_plan_total()

    def _check_plan_total(self):
        for order in self.order_id:
            total = sum(order.auto_payment_plan_line_ids.mapped("amount"))
            if float_compare(total, order.amount_total, precision_rounding=order.currency_id.rounding):
                raise ValidationError(
                    _(
                        "The payment plan of %(order)s adds up to %(plan)s but the contract total is %(total)s: "
                        "the instalments must add up to the contract total.",
                        order=order.name,
                        plan=total,
                        total=order.amount_total,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(line.order_id.auto_contract_state in SIGNED_STATES for line in self):
            raise UserError(_("The payment plan of a signed contract changes through an amendment."))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _cron_receivable_reminders(self):
        """Daily: put the instalments coming due into the reminder ladder, open the steps due, stop paid ones."""
        Followup = self.env["auto.followup"]
        scheduled = Followup.browse()
        for company in self.env["res.company"].search([("auto_receivable_plan_id", "!=", False)]):
            scheduled |= self.with_company(company)._schedule_receivable_reminders(company)
        due = Followup.search(
            [
                ("payment_plan_line_id", "!=", False),
                ("state", "=", "planned"),
                ("date_scheduled", "<=", fields.Date.context_today(self)),
            ],
            order="id",
        )
        # an instalment paid since is not reminded (payments cancel their reminders as they are reconciled)
        paid = due.filtered(lambda f: f.payment_plan_line_id.state == "paid")
        paid._cancel()
        opened = (due - paid)._open_now_if_due()
        self.env["ir.cron"]._notify_progress(done=len(opened), remaining=0)
        return scheduled, opened

    def _schedule_receivable_reminders(self, company):
        plan = company.auto_receivable_plan_id
        if not plan.step_ids:
            return self.env["auto.followup"]
        limit = fields.Date.add(fields.Date.context_today(self), days=company.auto_receivable_reminder_days)
        lines = self.search_fetch(
            [
                ("state", "!=", "paid"),
                ("reminder_scheduled", "=", False),
                ("due_date", "<=", limit),
                ("contract_state", "in", LADDER_STATES),
                ("company_id", "=", company.id),
            ],
            ["order_id", "partner_id", "user_id", "due_date"],
            order="id",
        )
        if not lines:
            return self.env["auto.followup"]
        subjects = [
            {
                "trigger_date": line.due_date,
                "partner_id": line.partner_id.id,
                "user_id": line.user_id.id,
                "res_model": line._name,
                "res_id": line.id,
                "trigger_key": f"receivable{line.id}",
            }
            for line in lines
        ]
        followups = self.env["auto.followup"]._schedule(plan, subjects)
        lines.write({"reminder_scheduled": True})
        return followups

    @api.model
    def _receivable_overdue_sql(self, company_id, today, min_days):
        """Unpaid instalments overdue for more than ``min_days`` days: id, contract, customer, residual in the
        company's currency and that currency's id, residual in the contract's currency and its id, days."""
        return SQL(
            """
            SELECT line.id, o.name, p.name,
                   line.amount_residual_company, company.currency_id,
                   line.amount_residual, o.currency_id,
                   %(today)s - line.due_date
              FROM auto_payment_plan_line line
              JOIN sale_order o ON o.id = line.order_id
              JOIN res_partner p ON p.id = line.partner_id
              JOIN res_company company ON company.id = line.company_id
             WHERE line.state != 'paid'
               AND line.contract_state IN %(states)s
               AND line.company_id = %(company)s
               AND line.due_date < %(limit)s
            """,
            today=today,
            states=LADDER_STATES,
            company=company_id,
            limit=fields.Date.subtract(today, days=min_days),
        )
