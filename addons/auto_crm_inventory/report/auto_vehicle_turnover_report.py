from odoo import fields, models, tools


class AutoVehicleTurnoverReport(models.Model):
    """Vehicles delivered, with the days from receipt to delivery: the turnover per model."""

    _name = "auto.vehicle.turnover.report"
    _description = "Vehicle Turnover Analysis"
    _auto = False
    _order = "date_delivered desc"
    _rec_name = "vehicle_id"
    _depends = {
        "auto.vehicle": ["lot_id", "model_id", "series_id", "brand_id", "company_id", "state"],
        "stock.move.line": ["lot_id", "date", "state", "location_id", "location_dest_id"],
    }

    vehicle_id = fields.Many2one("auto.vehicle", readonly=True)
    model_id = fields.Many2one("auto.vehicle.model", readonly=True)
    series_id = fields.Many2one("auto.vehicle.series", readonly=True)
    brand_id = fields.Many2one("auto.vehicle.brand", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_received = fields.Datetime("Received On", readonly=True)
    date_delivered = fields.Datetime("Delivered On", readonly=True)
    days_to_sell = fields.Integer("Days to Sell", readonly=True, aggregator="avg")
    vehicle_count = fields.Integer("Vehicles", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT v.id AS id,
                       v.id AS vehicle_id,
                       v.model_id AS model_id,
                       v.series_id AS series_id,
                       v.brand_id AS brand_id,
                       v.company_id AS company_id,
                       moves.date_received AS date_received,
                       moves.date_delivered AS date_delivered,
                       (moves.date_delivered::date - moves.date_received::date) AS days_to_sell,
                       1 AS vehicle_count
                  FROM auto_vehicle v
                  JOIN (
                        SELECT ml.lot_id,
                               MIN(ml.date) FILTER (WHERE dst.usage = 'internal'
                                                     AND src.usage NOT IN ('internal', 'transit')) AS date_received,
                               MAX(ml.date) FILTER (WHERE dst.usage = 'customer') AS date_delivered
                          FROM stock_move_line ml
                          JOIN stock_location src ON src.id = ml.location_id
                          JOIN stock_location dst ON dst.id = ml.location_dest_id
                         WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
                      GROUP BY ml.lot_id
                  ) moves ON moves.lot_id = v.lot_id
                 WHERE moves.date_received IS NOT NULL
                   AND moves.date_delivered IS NOT NULL
                   AND v.state = 'delivered'
            )
        """)
