from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import stock_age


class AutoVehicleStockReport(models.Model):
    """Vehicles in stock with their stock age (库龄), carrying cost and value: one row per vehicle.

    A table query rather than a view: the age depends on today's date, given by the server (and by the
    tests' frozen clock), not by the database.
    """

    _name = "auto.vehicle.stock.report"
    _description = "Vehicle Stock Age Analysis"
    _auto = False
    _order = "age_days desc"
    _rec_name = "vehicle_id"
    _depends = {
        "auto.vehicle": ["lot_id", "model_id", "series_id", "brand_id", "model_year", "color", "state"],
        "stock.quant": ["lot_id", "product_id", "location_id", "company_id", "in_date", "quantity"],
        "stock.location": ["usage", "auto_area", "warehouse_id"],
        "stock.valuation.layer": ["lot_id", "value"],
        "res.company": [
            "currency_id",
            "auto_stock_age_limit_1",
            "auto_stock_age_limit_2",
            "auto_stock_age_limit_3",
            "auto_stock_carrying_cost",
        ],
    }

    vehicle_id = fields.Many2one("auto.vehicle", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    model_id = fields.Many2one("auto.vehicle.model", readonly=True)
    series_id = fields.Many2one("auto.vehicle.series", readonly=True)
    brand_id = fields.Many2one("auto.vehicle.brand", readonly=True)
    model_year = fields.Integer(readonly=True, aggregator=False)
    color = fields.Char("Colour", readonly=True)
    state = fields.Selection(
        [("in_stock", "Dealer Stock"), ("reserved", "Reserved"), ("demo", "Demo / Test-Drive Car"), ("sold", "Sold")],
        string="Status",
        readonly=True,
    )
    location_id = fields.Many2one("stock.location", readonly=True)
    stock_area = fields.Selection(
        [("warehouse", "Warehouse"), ("showroom", "Showroom"), ("yard", "Yard")], string="Area", readonly=True
    )
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    in_date = fields.Datetime("Received On", readonly=True)
    age_days = fields.Integer("Stock Age (days)", readonly=True, aggregator="avg")
    age_bucket = fields.Selection(stock_age.AGE_BUCKETS, readonly=True)
    age_bucket_label = fields.Char("Stock Age Range", readonly=True)
    vehicle_count = fields.Integer("Vehicles", readonly=True)
    carrying_cost = fields.Monetary(
        "Carrying Cost So Far",
        readonly=True,
        currency_field="currency_id",
        groups="auto_crm_inventory.group_inventory_manager,auto_crm_customer.group_dealership_manager",
    )
    stock_value = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        groups="auto_crm_inventory.group_inventory_manager,auto_crm_customer.group_dealership_manager",
    )

    @property
    def _table_query(self):
        return self._auto_stock_age_query(fields.Date.context_today(self))

    @api.model
    def _auto_stock_age_query(self, today):
        limits = [SQL.identifier("aged", f"limit_{number}") for number in (1, 2, 3)]
        age_bucket, age_bucket_label = self._auto_stock_age_bucket_sql(SQL.identifier("aged", "age_days"), limits)
        return SQL(
            """
            SELECT aged.*,
                   %(age_bucket)s AS age_bucket,
                   %(age_bucket_label)s AS age_bucket_label,
                   aged.age_days * aged.cost_per_day AS carrying_cost
              FROM (
                SELECT q.id AS id,
                       v.id AS vehicle_id,
                       q.lot_id AS lot_id,
                       q.product_id AS product_id,
                       v.model_id AS model_id,
                       v.series_id AS series_id,
                       v.brand_id AS brand_id,
                       v.model_year AS model_year,
                       v.color AS color,
                       v.state AS state,
                       q.location_id AS location_id,
                       l.auto_area AS stock_area,
                       l.warehouse_id AS warehouse_id,
                       q.company_id AS company_id,
                       c.currency_id AS currency_id,
                       q.in_date AS in_date,
                       GREATEST(%(today)s::date - q.in_date::date, 0) AS age_days,
                       1 AS vehicle_count,
                       COALESCE(svl.value, 0) AS stock_value,
                       COALESCE(c.auto_stock_age_limit_1, %(default_limit_1)s) AS limit_1,
                       COALESCE(c.auto_stock_age_limit_2, %(default_limit_2)s) AS limit_2,
                       COALESCE(c.auto_stock_age_limit_3, %(default_limit_3)s) AS limit_3,
                       COALESCE(c.auto_stock_carrying_cost, 0) AS cost_per_day
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  JOIN auto_vehicle v ON v.lot_id = q.lot_id
                  JOIN res_company c ON c.id = q.company_id
             LEFT JOIN (SELECT lot_id, SUM(value) AS value
                          FROM stock_valuation_layer
                         WHERE lot_id IS NOT NULL
                      GROUP BY lot_id) svl ON svl.lot_id = q.lot_id
                 WHERE q.quantity > 0
              ) aged
            """,
            today=today,
            age_bucket=age_bucket,
            age_bucket_label=age_bucket_label,
            default_limit_1=stock_age.DEFAULT_LIMITS[0],
            default_limit_2=stock_age.DEFAULT_LIMITS[1],
            default_limit_3=stock_age.DEFAULT_LIMITS[2],
        )

    @api.model
    def _auto_stock_age_bucket_sql(self, days, limits):
        """``stock_age.age_bucket`` and ``stock_age.bucket_label`` in SQL: CASE expressions of the bucket and
        of its label, from the same constants, for ``days`` and the company's ``limits`` (SQL expressions)."""
        buckets, labels = [], []
        first_day = SQL("0")
        for bucket, limit in zip(stock_age.BUCKETS, limits, strict=False):
            buckets.append(SQL("WHEN %s <= %s THEN %s", days, limit, bucket))
            labels.append(
                SQL("WHEN %s <= %s THEN format(%s, %s, %s)", days, limit, stock_age.RANGE_LABEL, first_day, limit)
            )
            first_day = SQL("(%s + 1)", limit)
        return (
            SQL("CASE %s ELSE %s END", SQL(" ").join(buckets), stock_age.BUCKETS[-1]),
            SQL("CASE %s ELSE format(%s, %s) END", SQL(" ").join(labels), stock_age.OVER_LABEL, limits[-1]),
        )
