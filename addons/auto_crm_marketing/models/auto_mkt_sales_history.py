from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

HISTORY_SOURCES = [("delivered", "Delivered Contracts"), ("imported", "Imported History")]
DELIVERED_STATES = ("delivered", "closed")


class AutoMktSalesHistory(models.Model):
    """Units delivered per model and month: the history the sales forecast learns from.

    Rows of delivered contracts are rebuilt from the sales addon; imported rows carry the months before the
    dealership used AutoCRM (from its former DMS) and are never overwritten.
    """

    _name = "auto.mkt.sales.history"
    _description = "Monthly Sales History"
    _order = "month desc, model_id"
    _check_company_auto = True

    month = fields.Date(required=True, index=True, help="First day of the month.")
    model_id = fields.Many2one("auto.vehicle.model", string="Vehicle Model", required=True, index=True)
    series_id = fields.Many2one(related="model_id.series_id", store=True)
    units = fields.Float("Units Delivered", required=True, digits=(16, 0))
    source = fields.Selection(HISTORY_SOURCES, required=True, default="imported")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "month_model_source_uniq",
            "unique(month, model_id, source, company_id)",
            "A model has one row of each source per month.",
        ),
    ]

    @api.constrains("units", "month")
    def _check_units(self):
        for row in self:
            if row.units < 0:
                raise ValidationError(
                    _("Units delivered cannot be negative (%(model)s).", model=row.model_id.display_name)
                )
            if row.month.day != 1:
                raise ValidationError(_("Enter the month of a sales history row as its first day (e.g. 2025-03-01)."))

    @api.model
    def _refresh_from_deliveries(self, company=None):
        """Rebuild the rows of delivered contracts for the company (months without imported rows only)."""
        company = company or self.env.company
        # sudo: the history counts every consultant's deliveries, marketing reads only the totals
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("auto_is_vehicle_sale", "=", True),
                    ("auto_contract_state", "in", DELIVERED_STATES),
                    ("effective_date", "!=", False),
                    ("auto_model_id", "!=", False),
                ],
                ["auto_model_id", "effective_date:month"],
                ["__count"],
            )
        )
        imported = {
            (row.model_id.id, row.month)
            for row in self.search([("company_id", "=", company.id), ("source", "=", "imported")])
        }
        self.search([("company_id", "=", company.id), ("source", "=", "delivered")]).unlink()
        vals_list = []
        for model, month, count in groups:
            month = fields.Date.to_date(month)
            if (model.id, month) in imported:
                continue
            vals_list.append(
                {"month": month, "model_id": model.id, "units": count, "source": "delivered", "company_id": company.id}
            )
        return self.create(vals_list)
