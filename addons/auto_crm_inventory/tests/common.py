from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.auto_crm_customer.tests.common import AutoCrmCustomerCase


class AutoCrmInventoryCase(AutoCrmCustomerCase):
    """Stock roles, locations by area and a vehicle trim with its product, shared by the tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env, login="inv_clerk", name="Clerk Zhou", groups="auto_crm_inventory.group_stock_clerk"
        )
        cls.inventory_manager = new_test_user(
            cls.env, login="inv_mgr", name="Inventory Manager Sun", groups="auto_crm_inventory.group_inventory_manager"
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.stock_location.auto_area = "warehouse"
        Location = cls.env["stock.location"]
        cls.showroom = Location.create(
            {
                "name": "Showroom",
                "location_id": cls.stock_location.id,
                "usage": "internal",
                "auto_area": "showroom",
            }
        )
        cls.yard = Location.create(
            {
                "name": "Yard",
                "location_id": cls.stock_location.id,
                "usage": "internal",
                "auto_area": "yard",
            }
        )
        cls.supplier_location = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        category = cls.env.ref("auto_crm_inventory.product_category_vehicle")
        if category.property_cost_method != "fifo":  # demo vehicles in stock forbid rewriting it
            category.property_cost_method = "fifo"
        cls.product = cls.model.product_id
        cls.model2 = cls.env["auto.vehicle.model"].create(
            {
                "name": "EV 420km",
                "series_id": cls.series.id,
                "model_year": 2025,
            }
        )
        cls.product2 = cls.model2.product_id

    @classmethod
    def _receive(cls, vins, product=None, location=None, price=100000.0):
        """Receive the VINs from the manufacturer into ``location``; return the picking."""
        product = product or cls.product
        location = location or cls.showroom
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.in_type_id.id,
                "location_id": cls.supplier_location.id,
                "location_dest_id": location.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.display_name,
                            "product_id": product.id,
                            "product_uom_qty": len(vins),
                            "product_uom": product.uom_id.id,
                            "price_unit": price,
                            "location_id": cls.supplier_location.id,
                            "location_dest_id": location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        move.move_line_ids = [
            Command.create(
                {
                    "product_id": product.id,
                    "lot_name": vin,
                    "quantity": 1,
                    "product_uom_id": product.uom_id.id,
                    "location_id": cls.supplier_location.id,
                    "location_dest_id": location.id,
                    "picking_id": picking.id,
                }
            )
            for vin in vins
        ]
        move.picked = True
        picking._action_done()
        return picking

    @classmethod
    def _stock_quickly(cls, vins, product=None, location=None, in_date=None):
        """Put vehicles in stock without pickings (lots + quants), for the volume tests."""
        product = product or cls.product
        location = location or cls.showroom
        lots = cls.env["stock.lot"].create(
            [{"name": vin, "product_id": product.id, "company_id": cls.company.id} for vin in vins]
        )
        Quant = cls.env["stock.quant"]
        for lot in lots:
            Quant._update_available_quantity(product, location, 1, lot_id=lot, in_date=in_date or fields.Datetime.now())
        return cls.env["auto.vehicle"].browse(lots.auto_vehicle_id.ids)

    @classmethod
    def _deliver(cls, vehicle, validate=True):
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": cls.stock_location.id,
                "location_dest_id": cls.customer_location.id,
                "partner_id": cls.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": vehicle.product_id.display_name,
                            "product_id": vehicle.product_id.id,
                            "product_uom_qty": 1,
                            "product_uom": vehicle.product_id.uom_id.id,
                            "location_id": cls.stock_location.id,
                            "location_dest_id": cls.customer_location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()  # reserve this very VIN, not the first one Odoo finds
        picking.move_ids.move_line_ids = [
            Command.create(
                {
                    "product_id": vehicle.product_id.id,
                    "lot_id": vehicle.lot_id.id,
                    "quantity": 1,
                    "product_uom_id": vehicle.product_id.uom_id.id,
                    "location_id": vehicle.stock_location_id.id,
                    "location_dest_id": cls.customer_location.id,
                    "picking_id": picking.id,
                }
            )
        ]
        if validate:
            picking.move_ids.picked = True
            picking._action_done()
        return picking

    def _on_hand(self, product=None, location=None):
        quants = self.env["stock.quant"]._gather(product or self.product, location or self.stock_location)
        return sum(quants.mapped("quantity"))
