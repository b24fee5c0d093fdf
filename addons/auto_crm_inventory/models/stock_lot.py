from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.auto_crm_customer.models.res_partner import STAFF_GROUP


class StockLot(models.Model):
    _inherit = "stock.lot"

    # groups: the vehicle registry is the dealership's; Odoo's own warehouse users (no dealership role) keep
    # reading serial numbers without it
    auto_vehicle_ids = fields.One2many(
        "auto.vehicle", "lot_id", string="Vehicle Records", readonly=True, groups=STAFF_GROUP
    )
    auto_vehicle_id = fields.Many2one(
        "auto.vehicle", compute="_compute_vehicle_id", search="_search_vehicle_id", groups=STAFF_GROUP, string="Vehicle"
    )
    auto_is_vehicle = fields.Boolean("Is a Vehicle", compute="_compute_auto_is_vehicle")

    @api.depends("auto_vehicle_ids")
    def _compute_vehicle_id(self):
        for lot in self:
            lot.auto_vehicle_id = lot.auto_vehicle_ids[:1]

    @api.depends("product_id.auto_product_kind")
    def _compute_auto_is_vehicle(self):
        for lot in self:
            lot.auto_is_vehicle = lot.product_id.auto_product_kind == "vehicle"

    def _search_vehicle_id(self, operator, value):
        return [("auto_vehicle_ids", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        products = self.env["product.product"].browse(
            {vals.get("product_id") or self.env.context.get("default_product_id") for vals in vals_list} - {None, False}
        )
        vehicle_product_ids = set(products.filtered(lambda p: p.auto_product_kind == "vehicle").ids)
        for vals in vals_list:
            product_id = vals.get("product_id") or self.env.context.get("default_product_id")
            if product_id in vehicle_product_ids:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = company._auto_validate_vin(vals.get("name"))
        lots = super().create(vals_list)
        vehicle_lots = lots.filtered(lambda lot: lot.product_id.id in vehicle_product_ids)
        if vehicle_lots:
            vehicle_lots._auto_link_vehicles()
        return lots

    def write(self, vals):
        if "name" in vals:
            vehicle_lots = self.filtered(lambda lot: lot.product_id.auto_product_kind == "vehicle")
            if vehicle_lots:
                company = vehicle_lots.company_id[:1] or self.env.company
                vals["name"] = company._auto_validate_vin(vals["name"])
                result = super().write(vals)
                vehicle_lots.auto_vehicle_ids.with_context(auto_lot_sync=True).write({"vin": vals["name"]})
                return result
        return super().write(vals)

    def _auto_link_vehicles(self):
        """Link each vehicle serial number to the registry's vehicle with that VIN, creating the missing ones."""
        Vehicle = self.env["auto.vehicle"]
        company_ids = {(lot.company_id or self.env.company).id for lot in self}
        # sudo: the VIN may already be registered on a vehicle the user cannot read (another consultant's customer)
        existing = (
            Vehicle.sudo()
            .with_context(active_test=False)
            .search([("vin", "in", self.mapped("name")), ("company_id", "in", list(company_ids))])
        )
        by_vin = {(vehicle.vin, vehicle.company_id.id): vehicle for vehicle in existing}
        models_by_product = {
            model.product_id.id: model
            for model in self.env["auto.vehicle.model"]
            .with_context(active_test=False)
            .search([("product_id", "in", self.product_id.ids)])
        }
        to_create = []
        for lot in self:
            company = lot.company_id or self.env.company
            vehicle = by_vin.get((lot.name, company.id))
            model = models_by_product.get(lot.product_id.id)
            if vehicle:
                if vehicle.lot_id and vehicle.lot_id != lot:
                    raise ValidationError(
                        _(
                            "The VIN %(vin)s already has the serial number of %(product)s: "
                            "a vehicle cannot be stocked under two products.",
                            vin=lot.name,
                            product=vehicle.lot_id.product_id.display_name,
                        )
                    )
                values = {"lot_id": lot.id}
                if model and not vehicle.model_id:
                    values["model_id"] = model.id
                vehicle.write(values)
            else:
                to_create.append(
                    {
                        "vin": lot.name,
                        "model_id": model.id if model else False,
                        "company_id": company.id,
                        "lot_id": lot.id,
                        "state": "in_transit",
                    }
                )
        if to_create:
            # sudo: a stock clerk receiving a vehicle registers it even without the right to edit vehicles
            Vehicle.sudo().create(to_create)
        self.auto_vehicle_ids._auto_recompute_stock_fields()
