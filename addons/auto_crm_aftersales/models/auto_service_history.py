from odoo import api, fields, models

from .repair_order import SERVICE_TYPES


class AutoServiceHistory(models.Model):
    """A line of a service order done before AutoCRM, brought over from the legacy system (历史维修记录).

    Deliberately light: no stock move, no labour line, no follow-up of its own. It tells the advisor what
    was done on the vehicle, counts as a maintenance for the next service due, feeds the customer's value
    and records the odometer; a million lines import in minutes where service orders would take hours.
    """

    _name = "auto.service.history"
    _description = "Legacy Service History Line"
    _order = "date desc, order_ref, id"
    _rec_name = "order_ref"

    vehicle_id = fields.Many2one("auto.vehicle", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null", ondelete="set null")
    order_ref = fields.Char("Legacy Order", required=True)
    date = fields.Date(required=True, index=True)
    mileage = fields.Integer("Mileage (km)")
    service_type = fields.Selection(SERVICE_TYPES, required=True, default="maintenance", index=True)
    description = fields.Char("Work Done", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary(currency_field="currency_id")
    legacy_key = fields.Char(
        required=True, help="Legacy order and line: importing the same line twice changes nothing."
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    import_id = fields.Many2one(
        "auto.legacy.import",
        string="Imported By",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        groups="auto_crm_customer.group_dealership_manager",
        help="The legacy import (数据迁移) that brought this line over.",
    )

    _sql_constraints = [
        ("legacy_key_company_uniq", "unique(legacy_key, company_id)", "This legacy service line is already imported."),
    ]

    @api.depends("order_ref", "description")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.order_ref} {line.description or ''}".strip()
