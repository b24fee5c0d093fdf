from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoMktDepreciation(models.Model):
    """A depreciation table: the share of the new price a brand's cars (or one series of it) keep after each
    year, from which the upgrade job estimates the trade-in value of an owner's car."""

    _name = "auto.mkt.depreciation"
    _description = "Depreciation Table"
    _order = "brand_id, series_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    brand_id = fields.Many2one("auto.vehicle.brand", required=True, index=True, ondelete="cascade")
    series_id = fields.Many2one(
        "auto.vehicle.series",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('brand_id', '=', brand_id)]",
        help="Leave empty for the brand's table; a series' own table comes first.",
    )
    line_ids = fields.One2many("auto.mkt.depreciation.line", "table_id", string="Residual Values", copy=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "brand_series_unique",
            "unique(brand_id, series_id, company_id)",
            "A brand or series has one depreciation table.",
        ),
    ]

    @api.depends("brand_id.name", "series_id.name")
    def _compute_name(self):
        for table in self:
            table.name = " / ".join(name for name in (table.brand_id.name, table.series_id.name) if name)

    @api.constrains("series_id", "brand_id")
    def _check_series_brand(self):
        for table in self:
            if table.series_id and table.series_id.brand_id != table.brand_id:
                raise ValidationError(
                    _(
                        "The series %(series)s is not of the brand %(brand)s.",
                        series=table.series_id.name,
                        brand=table.brand_id.name,
                    )
                )

    @api.model
    def _tables_by_key(self):
        """``{(brand_id, series_id or 0): [(age, percent), ...]}`` of the company's tables, in one query."""
        lines = self.env["auto.mkt.depreciation.line"].search_fetch(
            [("table_id.active", "=", True), ("table_id.company_id", "in", [self.env.company.id, False])],
            ["table_id", "age_years", "residual_percent"],
        )
        tables = {}
        for line in lines:
            key = (line.table_id.brand_id.id, line.table_id.series_id.id or 0)
            tables.setdefault(key, []).append((line.age_years, line.residual_percent))
        return tables
