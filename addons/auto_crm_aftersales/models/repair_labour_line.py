from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class RepairLabourLine(models.Model):
    """A labour operation of a service order: what was done, by whom, in how many hours.

    It is priced and invoiced through the service order's quotation (Odoo's repair sale order): once the
    quotation exists, each operation is a line of it (the labour product, the hours, the rate; nothing on
    a warranty order), kept in step with the operation, so that pricelists, taxes and the invoice are
    Odoo's own.
    """

    _name = "auto.repair.labour"
    _description = "Service Order Labour"
    _order = "repair_id, sequence, id"

    repair_id = fields.Many2one("repair.order", string="Service Order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Operation", required=True)
    product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        domain=[("type", "=", "service"), ("sale_ok", "=", True)],
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The service product the operation is sold as on the quotation (its taxes and income account).",
    )
    technician_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    hours = fields.Float(default=1.0, required=True)
    hourly_rate = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_hourly_rate",
        store=True,
        readonly=False,
        precompute=True,
        help="By default the labour product's sales price.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Quotation Line", readonly=True, copy=False, index="btree_not_null"
    )
    currency_id = fields.Many2one(related="repair_id.company_id.currency_id", string="Currency")
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)

    @api.depends("repair_id.company_id")
    def _compute_product_id(self):
        for line in self.filtered(lambda line: not line.product_id):
            line.product_id = line.repair_id.company_id.auto_labour_product_id

    @api.depends("product_id")
    def _compute_hourly_rate(self):
        for line in self:
            if line.product_id:
                line.hourly_rate = line.product_id.lst_price

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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._create_repair_sale_order_line()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"name", "hours", "hourly_rate", "product_id"} & set(vals):
            self._update_repair_sale_order_line()
        return result

    def unlink(self):
        # the quotation keeps its line, at nothing (as Odoo does with the parts taken off a repair)
        self.sale_line_id.sudo().filtered(lambda sol: sol.order_id.state != "cancel").write({"product_uom_qty": 0.0})
        return super().unlink()

    def _sale_line_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "product_uom_qty": self.hours,
            "product_uom": self.product_id.uom_id.id,
            # a warranty order is paid by the maker (the warranty claim), not by the customer
            "price_unit": 0.0 if self.repair_id.under_warranty else self.hourly_rate,
        }

    def _create_repair_sale_order_line(self):
        """Put the operations of service orders that have a quotation on it (one batch create)."""
        lines = self.filtered(lambda line: line.repair_id.sale_order_id and not line.sale_line_id)
        missing = lines.filtered(lambda line: not line.product_id)
        if missing:
            raise ValidationError(
                _(
                    "Give the operation %(name)s a labour product (a service) to put it on the quotation; "
                    "the default one is set in the after-sales settings.",
                    name=missing[0].name,
                )
            )
        if not lines:
            return
        # sudo: the quotation line follows the operation, which the technician or advisor may record
        sale_lines = (
            self.env["sale.order.line"]
            .sudo()
            .create(
                [
                    {
                        "order_id": line.repair_id.sale_order_id.id,
                        "product_id": line.product_id.id,
                        "sequence": 1000 + line.sequence,
                        **line._sale_line_values(),
                    }
                    for line in lines
                ]
            )
        )
        for line, sale_line in zip(lines, sale_lines, strict=True):
            line.sale_line_id = sale_line

    def _update_repair_sale_order_line(self):
        for line in self.filtered("sale_line_id"):
            sale_line = line.sale_line_id.sudo()
            if sale_line.order_id.state == "cancel":
                continue
            if sale_line.order_id.locked:
                raise ValidationError(
                    _(
                        "The quotation %(order)s of this service order is locked: unlock it to change the "
                        "operation %(name)s.",
                        order=sale_line.order_id.name,
                        name=line.name,
                    )
                )
            values = line._sale_line_values()
            if line.product_id != sale_line.product_id:
                values["product_id"] = line.product_id.id
            sale_line.write(values)
        self._create_repair_sale_order_line()
