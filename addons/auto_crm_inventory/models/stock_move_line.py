from odoo import _, api, models
from odoo.exceptions import ValidationError

SOLD_STATES = ("sold", "delivered", "customer")


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.constrains("lot_name", "product_id")
    def _check_auto_vehicle_lot_name(self):
        for line in self:
            if line.lot_name and line.product_id.auto_product_kind == "vehicle":
                line.company_id._auto_validate_vin(line.lot_name)

    def _action_done(self):
        self._auto_check_vehicle_receipts()
        return super()._action_done()

    def _auto_check_vehicle_receipts(self):
        """Refuse a bad VIN, a VIN received twice, a VIN in stock or sold, before any quantity moves."""
        receipts = self.filtered(
            lambda line: (
                line.product_id.auto_product_kind == "vehicle"
                and line.quantity > 0
                and line.location_dest_id.usage == "internal"
                and line.location_id.usage != "internal"
            )
        )
        if not receipts:
            return
        vins = {}
        for line in receipts:
            if line.lot_id:
                vin = line.lot_id.name
            else:
                vin = line.company_id._auto_validate_vin(line.lot_name)
                if vin != line.lot_name:
                    line.lot_name = vin
            key = (vin, line.company_id.id)
            if key in vins:
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is received twice in %(reference)s: each vehicle has its own VIN, "
                        "correct the second one.",
                        vin=vin,
                        reference=line.reference or line.picking_id.name or "",
                    )
                )
            vins[key] = line
        # sudo: the vehicle may be another consultant's customer's; only the facts needed to refuse are shown
        vehicles = (
            self.env["auto.vehicle"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("vin", "in", [vin for vin, _company in vins]),
                    ("company_id", "in", list({company for _vin, company in vins})),
                ]
            )
        )
        in_stock = (
            dict(
                self.env["stock.quant"]
                .sudo()
                ._read_group(
                    [
                        ("lot_id", "in", vehicles.lot_id.ids),
                        ("quantity", ">", 0),
                        ("location_id.usage", "=", "internal"),
                    ],
                    ["lot_id"],
                    ["location_id:array_agg"],
                )
            )
            if vehicles.lot_id
            else {}
        )
        for vehicle in vehicles:
            line = vins.get((vehicle.vin, vehicle.company_id.id))
            if not line:
                continue
            if vehicle.lot_id in in_stock:
                location = self.env["stock.location"].browse(in_stock[vehicle.lot_id][:1])
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is already in stock at %(location)s: the same vehicle cannot be received "
                        "twice. Check the VIN on the delivery note.",
                        vin=vehicle.vin,
                        location=location.display_name,
                    )
                )
            is_return = bool(line.move_id.origin_returned_move_id)
            if not is_return and (vehicle.state in SOLD_STATES or vehicle.partner_id):
                raise ValidationError(
                    _(
                        "The VIN %(vin)s belongs to a vehicle already sold to %(owner)s: it cannot be received as new "
                        "stock. If the customer brings it back, receive it as a return of its delivery.",
                        vin=vehicle.vin,
                        owner=vehicle.partner_id.display_name or _("a customer"),
                    )
                )
            if (
                line.lot_id
                and vehicle.lot_id
                and line.lot_id != vehicle.lot_id
                or (vehicle.lot_id and vehicle.lot_id.product_id != line.product_id)
            ):
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is registered as %(model)s, not as %(product)s: check the VIN or the product "
                        "on the receipt.",
                        vin=vehicle.vin,
                        model=vehicle.lot_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
