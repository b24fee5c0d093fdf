from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.auto_payment_plan_line import PLAN_KINDS
from ..models.sale_order import SIGNED_STATES
from ..tools import finance

AGEING_BUCKETS = [
    ("not_due", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("over_90", "Over 90 Days"),
]


class AutoReceivableReport(models.Model):
    """Receivable analysis: every instalment of the signed contracts, aged on today's date.

    The amounts are in the company's currency (converted at the rate of each contract's order date), so
    that they add up across contracts; the contract's own currency and amounts are kept beside them.
    """

    _name = "auto.receivable.report"
    _description = "Receivable Analysis"
    _auto = False
    _order = "due_date"

    plan_line_id = fields.Many2one("auto.payment.plan.line", string="Instalment", readonly=True)
    order_id = fields.Many2one("sale.order", string="Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    order_currency_id = fields.Many2one("res.currency", string="Contract Currency", readonly=True)
    kind = fields.Selection(PLAN_KINDS, readonly=True)
    due_date = fields.Date(readonly=True)
    # in the contract's currency: not added up, contracts may be in different currencies
    amount_currency = fields.Monetary(
        "Amount Due in Contract Currency", readonly=True, currency_field="order_currency_id", aggregator=None
    )
    amount_residual_currency = fields.Monetary(
        "To Receive in Contract Currency", readonly=True, currency_field="order_currency_id", aggregator=None
    )
    amount = fields.Monetary("Amount Due", readonly=True)
    amount_paid = fields.Monetary("Received", readonly=True)
    amount_residual = fields.Monetary("To Receive", readonly=True)
    amount_overdue = fields.Monetary("Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    ageing_bucket = fields.Selection(AGEING_BUCKETS, string="Ageing", readonly=True)
    collection_rate = fields.Float(
        "Collection Rate (%)", readonly=True, aggregator="avg", help="Share of each instalment received."
    )

    def _query(self, today=None):
        days = SQL("(%s::date - line.due_date)", today) if today else SQL("(CURRENT_DATE - line.due_date)")
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS plan_line_id,
                   line.order_id,
                   line.partner_id,
                   line.user_id,
                   line.company_id,
                   company.currency_id,
                   o.currency_id AS order_currency_id,
                   line.kind,
                   line.due_date,
                   line.amount AS amount_currency,
                   line.amount_residual AS amount_residual_currency,
                   line.amount_company AS amount,
                   line.amount_paid_company AS amount_paid,
                   line.amount_residual_company AS amount_residual,
                   CASE WHEN %(days)s > 0 THEN line.amount_residual_company ELSE 0 END AS amount_overdue,
                   CASE WHEN line.amount_residual > 0 THEN GREATEST(%(days)s, 0) ELSE 0 END AS days_overdue,
                   %(ageing_bucket)s AS ageing_bucket,
                   CASE WHEN line.amount > 0 THEN 100.0 * line.amount_paid / line.amount ELSE 0 END
                       AS collection_rate
              FROM auto_payment_plan_line line
              -- LEFT: the planner drops the join of a query that reads nothing of the contract (every instalment
              -- has one)
              LEFT JOIN sale_order o ON o.id = line.order_id
              JOIN res_company company ON company.id = line.company_id
             WHERE line.contract_state IN %(states)s
            """,
            days=days,
            ageing_bucket=self._ageing_bucket_sql(days),
            states=SIGNED_STATES,
        )

    def _ageing_bucket_sql(self, days):
        """``finance.ageing_bucket`` in SQL, from the same ``finance.AGEING_BUCKETS``; a paid instalment is not due."""
        (not_due, _low, not_due_until), *ranges, (last, _low, _high) = finance.AGEING_BUCKETS
        whens = [SQL("WHEN line.amount_residual <= 0 OR %s <= %s THEN %s", days, not_due_until, not_due)]
        whens += [SQL("WHEN %s <= %s THEN %s", days, high, key) for key, _low, high in ranges]
        return SQL("CASE %s ELSE %s END", SQL(" ").join(whens), last)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
