from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sale_order import SIGNED_STATES

LINE_KINDS = [("vehicle", "Vehicle"), ("accessory", "Accessory / Option"), ("fee", "Fee"), ("trade_in", "Trade-in")]
CONTRACT_FIELDS = ("product_id", "product_uom_qty", "price_unit", "discount", "auto_lot_id")
PRICE_FIELDS = {"product_id", "product_uom_qty", "price_unit", "discount"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    auto_line_kind = fields.Selection(LINE_KINDS, string="Kind", compute="_compute_auto_line_kind", store=True)
    # the consultant picks the VIN among the vehicles in stock: sales consultants read serial numbers
    # (security/ir.model.access.csv), which Odoo gives its warehouse users only
    auto_lot_id = fields.Many2one(
        "stock.lot",
        string="VIN",
        copy=False,
        index="btree_not_null",
        domain="[('product_id', '=', product_id), ('auto_available_for_sale', '=', True)]",
        help="The vehicle sold: one of the vehicles of this model in stock, not reserved by another order.",
    )
    auto_vehicle_id = fields.Many2one(
        "auto.vehicle", string="Vehicle", compute="_compute_auto_vehicle_id", store=True, index="btree_not_null"
    )
    auto_model_id = fields.Many2one(
        "auto.vehicle.model", string="Vehicle Model", compute="_compute_auto_vehicle_id", store=True
    )
    auto_lot_reserved = fields.Boolean(
        "VIN Reserved",
        copy=False,
        readonly=True,
        help="Set while the order is confirmed: a database index allows one reserving line per VIN.",
    )
    auto_list_price = fields.Float(
        "List Price",
        compute="_compute_auto_discount_amount",
        store=True,
        digits="Product Price",
        help="The product's sales price in the order's currency, at the rate of the order date.",
    )
    auto_discount_amount = fields.Monetary(
        "Discount off List Price", compute="_compute_auto_discount_amount", store=True, currency_field="currency_id"
    )
    auto_company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    auto_cost = fields.Monetary(
        "Cost",
        copy=False,
        readonly=True,
        currency_field="auto_company_currency_id",
        help="Stock cost of the vehicle sold (its valuation), or product cost of accessories, in the company's "
        "currency; fixed at signing.",
    )

    def init(self):
        # two orders can never hold the same VIN, whatever runs at the same moment
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS sale_order_line_auto_lot_reserved_uniq
            ON sale_order_line (auto_lot_id) WHERE auto_lot_reserved
            """
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("product_id.auto_product_kind", "display_type", "is_downpayment")
    def _compute_auto_line_kind(self):
        for line in self:
            kind = line.product_id.auto_product_kind
            if line.display_type or line.is_downpayment or not line.product_id:
                line.auto_line_kind = False
            elif kind in ("vehicle", "fee", "trade_in"):
                line.auto_line_kind = kind
            else:
                line.auto_line_kind = "accessory"

    @api.depends("auto_lot_id", "product_id")
    def _compute_auto_vehicle_id(self):
        models_by_product = {}
        products = self.filtered(lambda line: line.product_id.auto_product_kind == "vehicle").product_id
        if products:
            models_by_product = {
                model.product_id.id: model
                for model in self.env["auto.vehicle.model"]
                .with_context(active_test=False)
                .search([("product_id", "in", products.ids)])
            }
        for line in self:
            line.auto_vehicle_id = line.auto_lot_id.auto_vehicle_ids[:1]
            line.auto_model_id = line.auto_vehicle_id.model_id or models_by_product.get(line.product_id.id)

    @api.depends("product_id", "product_uom_qty", "price_unit", "discount", "auto_line_kind", "order_id.currency_rate")
    def _compute_auto_discount_amount(self):
        for line in self:
            if line.auto_line_kind in ("vehicle", "accessory"):
                list_price = line._auto_list_price_in_order_currency()
                net_price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
                line.auto_list_price = list_price
                line.auto_discount_amount = max((list_price - net_price) * line.product_uom_qty, 0.0)
            else:
                line.auto_list_price = 0.0
                line.auto_discount_amount = 0.0

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("auto_lot_id", "product_id")
    def _check_auto_lot(self):
        for line in self:
            if line.auto_lot_id and line.auto_lot_id.product_id != line.product_id:
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is a %(lot_product)s, not a %(product)s: choose a VIN of the model sold.",
                        vin=line.auto_lot_id.name,
                        lot_product=line.auto_lot_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
            if line.auto_line_kind == "vehicle" and line.product_uom_qty not in (0, 1):
                raise ValidationError(_("A vehicle line sells one vehicle (one VIN): add one line per vehicle."))

    @api.onchange("product_id")
    def _onchange_product_id_auto_lot(self):
        if self.auto_lot_id and self.auto_lot_id.product_id != self.product_id:
            self.auto_lot_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if (
            PRICE_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group("sales_team.group_sale_salesman")
            and self.order_id.filtered("auto_is_vehicle_sale")
        ):
            # invoicing users may write order lines (Odoo's rights) but a contract's prices are the sales
            # team's; other orders keep Odoo's rules (repair and stock flows update their lines' quantities)
            raise AccessError(_("Only the sales team changes the products, quantities and prices of an order."))
        if set(CONTRACT_FIELDS) & set(vals):
            signed = self.filtered(lambda line: line.order_id.auto_contract_state in SIGNED_STATES)
            if signed:
                raise UserError(
                    _(
                        "The contract %(order)s is signed: change it through an amendment, which keeps the signed "
                        "version and is approved again.",
                        order=signed[0].order_id.name,
                    )
                )
        if "auto_lot_id" in vals:
            reserved = self.filtered("auto_lot_reserved")
            if reserved:
                raise UserError(
                    _(
                        "The VIN %(vin)s is reserved by the confirmed order %(order)s: cancel the order to free it "
                        "before choosing another vehicle.",
                        vin=reserved[0].auto_lot_id.name,
                        order=reserved[0].order_id.name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_list_price_in_order_currency(self):
        """The product's sales price converted into the order's currency at the rate of the order date, as a
        pricelist in another currency converts it (the price the discount is measured from)."""
        self.ensure_one()
        order = self.order_id
        company = self.company_id or order.company_id or self.env.company
        list_price = self.product_id.lst_price
        product_currency = self.product_id.currency_id
        if product_currency and product_currency != company.currency_id:
            # a product priced in another currency than the company's (rare): Odoo's own conversion
            date = (order.date_order or fields.Datetime.now()).date()
            list_price = product_currency._convert(list_price, company.currency_id, company, date, round=False)
        # the order's rate at its date: order-currency units per company-currency unit
        return list_price * (order.currency_rate or 1.0)

    @api.model
    def _auto_available_lots(self, products, limit=None):
        """The VINs a quotation may pick for these vehicle products (the VIN picker), in one query."""
        return self.env["stock.lot"].search_fetch(
            [("product_id", "in", products.ids), ("auto_available_for_sale", "=", True)],
            ["name", "product_id"],
            order="name",
            limit=limit,
        )

    def _auto_compute_costs(self):
        """Fix the cost of each line: the vehicle's stock valuation, or the product cost of the rest."""
        vehicle_lines = self.filtered(lambda line: line.auto_line_kind == "vehicle" and line.auto_lot_id)
        values = {}
        if vehicle_lines:
            # sudo: the cost is read from the stock valuation, which sales users do not see
            groups = (
                self.env["stock.valuation.layer"]
                .sudo()
                ._read_group(
                    [("lot_id", "in", vehicle_lines.auto_lot_id.ids), ("quantity", ">", 0)], ["lot_id"], ["value:sum"]
                )
            )
            values = {lot.id: value for lot, value in groups}
        for line in self:
            if line.auto_line_kind == "vehicle" and line.auto_lot_id:
                cost = values.get(line.auto_lot_id.id) or line.product_id.sudo().standard_price
            elif line.auto_line_kind == "accessory":
                cost = line.product_id.sudo().standard_price * line.product_uom_qty
            else:
                cost = 0.0
            line.auto_cost = cost
