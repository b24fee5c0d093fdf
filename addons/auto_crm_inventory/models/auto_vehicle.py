from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import stock_age

STOCK_STATES = ("in_stock", "reserved", "demo")


class AutoVehicle(models.Model):
    _inherit = "auto.vehicle"

    state = fields.Selection(
        selection_add=[
            ("in_transit", "In Transit"),
            ("in_stock",),
            ("reserved", "Reserved"),
            ("demo", "Demo / Test-Drive Car"),
            ("sold",),
            ("delivered", "Delivered"),
        ],
        ondelete={
            "in_transit": "set default",
            "reserved": "set default",
            "demo": "set default",
            "delivered": "set default",
        },
        compute="_compute_state",
        store=True,
        readonly=False,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The serial number (the VIN) this vehicle is stocked under. While it has one, the status follows "
        "what happened to the vehicle: announced but not received (in transit), in stock, reserved by a "
        "quotation or order, used as a demo car, sold, delivered.",
    )
    product_id = fields.Many2one(related="lot_id.product_id", string="Product")
    auto_demo = fields.Boolean(
        "Demo / Test-Drive Car",
        tracking=True,
        help="Kept in stock as a demo or test-drive car: not offered for sale while set.",
    )
    auto_sold = fields.Boolean(
        "Sold (Order Confirmed)",
        tracking=True,
        copy=False,
        help="Set when a sales order for this vehicle is confirmed; the vehicle stays in stock until delivered.",
    )
    stock_location_id = fields.Many2one(
        "stock.location",
        compute="_compute_stock_location",
        store=True,
        index=True,
    )
    stock_area = fields.Selection(related="stock_location_id.auto_area", store=True, string="Area")
    stock_in_date = fields.Datetime(
        "Received On",
        compute="_compute_stock_location",
        store=True,
        help="Date the vehicle entered the stock: its stock age counts from here.",
    )
    stock_age_days = fields.Integer("Stock Age (days)", compute="_compute_stock_age")
    stock_age_bucket = fields.Selection(stock_age.AGE_BUCKETS, compute="_compute_stock_age")
    stock_age_bucket_label = fields.Char("Stock Age Range", compute="_compute_stock_age")
    currency_id = fields.Many2one(related="company_id.currency_id")
    carrying_cost = fields.Monetary(
        "Carrying Cost So Far",
        compute="_compute_stock_age",
        currency_field="currency_id",
        groups="auto_crm_inventory.group_inventory_manager,auto_crm_customer.group_dealership_manager",
    )
    stock_value = fields.Monetary(
        compute="_compute_stock_value",
        currency_field="currency_id",
        groups="auto_crm_inventory.group_inventory_manager,auto_crm_customer.group_dealership_manager",
        help="Value of the vehicle in the stock valuation (its purchase cost).",
    )
    stock_move_line_ids = fields.One2many(
        "stock.move.line",
        compute="_compute_stock_move_line_ids",
        string="Stock History",
    )

    @api.depends(
        "lot_id.quant_ids.quantity",
        "lot_id.quant_ids.reserved_quantity",
        "lot_id.quant_ids.location_id",
        "auto_demo",
        "auto_sold",
    )
    def _compute_state(self):
        quants_by_lot = self._auto_positive_quants()
        for vehicle in self:
            if not vehicle.lot_id:
                vehicle.state = vehicle.state or "in_stock"
                continue
            vehicle.state = vehicle._auto_stock_state(quants_by_lot.get(vehicle.lot_id.id, []))

    @api.depends("lot_id.quant_ids.quantity", "lot_id.quant_ids.location_id", "lot_id.quant_ids.in_date")
    def _compute_stock_location(self):
        quants_by_lot = self._auto_positive_quants()
        for vehicle in self:
            internal = [
                quant for quant in quants_by_lot.get(vehicle.lot_id.id, []) if quant.location_id.usage == "internal"
            ]
            vehicle.stock_location_id = internal[0].location_id if internal else False
            vehicle.stock_in_date = internal[0].in_date if internal else False

    @api.depends("stock_in_date", "state")
    @api.depends_context("tz")
    def _compute_stock_age(self):
        today = fields.Date.context_today(self)
        limits_by_company = {}
        for vehicle in self:
            company = vehicle.company_id
            if company.id not in limits_by_company:
                limits_by_company[company.id] = company._auto_stock_age_limits()
            limits = limits_by_company[company.id]
            if vehicle.stock_in_date and vehicle.state in STOCK_STATES:
                in_day = vehicle.stock_in_date.date()
                days = max((today - in_day).days, 0)
                vehicle.stock_age_days = days
                vehicle.stock_age_bucket = stock_age.age_bucket(days, limits)
                vehicle.stock_age_bucket_label = stock_age.bucket_label(vehicle.stock_age_bucket, limits)
                vehicle.carrying_cost = days * company.auto_stock_carrying_cost
            else:
                vehicle.stock_age_days = 0
                vehicle.stock_age_bucket = False
                vehicle.stock_age_bucket_label = False
                vehicle.carrying_cost = 0.0

    def _compute_stock_value(self):
        values = (
            dict(
                self.env["stock.valuation.layer"]
                .sudo()
                ._read_group(
                    [("lot_id", "in", self.lot_id.ids)],
                    ["lot_id"],
                    ["value:sum"],
                )
            )
            if self.lot_id
            else {}
        )
        for vehicle in self:
            vehicle.stock_value = values.get(vehicle.lot_id, 0.0) if vehicle.state in STOCK_STATES + ("sold",) else 0.0

    def _compute_stock_move_line_ids(self):
        lines = (
            self.env["stock.move.line"].search(
                [("lot_id", "in", self.lot_id.ids), ("state", "=", "done")], order="date desc, id desc"
            )
            if self.lot_id
            else self.env["stock.move.line"]
        )
        by_lot = defaultdict(lambda: self.env["stock.move.line"])
        for line in lines:
            by_lot[line.lot_id.id] |= line
        for vehicle in self:
            vehicle.stock_move_line_ids = by_lot[vehicle.lot_id.id] if vehicle.lot_id else False

    def write(self, vals):
        if "vin" in vals and not self.env.context.get("auto_lot_sync") and self.filtered("lot_id"):
            raise UserError(
                _(
                    "The VIN of a vehicle in the dealer's stock is its serial number: correct it on the serial "
                    "number %(lot)s, not on the vehicle.",
                    lot=self.filtered("lot_id")[:1].lot_id.name,
                )
            )
        return super().write(vals)

    def _hand_over_state(self):
        """A vehicle of the dealer's stock is delivered by its stock moves: its state follows them."""
        return super(AutoVehicle, self.filtered(lambda vehicle: not vehicle.lot_id))._hand_over_state()

    def action_view_stock_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.stock_move_line_action")
        action["domain"] = [("lot_id", "=", self.lot_id.id)]
        action["context"] = {"search_default_done": 1, "create": 0}
        return action

    def _auto_positive_quants(self):
        """Positive quants of the vehicles' serial numbers, by lot id, in one query."""
        lots = self.lot_id
        if not lots:
            return {}
        # sudo: the status is the same whoever reads it; quants of other locations may be hidden to them
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search_fetch(
                [("lot_id", "in", lots.ids), ("quantity", ">", 0)],
                ["lot_id", "location_id", "quantity", "reserved_quantity", "in_date"],
                order="in_date desc, id desc",
            )
        )
        by_lot = defaultdict(list)
        for quant in quants:
            by_lot[quant.lot_id.id].append(quant)
        return by_lot

    def _auto_stock_state(self, quants):
        """Status of a stocked vehicle from its positive quants."""
        self.ensure_one()
        usages = {quant.location_id.usage for quant in quants}
        if "internal" in usages:
            if self.auto_sold:
                return "sold"
            if self.auto_demo:
                return "demo"
            if any(quant.reserved_quantity > 0 for quant in quants if quant.location_id.usage == "internal"):
                return "reserved"
            return "in_stock"
        if "transit" in usages:
            return "in_transit"
        if "customer" in usages:
            return "delivered"
        if any(quant.location_id.scrap_location or quant.location_id.usage == "inventory" for quant in quants):
            # scrapped, or written off by an approved stock count
            return "scrapped"
        # a serial number announced (e.g. shipped by the manufacturer) but not received yet
        return "in_transit"

    def _auto_recompute_stock_fields(self):
        """Recompute the stock status and location of vehicles just linked to their serial number."""
        for field_name in ("state", "stock_location_id", "stock_in_date"):
            self.env.add_to_compute(self._fields[field_name], self)
