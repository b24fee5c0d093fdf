from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class RepairLabourLine(models.Model):
    """A labour operation of a service order: what was done, by whom, in how many hours."""

    _name = "auto.repair.labour"
    _description = "Service Order Labour"
    _order = "repair_id, sequence, id"

    repair_id = fields.Many2one("repair.order", string="Service Order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Operation", required=True)
    technician_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    hours = fields.Float(default=1.0, required=True)
    hourly_rate = fields.Monetary(currency_field="currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="repair_id.company_id.currency_id", string="Currency")
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)

    @api.depends("hours", "hourly_rate", "repair_id.under_warranty")
    def _compute_amount(self):
        for line in self:
            line.amount = 0.0 if line.repair_id.under_warranty else line.hours * line.hourly_rate

    @api.constrains("hours", "hourly_rate")
    def _check_hours(self):
        for line in self:
            if line.hours < 0 or line.hourly_rate < 0:
                raise ValidationError(
                    _("The hours and rate of the operation %(name)s cannot be negative.", name=line.name)
                )
