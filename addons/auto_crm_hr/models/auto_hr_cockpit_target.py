from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoHrCockpitTarget(models.Model):
    """The general manager's target of one cockpit figure for one month of the company."""

    _name = "auto.hr.cockpit.target"
    _description = "Cockpit Target"
    _inherit = ["auto.month.mixin"]
    _order = "month desc, figure"

    figure = fields.Selection(selection="_selection_figure", required=True)
    month = fields.Date(required=True, index=True, help="Any day of the month: it is stored as the month's first day.")
    target = fields.Float(
        required=True,
        help="The value expected over the whole month (at the month's end for a figure of the stock, such as "
        "overdue receivables).",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("figure_month_unique", "unique(figure, month, company_id)", "A figure has one target a month."),
    ]

    @api.model
    def _selection_figure(self):
        catalogue = self.env["auto.hr.cockpit"]._cockpit_catalogue()
        return [(code, str(spec["name"])) for code, spec in sorted(catalogue.items(), key=lambda i: i[1]["sequence"])]

    @api.constrains("target")
    def _check_target(self):
        for record in self:
            if record.target < 0:
                raise ValidationError(_("A target cannot be negative: enter the value expected for the month."))

    @api.model
    def _targets_of_month(self, day):
        """``{figure: target}`` of the company for the month of ``day``, in one query."""
        records = self.search_fetch(
            [("month", "=", day.replace(day=1)), ("company_id", "=", self.env.company.id)], ["figure", "target"]
        )
        return {record.figure: record.target for record in records}
