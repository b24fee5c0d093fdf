import threading
import uuid

import odoo
from odoo import Command
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.auto_crm_customer.tools.vin import vin_check_digit


def _vin(serial):
    draft = f"LGXCZ9ZZ0P0{serial:06d}"
    return draft[:8] + vin_check_digit(draft) + draft[9:]


@tagged("post_install", "-at_install")
class TestVinConcurrency(BaseCase):
    """Two sessions confirm two orders for the same VIN at the same moment: exactly one wins.

    Real cursors on the test database (committed data, cleaned up afterwards), as Odoo's own concurrency tests do.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.ids = {}
        cls.addClassCleanup(cls._cleanup)
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            brand = env["auto.vehicle.brand"].create({"name": f"Concurrency Brand {tag}"})
            series = env["auto.vehicle.series"].create({"name": "Concurrency Series", "brand_id": brand.id})
            model = env["auto.vehicle.model"].create(
                {"name": "Concurrency Trim", "series_id": series.id, "model_year": 2023, "list_price": 100000.0}
            )
            product = model.product_id
            lot = env["stock.lot"].create(
                {"name": _vin(int(tag, 16) % 999999), "product_id": product.id, "company_id": env.company.id}
            )
            warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 1, lot_id=lot)
            partner = env["res.partner"].create({"name": "Concurrency Customer"})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "auto_lot_id": lot.id,
                                    "price_unit": 100000.0,
                                    "tax_id": False,
                                }
                            )
                        ],
                    }
                    for _i in range(2)
                ]
            )
            orders.write({"auto_contract_state": "approved"})
            cls.ids = {
                "brand": brand.id,
                "series": series.id,
                "model": model.id,
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "lot": lot.id,
                "partner": partner.id,
                "orders": orders.ids,
                "vehicle": lot.auto_vehicle_ids.id,
            }

    @classmethod
    def _cleanup(cls):
        ids = cls.ids
        if not ids:
            return
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            orders = env["sale.order"].browse(ids["orders"])
            pickings = orders.picking_ids
            orders.filtered(lambda o: o.state == "sale")._action_cancel()
            cr.execute("DELETE FROM stock_move_line WHERE picking_id = ANY(%s)", [pickings.ids])
            cr.execute("DELETE FROM stock_move WHERE picking_id = ANY(%s)", [pickings.ids])
            cr.execute("DELETE FROM stock_picking WHERE id = ANY(%s)", [pickings.ids])
            cr.execute(
                """
                DELETE FROM auto_followup
                 WHERE (res_model = 'sale.order' AND res_id = ANY(%s))
                    OR (res_model = 'auto.payment.plan.line'
                        AND res_id IN (SELECT id FROM auto_payment_plan_line WHERE order_id = ANY(%s)))
                """,
                [ids["orders"], ids["orders"]],
            )
            cr.execute("DELETE FROM sale_order WHERE id = ANY(%s)", [ids["orders"]])
            cr.execute("DELETE FROM stock_quant WHERE lot_id = %s", [ids["lot"]])
            cr.execute("DELETE FROM auto_vehicle WHERE id = %s", [ids["vehicle"]])
            cr.execute("DELETE FROM stock_lot WHERE id = %s", [ids["lot"]])
            cr.execute("DELETE FROM auto_vehicle_model WHERE id = %s", [ids["model"]])
            cr.execute("DELETE FROM product_product WHERE id = %s", [ids["product"]])
            cr.execute("DELETE FROM product_template WHERE id = %s", [ids["template"]])
            cr.execute("DELETE FROM auto_vehicle_series WHERE id = %s", [ids["series"]])
            cr.execute("DELETE FROM auto_vehicle_brand WHERE id = %s", [ids["brand"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["partner"]])

    @mute_logger("odoo.sql_db")
    def test_two_sessions_confirm_the_same_vin(self):
        barrier = threading.Barrier(2, timeout=10)
        results = {}

        def confirm(order_id):
            with self.registry.cursor() as cr:
                # give the cursor its transaction: Registry(db) would wait for the registry lock the test runner holds
                cr.transaction = odoo.api.Transaction(self.registry)
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
                order = env["sale.order"].browse(order_id)
                order.order_line.mapped("auto_lot_id")  # both sessions have read the VIN as available
                barrier.wait()
                try:
                    order.action_confirm()
                    # two real sessions: each commits, the class cleanup removes the data
                    cr.commit()  # pylint: disable=invalid-commit
                    results[order_id] = "confirmed"
                except UserError:
                    cr.rollback()
                    results[order_id] = "refused"
                except Exception as error:  # noqa: BLE001 - reported by the assertion below
                    cr.rollback()
                    results[order_id] = repr(error)

        threads = [threading.Thread(target=confirm, args=(order_id,)) for order_id in self.ids["orders"]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sorted(results.values()), ["confirmed", "refused"], "exactly one order wins the VIN")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM sale_order_line WHERE auto_lot_id = %s AND auto_lot_reserved", [self.ids["lot"]]
            )
            self.assertEqual(cr.fetchone()[0], 1)
