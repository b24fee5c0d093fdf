from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoCustomerValue(models.Model):
    """What a customer brought to the dealership: the input of the RFM tiers.

    This is the one extension point other addons feed (vehicle sales, service
    revenue...) through :meth:`_feed`; they never write tiers themselves.
    """

    _name = "auto.customer.value"
    _description = "Customer Value Record"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value_type = fields.Selection(
        [("sale", "Vehicle Sale"), ("service", "Service"), ("other", "Other")],
        string="Type",
        required=True,
        default="other",
    )
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    description = fields.Char()
    origin = fields.Char("Source Document")
    res_model = fields.Char("Source Model", index=True)
    res_id = fields.Many2oneReference("Source Record", model_field="res_model")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "source_uniq",
            "unique(res_model, res_id, value_type)",
            "A source document feeds one value record per type.",
        ),
    ]

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.date > today:
                raise ValidationError(_("A value record cannot be dated in the future (%(date)s).", date=record.date))

    @api.model
    def _feed(self, vals_list):
        """Create or update value records from other addons, keyed by their source document.

        Each dict holds ``partner_id``, ``amount``, ``date``, ``value_type`` and
        ``res_model``/``res_id`` of the source; feeding the same source again
        updates its record instead of counting it twice; an amount of 0 removes it.
        """
        keyed = [v for v in vals_list if v.get("res_model") and v.get("res_id")]
        existing = {}
        if keyed:
            records = self.search(
                [
                    ("res_model", "in", list({v["res_model"] for v in keyed})),
                    ("res_id", "in", list({v["res_id"] for v in keyed})),
                ]
            )
            existing = {(r.res_model, r.res_id, r.value_type): r for r in records}
        to_create, to_remove = [], self.browse()
        for vals in vals_list:
            record = existing.get((vals.get("res_model"), vals.get("res_id"), vals.get("value_type", "other")))
            if record and not vals.get("amount"):
                to_remove |= record
            elif record:
                record.write(vals)
            elif vals.get("amount"):
                to_create.append(vals)
        to_remove.unlink()
        return self.create(to_create)
