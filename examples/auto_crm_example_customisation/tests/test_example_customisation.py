import re
from datetime import date
from pathlib import Path

from freezegun import freeze_time
from lxml import etree

from odoo import Command, fields
from odoo.modules.module import get_module_path
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.auto_crm_sales.tests.common import AutoCrmSalesCase

from ..models.sale_order import CEREMONY_PURPOSE


@tagged("post_install", "-at_install")
class TestExampleCustomisation(AutoCrmSalesCase):
    """Each customisation of the example addon works, through AutoCRM's extension points only
    (docs/extension-guide.md shows these very files)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls.vehicles[1]

    def _arch(self, model, view_type, view=None):
        view_id = self.env.ref(view).id if view else None
        return etree.fromstring(self.env[model].get_view(view_id, view_type)["arch"])

    # ------------------------------------------------------------------ a field on the vehicle
    def test_parking_bay_on_vehicle_form_list_and_search(self):
        form = self._arch("auto.vehicle", "form")
        self.assertTrue(form.xpath("//group[@name='vehicle_usage']/field[@name='parking_bay']"))
        vehicle_list = self._arch("auto.vehicle", "list", "auto_crm_customer.auto_vehicle_view_list")
        self.assertTrue(vehicle_list.xpath("//field[@name='color']/following-sibling::field[1][@name='parking_bay']"))
        stock_list = self._arch("auto.vehicle", "list", "auto_crm_inventory.auto_vehicle_view_list_stock")
        self.assertTrue(
            stock_list.xpath("//field[@name='stock_location_id']/following-sibling::field[1][@name='parking_bay']")
        )
        search = self._arch("auto.vehicle", "search")
        self.assertTrue(search.xpath("//field[@name='parking_bay']"))
        self.assertTrue(search.xpath("//filter[@name='filter_without_parking_bay']"))
        self.assertTrue(search.xpath("//filter[@name='groupby_parking_bay']"))
        # typed in the form by a consultant, found by the search filter
        with Form(self.vehicle.with_user(self.consultant)) as vehicle_form:
            vehicle_form.parking_bay = "A-12"
        self.assertEqual(self.vehicle.parking_bay, "A-12")
        Vehicle = self.env["auto.vehicle"]
        self.assertEqual(Vehicle.search([("parking_bay", "ilike", "A-12")]), self.vehicle)
        self.assertNotIn(self.vehicle, Vehicle.search([("parking_bay", "=", False)]))

    # ------------------------------------------------------------------ a page on the contract
    def test_delivery_ceremony_page_on_contract(self):
        form = self._arch("sale.order", "form")
        page = form.xpath("//page[@name='example_delivery_ceremony']")
        self.assertTrue(page, "the page is on the contract form")
        self.assertEqual(page[0].getprevious().get("name"), "auto_delivery")
        order = self._order()
        with Form(order.with_user(self.consultant)) as order_form:
            order_form.delivery_ceremony = True
            order_form.delivery_ceremony_note = "鲜花和合影"
        self.assertTrue(order.delivery_ceremony)
        self.assertEqual(order.delivery_ceremony_note, "鲜花和合影")

    # ------------------------------------------------------------------ a follow-up purpose, on a hand-off
    @freeze_time("2025-06-02 10:00:00")
    def test_hand_off_schedules_the_plan_of_the_ceremony_purpose(self):
        Followup = self.env["auto.followup"]
        order = self._order()
        order.delivery_ceremony = True
        plain = self._order(lot=self.lot2)
        for contract in order | plain:
            contract._auto_hand_over_vehicles(self.env["sale.order.line"])
        followups = Followup.search([("res_model", "=", "sale.order"), ("res_id", "in", (order | plain).ids)])
        self.assertEqual(followups.res_id, order.id, "only the order with a ceremony gets the follow-up")
        self.assertEqual(
            followups.plan_id,
            self.env.ref("auto_crm_example_customisation.auto_followup_plan_delivery_ceremony_photos"),
        )
        self.assertEqual(followups.date_scheduled, date(2025, 6, 5))
        self.assertEqual(followups.user_id, self.consultant)
        # idempotent: a second hand-off schedules nothing more
        order._auto_hand_over_vehicles(self.env["sale.order.line"])
        self.assertEqual(Followup.search_count([("res_model", "=", "sale.order"), ("res_id", "=", order.id)]), 1)
        # the plan is found by its purpose: the company's own plan takes it over
        own = self.env["auto.followup.plan"].create(
            {
                "name": "Our ceremony call",
                "purpose": CEREMONY_PURPOSE,
                "company_id": self.company.id,
                "step_ids": [Command.create({"name": "Call about the photos", "offset_days": 1, "channel": "call"})],
            }
        )
        other = self._order(lot=self.lot3)
        other.delivery_ceremony = True
        other._auto_hand_over_vehicles(self.env["sale.order.line"])
        created = Followup.search([("res_model", "=", "sale.order"), ("res_id", "=", other.id)])
        self.assertEqual(created.plan_id, own)
        self.assertEqual(created.channel, "call")

    # ------------------------------------------------------------------ an alert indicator
    def test_vehicle_without_bay_alert(self):
        received = self._stock_quickly([self._vin("LGXCE4CB", 790)], in_date=fields.Datetime.to_datetime("2025-05-01"))
        rule = self.env["auto.alert.rule"].create(
            {
                "name": "No bay",
                "indicator": "vehicle_without_bay",
                "threshold": 3,
                "user_ids": [Command.link(self.clerk.id)],
            }
        )
        with freeze_time("2025-05-10 08:00:00"):
            created, _resolved = rule._evaluate()
        self.assertIn(received, self.env["auto.vehicle"].browse(created.mapped("res_id")))
        alert = created.filtered(lambda a: a.res_id == received.id)
        self.assertEqual(alert.value, 9)
        self.assertIn("9 days", alert.message)
        self.assertIn(self.clerk, alert.activity_ids.user_id)
        # a bay is given: the alert resolves itself at the next evaluation
        received.parking_bay = "B-01"
        with freeze_time("2025-05-11 08:00:00"):
            _created, resolved = rule._evaluate()
        self.assertIn(alert, resolved)

    # ------------------------------------------------------------------ a KPI
    def test_delivery_ceremonies_kpi(self):
        Registry = self.env["auto.kpi.registry"]
        self.assertIn("delivery_ceremonies", Registry._kpi_catalogue())
        # the HR addon's KPI definitions offer it
        # (the HR selection's labels are lazy translations read without a language: Odoo warns, harmlessly)
        with mute_logger("odoo.tools.translate"):
            codes = dict(self.env["auto.hr.kpi"]._fields["code"]._description_selection(self.env))
        self.assertIn("delivery_ceremonies", codes)
        with freeze_time("2025-06-10 10:00:00"):
            orders = self._order() | self._order(lot=self.lot2) | self._order(lot=self.lot3, user=self.consultant2)
        orders.write({"delivery_ceremony": True})
        values = Registry._kpi_values(
            "delivery_ceremonies", [self.consultant.id, self.consultant2.id], date(2025, 6, 1), date(2025, 6, 30)
        )
        self.assertEqual(values[self.consultant.id], (2.0, True))
        self.assertEqual(values[self.consultant2.id], (1.0, True))
        model, domain = Registry._kpi_drilldown_domain(
            "delivery_ceremonies", [self.consultant.id], date(2025, 6, 1), date(2025, 6, 30)
        )
        self.assertEqual(self.env[model].search(domain), orders[:2])

    # ------------------------------------------------------------------ a report's layout
    def test_contract_report_has_the_ceremony_clause(self):
        order = self._order()
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html("auto_crm_sales.report_sale_contract", order.ids)[0].decode()
        self.assertNotIn("五、交车仪式", html)
        order.write({"delivery_ceremony": True, "delivery_ceremony_note": "准备鲜花"})
        html = report._render_qweb_html("auto_crm_sales.report_sale_contract", order.ids)[0].decode()
        self.assertIn("五、交车仪式", html)
        self.assertIn("准备鲜花", html)
        self.assertLess(html.index("五、交车仪式"), html.index('name="contract_signatures"'))

    # ------------------------------------------------------------------ the Chinese translation
    def test_zh_cn_translation(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "auto_crm_example_customisation")])._update_translations(
            ["zh_CN"]
        )
        Vehicle = self.env["auto.vehicle"].with_context(lang="zh_CN")
        self.assertEqual(Vehicle._fields["parking_bay"]._description_string(Vehicle.env), "车位号")
        Order = self.env["sale.order"].with_context(lang="zh_CN")
        arch = Order.get_view(self.env.ref("sale.view_order_form").id, "form")["arch"]
        self.assertIn('string="交车仪式"', arch)

    # ------------------------------------------------------------------ the guide shows these very files
    def test_guide_examples_are_this_addon_code(self):
        """Each Python and XML example of docs/extension-guide.md is code of this addon, line for line."""
        addon_dir = Path(get_module_path("auto_crm_example_customisation"))
        guide = addon_dir.parent.parent / "docs" / "extension-guide.md"
        if not guide.is_file():
            self.skipTest("docs/extension-guide.md is not next to this addon (installed elsewhere)")
        code_lines = {
            line.strip()
            for path in addon_dir.rglob("*")
            if path.suffix in (".py", ".xml")
            for line in path.read_text(encoding="utf-8").splitlines()
        }
        blocks = re.findall(r"```(python|xml)\n(.*?)```", guide.read_text(encoding="utf-8"), re.DOTALL)
        self.assertGreaterEqual(len(blocks), 6)
        missing = [
            line.strip()
            for _lang, block in blocks
            for line in block.splitlines()
            if line.strip() and line.strip() != "..." and line.strip() not in code_lines
        ]
        self.assertFalse(missing, "lines of the guide's examples that are not in the example addon")
