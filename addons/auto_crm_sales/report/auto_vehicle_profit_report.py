from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.sale_order import SIGNED_STATES
from ..models.sale_order_line import LINE_KINDS


class AutoVehicleProfitReport(models.Model):
    """Revenue, cost and gross profit of every signed contract line, by vehicle, contract, consultant, model, month.

    In the company's currency: the revenue is converted at the rate of the order date (the order's
    ``currency_rate``, as Odoo's sales analysis does); the cost is the stock valuation, already in it.
    """

    _name = "auto.vehicle.profit.report"
    _description = "Vehicle Profit Analysis"
    _auto = False
    _order = "date desc"

    order_id = fields.Many2one("sale.order", string="Contract", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    model_id = fields.Many2one("auto.vehicle.model", string="Vehicle Model", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    line_kind = fields.Selection(LINE_KINDS, string="Kind", readonly=True)
    date = fields.Date("Signed On", readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)
    vehicle_count = fields.Integer("Vehicles", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the order's currency_rate: order-currency units per company-currency unit at the order date
        revenue = SQL(
            "line.price_subtotal / (CASE COALESCE(o.currency_rate, 0) WHEN 0 THEN 1.0 ELSE o.currency_rate END)"
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT line.id AS id,
                           line.order_id,
                           vehicle_line.auto_lot_id AS lot_id,
                           o.auto_model_id AS model_id,
                           o.user_id,
                           o.partner_id,
                           o.company_id,
                           company.currency_id,
                           line.product_id,
                           line.auto_line_kind AS line_kind,
                           o.auto_date_signed AS date,
                           %s AS revenue,
                           COALESCE(line.auto_cost, 0) AS cost,
                           %s - COALESCE(line.auto_cost, 0) AS gross_profit,
                           CASE WHEN line.auto_line_kind = 'vehicle' THEN 1 ELSE 0 END AS vehicle_count
                      FROM sale_order_line line
                      JOIN sale_order o ON o.id = line.order_id
                      JOIN res_company company ON company.id = o.company_id
                      LEFT JOIN LATERAL (
                          SELECT vl.auto_lot_id FROM sale_order_line vl
                           WHERE vl.order_id = o.id AND vl.auto_line_kind = 'vehicle'
                           ORDER BY vl.id LIMIT 1
                      ) vehicle_line ON TRUE
                     WHERE o.auto_contract_state IN %s
                       AND line.auto_line_kind IS NOT NULL
                )
                """,
                SQL.identifier(self._table),
                revenue,
                revenue,
                SIGNED_STATES,
            )
        )
