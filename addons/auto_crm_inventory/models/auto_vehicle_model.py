from odoo import api, fields, models


class AutoVehicleModel(models.Model):
    _inherit = "auto.vehicle.model"

    product_id = fields.Many2one(
        "product.product",
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        domain=[("tracking", "=", "serial")],
        help="The product this trim is sold and stocked as, one serial number (VIN) per vehicle. "
        "Created automatically with the trim.",
    )
    stock_vehicle_count = fields.Integer("In Stock", compute="_compute_stock_vehicle_count")

    _sql_constraints = [
        ("product_uniq", "unique(product_id)", "A product can stand for one vehicle model only."),
    ]

    def _compute_stock_vehicle_count(self):
        counts = dict(
            self.env["auto.vehicle"]._read_group(
                [("model_id", "in", self.ids), ("state", "in", ("in_stock", "reserved", "demo"))],
                ["model_id"],
                ["__count"],
            )
        )
        for model in self:
            model.stock_vehicle_count = counts.get(model, 0)

    @api.model_create_multi
    def create(self, vals_list):
        models_ = super().create(vals_list)
        models_._auto_ensure_product()
        return models_

    def write(self, vals):
        result = super().write(vals)
        if {"name", "series_id", "model_year", "list_price"} & set(vals):
            with_product = self.filtered("product_id")
            for model in with_product:
                model.product_id.product_tmpl_id.write(model._auto_product_values(update=True))
        return result

    def action_view_stock(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_inventory.auto_vehicle_action_stock")
        action["domain"] = [("model_id", "=", self.id)]
        return action

    @api.model
    def _auto_ensure_products_all(self):
        """Give every trim its product (at install and upgrade: the catalog may predate this addon)."""
        self.with_context(active_test=False).search([("product_id", "=", False)])._auto_ensure_product()

    def _auto_product_values(self, update=False):
        self.ensure_one()
        values = {
            "name": self.display_name,
            "list_price": self.list_price,
        }
        if not update:
            values.update(
                {
                    "type": "consu",
                    "is_storable": True,
                    "tracking": "serial",
                    "lot_valuated": True,
                    "auto_product_kind": "vehicle",
                    "categ_id": self.env.ref("auto_crm_inventory.product_category_vehicle").id,
                    "sale_ok": True,
                    "purchase_ok": True,
                }
            )
        return values

    def _auto_ensure_product(self):
        """Create the missing products in one batch and link them."""
        missing = self.filtered(lambda model: not model.product_id)
        if not missing:
            return
        # sudo: the product is part of the catalog entry; whoever may edit the catalog may create it
        templates = self.env["product.template"].sudo().create([model._auto_product_values() for model in missing])
        for model, template in zip(missing, templates, strict=True):
            model.product_id = template.product_variant_id
