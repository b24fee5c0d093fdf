from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.auto_crm_aftersales.models.auto_service_ticket import OPEN_STATES
from odoo.addons.auto_crm_inventory.models.auto_vehicle import STOCK_STATES
from odoo.addons.auto_crm_sales.models.sale_order import DELIVERED_STATES, SIGNED_STATES

from ..tools import cockpit as periods

GENERAL_MANAGER = "auto_crm_customer.group_dealership_manager"
TZ = "Asia/Shanghai"


def local(column):
    """The local (Shanghai) day of a UTC timestamp column, in SQL."""
    return f"({column} AT TIME ZONE 'UTC' AT TIME ZONE '{TZ}')::date"


# Each figure written again, independently of the model, as plain SQL over the tables:
# (table, condition, day expression or None for a figure of the stock as it is now, measure)
FLOWS = {
    "leads": ("crm_lead", "TRUE", local("create_date"), "count(*)"),
    "test_drives": ("auto_test_drive", "state = 'done'", local("date_start"), "count(*)"),
    "orders": (
        "sale_order",
        f"auto_is_vehicle_sale AND auto_contract_state IN {SIGNED_STATES}",
        "auto_date_signed",
        "count(*)",
    ),
    "deliveries": (
        "sale_order",
        f"auto_is_vehicle_sale AND auto_contract_state IN {DELIVERED_STATES}",
        local("effective_date"),
        "count(*)",
    ),
    "gross_profit": (
        "sale_order",
        f"auto_is_vehicle_sale AND auto_contract_state IN {DELIVERED_STATES}",
        local("effective_date"),
        "coalesce(sum(auto_gross_profit), 0)",
    ),
    "service_orders": ("repair_order", "state = 'done'", local("auto_date_done"), "count(*)"),
    "csi": ("auto_service_survey", "csi > 0", "date", "round(avg(csi)::numeric, 1)"),
    "nps": ("auto_service_survey", "nps_category IS NOT NULL", "date", "round(avg(nps_value)::numeric, 1)"),
}


@tagged("post_install", "-at_install")
class TestCockpit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=TZ, tracking_disable=True))
        cls.company = cls.env.company
        cls.gm = new_test_user(cls.env, login="ck_gm", groups=GENERAL_MANAGER, tz=TZ)
        cls.consultant = new_test_user(cls.env, login="ck_c", groups="auto_crm_customer.group_sales_consultant")
        cls.today = fields.Date.context_today(cls.env["res.users"].with_context(tz=TZ))
        cls.spans = periods.cockpit_spans(cls.today)
        partner = cls.env["res.partner"].create({"name": "驾驶舱 客户"})
        # leads this month, last month and last year (the create date set as the import of old leads would)
        leads = cls.env["crm.lead"].create([{"name": f"Cockpit lead {i}", "partner_id": partner.id} for i in range(5)])
        for lead, day in zip(
            leads[2:],
            (cls.spans["previous"][0], cls.spans["last_year"][0], cls.today - timedelta(days=400)),
            strict=True,
        ):
            cls.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s", [day, lead.id])
        leads[1].action_set_lost()
        scores = {
            f"score_{name}": "4"
            for name in ("service_quality", "service_initiation", "advisor", "facility", "vehicle_pickup")
        }
        cls.env["auto.service.survey"].create(
            [
                {"partner_id": partner.id, "date": cls.today, "nps_score": 9, **scores},
                {"partner_id": partner.id, "date": cls.today, "nps_score": 3, **scores},
                {"partner_id": partner.id, "date": cls.spans["previous"][0], "nps_score": 10, **scores},
            ]
        )
        cls.env["auto.service.ticket"].create(
            [
                {"subject": "Cockpit complaint", "partner_id": partner.id, "ticket_type": "complaint"},
                {
                    "subject": "Cockpit question",
                    "partner_id": partner.id,
                    "ticket_type": "complaint",
                    "state": "closed",
                },
            ]
        )
        # this month's target of leads (replacing the demo's)
        Target = cls.env["auto.hr.cockpit.target"]
        Target.search([("figure", "=", "leads"), ("month", "=", cls.today.replace(day=1))]).unlink()
        Target.create({"figure": "leads", "month": cls.today.replace(day=15), "target": 40})
        cls.env.flush_all()
        cls.Cockpit = cls.env["auto.hr.cockpit"].with_user(cls.gm)

    def _sql(self, query, params=()):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]

    def _expected_flow(self, code, span):
        table, condition, day, measure = FLOWS[code]
        value = self._sql(
            f"SELECT {measure} FROM {table} WHERE company_id = %s AND {condition} AND {day} >= %s AND {day} < %s",
            [self.company.id, *span],
        )
        return float(value) if value is not None else None

    def _expected_snapshots(self):
        today, company = self.today, self.company.id
        return {
            "receivables_overdue": float(
                self._sql(
                    "SELECT coalesce(sum(amount_residual_company), 0) FROM auto_payment_plan_line "
                    "WHERE company_id = %s AND due_date < %s AND state != 'paid' "
                    f"AND contract_state IN {SIGNED_STATES}",
                    [company, today],
                )
            ),
            "aged_stock": self._sql(
                f"SELECT count(*) FROM auto_vehicle WHERE company_id = %s AND state IN {STOCK_STATES} "
                f"AND stock_in_date < (%s::timestamp AT TIME ZONE '{TZ}') AT TIME ZONE 'UTC'",
                [company, today - timedelta(days=90)],
            ),
            "parts_stock_value": float(
                self._sql(
                    "SELECT coalesce(sum(svl.value), 0) FROM stock_valuation_layer svl "
                    "JOIN product_product pp ON pp.id = svl.product_id "
                    "JOIN product_template pt ON pt.id = pp.product_tmpl_id "
                    "WHERE svl.company_id = %s AND pt.auto_product_kind = 'part'",
                    [company],
                )
            ),
            "open_complaints": self._sql(
                "SELECT count(*) FROM auto_service_ticket WHERE company_id = %s AND ticket_type = 'complaint' "
                f"AND state IN {OPEN_STATES}",
                [company],
            ),
        }

    def test_every_figure_equals_a_direct_query(self):
        data = self.Cockpit.get_cockpit_data()
        figures = {figure["code"]: figure for figure in data["figures"]}
        self.assertEqual(set(figures), set(self.env["auto.hr.cockpit"]._cockpit_catalogue()))
        for code in FLOWS:
            figure = figures[code]
            comparisons = {c["key"]: c["value"] for c in figure["comparisons"]}
            with self.subTest(figure=code):
                self.assertAlmostEqual(figure["value"] or 0, self._expected_flow(code, self.spans["month"]) or 0, 1)
                self.assertAlmostEqual(figure["today"] or 0, self._expected_flow(code, self.spans["today"]) or 0, 1)
                for key in ("previous", "last_year"):
                    self.assertAlmostEqual(comparisons[key] or 0, self._expected_flow(code, self.spans[key]) or 0, 1)
        for code, expected in self._expected_snapshots().items():
            with self.subTest(figure=code):
                self.assertAlmostEqual(figures[code]["value"], expected, 2)
        # what this test made is in the figures: five leads, one lost, spread over the periods
        self.assertGreaterEqual(figures["leads"]["value"], 2)
        self.assertGreaterEqual(figures["open_complaints"]["value"], 1)
        target = next(c for c in figures["leads"]["comparisons"] if c["key"] == "target")
        self.assertEqual(target["value"], 40)
        self.assertEqual(target["percent"], periods.achievement(figures["leads"]["value"], 40))

    def test_drill_down_opens_the_records_counted(self):
        data = {figure["code"]: figure for figure in self.Cockpit.get_cockpit_data()["figures"]}
        for code in ("leads", "test_drives", "orders", "deliveries", "service_orders", "aged_stock", "open_complaints"):
            with self.subTest(figure=code):
                action = self.Cockpit.action_open_figure(code)
                records = (
                    self.env[action["res_model"]]
                    .with_user(self.gm)
                    .with_context(action["context"], active_test=False)
                    .search(action["domain"])
                )
                self.assertEqual(len(records), data[code]["value"])
        action = self.Cockpit.action_open_figure("receivables_overdue")
        lines = self.env[action["res_model"]].with_user(self.gm).search(action["domain"])
        self.assertAlmostEqual(sum(lines.mapped("amount_residual_company")), data["receivables_overdue"]["value"], 2)

    def test_one_grouped_query_per_figure(self):
        self.Cockpit.get_cockpit_data()
        self.env.invalidate_all()
        figures = len(self.env["auto.hr.cockpit"]._cockpit_catalogue())
        with self.assertQueryCount(figures + 3):
            self.Cockpit.get_cockpit_data()

    def test_consultant_cannot_read_the_cockpit(self):
        with self.assertRaises(AccessError):
            self.env["auto.hr.cockpit"].with_user(self.consultant).get_cockpit_data()
        with self.assertRaises(AccessError):
            self.env["auto.hr.cockpit"].with_user(self.consultant).action_open_figure("gross_profit")
        with self.assertRaises(AccessError):
            self.env["auto.hr.cockpit.target"].with_user(self.consultant).search([])

    def test_general_manager_lands_on_the_cockpit(self):
        role = self.env.ref(GENERAL_MANAGER)
        self.assertEqual(role.auto_home_action_id.id, self.env.ref("auto_crm_hr.auto_hr_cockpit_action").id)


@tagged("post_install", "-at_install")
class TestCockpitWebClient(HttpCase):
    def test_cockpit_opens_with_its_cards(self):
        new_test_user(
            self.env,
            login="ck_gm_web",
            groups=GENERAL_MANAGER,
            # the dealership works in Chinese when the language is loaded (the demo's users do)
            lang="zh_CN" if self.env["res.lang"].search_count([("code", "=", "zh_CN")]) else "en_US",
        )
        code = """
            (async () => {
                for (let i = 0; i < 100 && !document.querySelector('.o_auto_cockpit_card'); i++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                const cards = document.querySelectorAll('.o_auto_cockpit_card').length;
                if (cards >= 12) {
                    console.log('test successful');
                } else {
                    console.error('the cockpit shows ' + cards + ' cards');
                }
            })();
        """
        self.browser_js("/odoo/cockpit", code, login="ck_gm_web")
