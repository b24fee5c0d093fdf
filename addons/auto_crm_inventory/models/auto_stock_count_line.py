from odoo import api, fields, models

COUNT_RESULTS = [
    ("found", "Found"),
    ("missing", "Missing"),
    ("misplaced", "Wrong Location"),
    ("unexpected", "Unexpected"),
]


class AutoStockCountLine(models.Model):
    _name = "auto.stock.count.line"
    _description = "Vehicle Stock Count Line"
    _order = "count_id, result, vin"
    _rec_name = "vin"

    count_id = fields.Many2one("auto.stock.count", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="count_id.company_id", store=True, index=True)
    vin = fields.Char("VIN", required=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number", readonly=True)
    vehicle_id = fields.Many2one(related="lot_id.auto_vehicle_id", string="Vehicle")
    product_id = fields.Many2one(
        "product.product",
        string="Model",
        domain=[("auto_product_kind", "=", "vehicle")],
        help="For a vehicle found but not in the books: its model, to add it to the stock on approval.",
    )
    expected = fields.Boolean(readonly=True, help="In the books for this location when the count started.")
    expected_location_id = fields.Many2one("stock.location", string="Location in the Books", readonly=True)
    counted = fields.Boolean(readonly=True)
    counted_location_id = fields.Many2one("stock.location", string="Found In", readonly=True)
    counted_by_id = fields.Many2one("res.users", readonly=True)
    date_counted = fields.Datetime("Counted On", readonly=True)
    result = fields.Selection(COUNT_RESULTS, compute="_compute_result", store=True, index=True)

    _sql_constraints = [
        ("vin_count_uniq", "unique(count_id, vin)", "A VIN appears once in a stock count."),
    ]

    @api.depends("expected", "counted", "expected_location_id", "counted_location_id")
    def _compute_result(self):
        for line in self:
            if not line.counted:
                line.result = "missing"
            elif not line.expected_location_id:
                line.result = "unexpected"
            elif line.expected_location_id != line.counted_location_id:
                line.result = "misplaced"
            else:
                line.result = "found"
