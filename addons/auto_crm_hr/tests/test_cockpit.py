from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.auto_crm_aftersales.models.auto_service_ticket import OPEN_STATES
from odoo.addons.auto_crm_inventory.models.auto_vehicle import STOCK_STATES
from odoo.addons.auto_crm_sales.models.sale_order import DELIVERED_STATES, SIGNED_STATES
from odoo.addons.auto_crm_sales.tests.common import AutoCrmSalesCase
from odoo.addons.auto_crm_sales.tools import finance

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
    "delivery_satisfaction": ("auto_delivery_survey", "score > 0", "date", "round(avg(score)::numeric, 1)"),
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

    def test_lower_is_better_figure_reads_against_its_target(self):
        """Open complaints above their target read "over the target by x %" in red, not "x % reached"; at or under
        it, in green; a figure where higher is better still reads as the share of its target reached."""

        def target_of(code):
            figure = next(f for f in self.Cockpit.get_cockpit_data()["figures"] if f["code"] == code)
            return figure["value"], next(c for c in figure["comparisons"] if c["key"] == "target")

        Target = self.env["auto.hr.cockpit.target"]
        Target.search([("figure", "=", "open_complaints"), ("month", "=", self.today.replace(day=1))]).unlink()
        target = Target.create({"figure": "open_complaints", "month": self.today, "target": 1})
        current, comparison = target_of("open_complaints")
        self.assertGreaterEqual(current, 1)
        target.target = current / 4
        current, comparison = target_of("open_complaints")
        self.assertEqual(
            {key: comparison[key] for key in ("lower_is_better", "status", "status_percent", "colour")},
            {"lower_is_better": True, "status": "over", "status_percent": 300.0, "colour": "bad"},
        )
        self.assertEqual(comparison["percent"], 400.0, "the share of the target stays in the data")
        target.target = current
        self.assertEqual(target_of("open_complaints")[1]["status"], "met")
        self.assertEqual(target_of("open_complaints")[1]["colour"], "good")
        target.target = current * 2
        comparison = target_of("open_complaints")[1]
        self.assertEqual(
            (comparison["status"], comparison["status_percent"], comparison["colour"]), ("under", 50.0, "good")
        )
        leads, comparison = target_of("leads")
        self.assertFalse(comparison["lower_is_better"])
        self.assertEqual(comparison["status"], "reached")
        self.assertEqual(comparison["status_percent"], periods.achievement(leads, 40))

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
        Cockpit = self.env["auto.hr.cockpit"]
        figures = len(Cockpit._cockpit_catalogue())
        # and one query for the history of each figure of the stock as it is now
        histories = sum(1 for code in Cockpit._cockpit_catalogue() if hasattr(Cockpit, f"_cockpit_{code}_history"))
        self.assertEqual(histories, 4)
        with self.assertQueryCount(figures + histories + 3):
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


@tagged("post_install", "-at_install")
class TestCockpitHistory(AutoCrmSalesCase):
    """The figures of the stock as it is now, at the end of last month and of the same month last year, from
    the history Odoo keeps: each against a hand-written query (or, for the receivables, the contract's own
    allocation of its payments), on a known data set of vehicles, parts, complaints and instalments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=TZ, tracking_disable=True))
        cls.today = fields.Date.context_today(cls.env["res.users"].with_context(tz=TZ))
        cls.days = periods.snapshot_days(cls.today)
        previous, last_year = cls.days["previous"], cls.days["last_year"]
        cls.Cockpit = cls.env["auto.hr.cockpit"]

        def at(day):
            return f"{day} 10:00:00"

        # vehicles received 200, 400 and 500 days before the end of last month; the last one left 10 days before it
        cls.stocked = cls.env["auto.vehicle"]
        for offset, vin_index in ((200, 801), (400, 802), (500, 803)):
            picking = cls._receive([cls._vin("LGXCE4CB", vin_index)])
            cls.env.cr.execute(
                "UPDATE stock_move_line SET date = %s WHERE picking_id = %s",
                [at(previous - timedelta(days=offset)), picking.id],
            )
            cls.stocked |= picking.move_line_ids.lot_id.auto_vehicle_id
        out = cls._deliver(cls.stocked[2])
        cls.env.cr.execute(
            "UPDATE stock_move_line SET date = %s WHERE picking_id = %s", [at(previous - timedelta(days=10)), out.id]
        )
        # parts: 10 received a week before the end of last month, 5 this month
        cls.part = cls.env["product.product"].create(
            {"name": "Brake Pads", "is_storable": True, "standard_price": 120.0, "auto_product_kind": "part"}
        )
        Quant = cls.env["stock.quant"].with_context(inventory_mode=True)
        for quantity, day in ((10, previous - timedelta(days=7)), (15, cls.today)):
            quant = Quant.create(
                {"product_id": cls.part.id, "location_id": cls.stock_location.id, "inventory_quantity": quantity}
            )
            quant.action_apply_inventory()
            layers = cls.env["stock.valuation.layer"].search([("product_id", "=", cls.part.id)])
            cls.env.cr.execute(
                "UPDATE stock_valuation_layer SET create_date = %s WHERE id IN %s AND create_date > %s",
                [at(day), tuple(layers.ids), at(day)],
            )
        # complaints: open since before the end of last month; resolved before it; open a year and resolved
        # lately; cancelled
        Ticket = cls.env["auto.service.ticket"]
        values = {"subject": "History complaint", "partner_id": cls.customer.id, "ticket_type": "complaint"}
        cls.tickets = Ticket.create([values] * 4)
        cls.tickets[0].date_open = at(previous - timedelta(days=10))
        cls.tickets[1].write(
            {
                "date_open": at(previous - timedelta(days=10)),
                "date_resolved": at(previous - timedelta(days=5)),
                "state": "resolved",
            }
        )
        cls.tickets[2].write(
            {
                "date_open": at(last_year - timedelta(days=30)),
                "date_resolved": at(previous + timedelta(days=0)),
                "state": "resolved",
            }
        )
        cls.tickets[3].write({"date_open": at(previous - timedelta(days=10)), "state": "cancelled"})
        # a contract signed 50 days before the end of last month: 50,000 due 40 days before it, 100,000 due 20
        # days before it; 60,000 paid 30 days before it, the rest this month
        cls.order = cls._order(cls.lot1, price=150000.0)
        cls.order.auto_payment_plan_line_ids = [
            Command.create({"kind": "deposit", "amount": 50000.0, "due_date": previous - timedelta(days=40)}),
            Command.create({"kind": "balance", "amount": 100000.0, "due_date": previous - timedelta(days=20)}),
        ]
        cls.order.action_auto_submit_contract()
        if cls.order.auto_contract_state == "to_approve":
            cls.order.with_user(cls.general_manager).action_auto_approve_contract()
        cls.order.action_auto_sign_contract()
        cls.order.auto_date_signed = previous - timedelta(days=50)
        invoice = cls.order._create_invoices()
        invoice.invoice_date = previous - timedelta(days=45)
        invoice.action_post()
        cls._pay(invoice, 60000.0, date=previous - timedelta(days=30))
        cls._pay(invoice, 90000.0, date=cls.today)
        cls.env.flush_all()

    def _sql(self, query, params):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0] or 0

    def _aged_stock(self, day, vehicles=None):
        moment = f"(('{day}'::date)::timestamp AT TIME ZONE '{TZ}') AT TIME ZONE 'UTC'"
        only = "AND v.id IN %(ids)s" if vehicles else ""
        query = f"""
            SELECT count(*) FROM auto_vehicle v
             WHERE v.company_id = %(company)s {only}
               AND (SELECT coalesce(sum(CASE WHEN d.usage = 'internal' THEN l.quantity ELSE -l.quantity END), 0)
                      FROM stock_move_line l
                      JOIN stock_location s ON s.id = l.location_id
                      JOIN stock_location d ON d.id = l.location_dest_id
                     WHERE l.lot_id = v.lot_id AND l.state = 'done' AND l.date < {moment}
                       AND (s.usage = 'internal') <> (d.usage = 'internal')) > 0
               AND (SELECT max(l.date) FROM stock_move_line l
                      JOIN stock_location s ON s.id = l.location_id
                      JOIN stock_location d ON d.id = l.location_dest_id
                     WHERE l.lot_id = v.lot_id AND l.state = 'done' AND l.date < {moment}
                       AND d.usage = 'internal' AND s.usage <> 'internal') < {moment} - interval '90 days'
        """
        return self._sql(query, {"company": self.company.id, "ids": tuple(vehicles.ids) if vehicles else (0,)})

    def _parts_value(self, day, product=None):
        moment = f"(('{day}'::date)::timestamp AT TIME ZONE '{TZ}') AT TIME ZONE 'UTC'"
        only = "AND svl.product_id = %(product)s" if product else ""
        return float(
            self._sql(
                f"""SELECT sum(svl.value) FROM stock_valuation_layer svl
                      JOIN product_product pp ON pp.id = svl.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE svl.company_id = %(company)s AND pt.auto_product_kind = 'part'
                       AND svl.create_date < {moment} {only}""",
                {"company": self.company.id, "product": product and product.id},
            )
        )

    def _open_complaints(self, day, tickets=None):
        moment = f"(('{day}'::date)::timestamp AT TIME ZONE '{TZ}') AT TIME ZONE 'UTC'"
        only = "AND id IN %(ids)s" if tickets else ""
        return self._sql(
            f"""SELECT count(*) FROM auto_service_ticket
                 WHERE company_id = %(company)s AND ticket_type = 'complaint' AND state <> 'cancelled'
                   AND date_open < {moment} AND coalesce(date_resolved, 'infinity') >= {moment}
                   AND coalesce(date_closed, 'infinity') >= {moment} {only}""",
            {"company": self.company.id, "ids": tuple(tickets.ids) if tickets else (0,)},
        )

    def _receivables_overdue(self, day, orders=None):
        """The contract's own rule, at ``day``: its payments received by then spread over its instalments."""
        domain = [("company_id", "=", self.company.id), ("auto_contract_state", "in", SIGNED_STATES)]
        orders = orders or self.env["sale.order"].search(domain + [("auto_payment_plan_line_ids", "!=", False)])
        total = 0.0
        for order in orders.filtered(lambda o: o.auto_date_signed and o.auto_date_signed < day):
            paid = 0.0
            for move in order.order_line.invoice_lines.move_id.filtered(lambda m: m.state == "posted"):
                if move.move_type == "out_invoice":
                    receivable = move.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
                    partials = receivable.matched_credit_ids.filtered(lambda p: p.max_date < day)
                    paid += sum(partials.mapped("debit_amount_currency"))
                elif move.move_type == "out_refund" and move.date < day:
                    paid -= move.amount_total
            lines = order.auto_payment_plan_line_ids.sorted(lambda p: (p.sequence, p.due_date, p.id))
            shares = finance.allocate_payments(lines.mapped("amount"), paid)
            for line, share in zip(lines, shares, strict=True):
                if line.due_date < day and line.amount > 0:
                    total += (line.amount - share) * line.amount_company / line.amount
        return total

    def test_history_of_the_stock_figures_equals_hand_written_queries(self):
        previous, last_year = self.days["previous"], self.days["last_year"]
        expected = {
            "aged_stock": {key: self._aged_stock(day) for key, day in self.days.items()},
            "parts_stock_value": {key: self._parts_value(day) for key, day in self.days.items()},
            "open_complaints": {key: self._open_complaints(day) for key, day in self.days.items()},
            "receivables_overdue": {key: self._receivables_overdue(day) for key, day in self.days.items()},
        }
        for code, values in expected.items():
            figure = self.Cockpit._cockpit_compute(code, self.today)
            for key, value in values.items():
                with self.subTest(figure=code, at=key):
                    self.assertAlmostEqual(figure[key], value, 2)
        # what this test made is in them, as written by hand above
        self.assertEqual(self._aged_stock(previous, self.stocked), 2, "received 200 and 400 days before")
        self.assertEqual(self._aged_stock(last_year, self.stocked), 1, "the one that left, 166 days old then")
        self.assertAlmostEqual(self._parts_value(previous, self.part), 1200.0, 2)
        self.assertAlmostEqual(self._parts_value(last_year, self.part), 0.0, 2)
        self.assertEqual(self._open_complaints(previous, self.tickets), 2)
        self.assertEqual(self._open_complaints(last_year, self.tickets), 1)
        self.assertAlmostEqual(self._receivables_overdue(previous, self.order), 90000.0, 2)
        self.assertAlmostEqual(self._receivables_overdue(last_year, self.order), 0.0, 2)
        self.assertEqual(self.order.auto_amount_receivable, 0.0, "paid in full now")

    def test_cards_compare_the_stock_figures_with_the_end_of_past_months(self):
        gm = new_test_user(self.env, login="ck_hist_gm", groups=GENERAL_MANAGER, tz=TZ)
        figures = {f["code"]: f for f in self.Cockpit.with_user(gm).get_cockpit_data(self.today)["figures"]}
        for code in ("receivables_overdue", "aged_stock", "parts_stock_value", "open_complaints"):
            with self.subTest(figure=code):
                self.assertTrue(figures[code]["is_snapshot"])
                self.assertEqual([c["key"] for c in figures[code]["comparisons"]][:2], ["previous", "last_year"])
                self.assertTrue(figures[code]["history_note"])
        self.assertEqual(figures["leads"]["history_note"], "")
