from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CONSULTANT, AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestScorecard(AutoCrmHrCase):
    """Scorecards: weights, targets and directions, adjustment, freeze, ranking, access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a simple definition set for consultants: 3 leads against 4 (higher), 3 hours against 2 (lower)
        consultant = cls.env.ref(CONSULTANT)
        cls.env["auto.hr.kpi"].search([]).active = False
        Kpi = cls.env["auto.hr.kpi"]
        cls.kpi_leads = Kpi.create(
            {
                "name": "Leads",
                "code": "leads_handled",
                "role_id": consultant.id,
                "weight": 75,
                "target": 4,
                "direction": "higher",
                "unit": "count",
            }
        )
        cls.kpi_response = Kpi.create(
            {
                "name": "Response",
                "code": "first_response_hours",
                "role_id": consultant.id,
                "weight": 25,
                "target": 2,
                "direction": "lower",
                "unit": "hours",
            }
        )
        leads = cls.env["crm.lead"].create(
            [{"name": f"Card lead {i}", "type": "opportunity", "user_id": cls.c1.id} for i in range(3)]
        )
        for lead in leads:
            lead.auto_date_first_response = lead.create_date + timedelta(hours=3)
        cls.env["crm.lead"].create({"name": "Card lead c2", "type": "opportunity", "user_id": cls.c2.id})

    def _card(self, user):
        return self.env["auto.hr.scorecard"].search([("period_id", "=", self.period.id), ("user_id", "=", user.id)])

    def test_weights_targets_directions_and_rank(self):
        self.period.action_compute_scorecards()
        card = self._card(self.c1)
        leads = card.line_ids.filtered(lambda line: line.code == "leads_handled")
        response = card.line_ids.filtered(lambda line: line.code == "first_response_hours")
        self.assertEqual((leads.value, leads.target, leads.score), (3.0, 4.0, 75.0))
        self.assertEqual((response.value, response.target, response.score), (3.0, 2.0, 66.67))
        # (75 x 75% + 25 x 66.67%) / 100
        self.assertAlmostEqual(card.computed_score, 72.92, places=2)
        self.assertEqual(card.total_score, card.computed_score)
        other = self._card(self.c2)
        # consultant two: 1 lead of 4 (25) and no response measured (0): 18.75
        self.assertAlmostEqual(other.computed_score, 18.75, places=2)
        self.assertEqual((card.rank_in_team, other.rank_in_team), (1, 2))
        self.assertEqual(card.department_id, self.sales_team)
        # no scorecard for roles without KPIs (the team leader) and for users without an employee
        self.assertFalse(self._card(self.leader))

    def test_recompute_follows_the_work_until_closed_then_frozen(self):
        self.period.action_compute_scorecards()
        card = self._card(self.c1)
        self.env["crm.lead"].create({"name": "Card lead 4", "type": "opportunity", "user_id": self.c1.id})
        self.period.action_compute_scorecards()
        self.assertEqual(card.line_ids.filtered(lambda line: line.code == "leads_handled").value, 4.0)
        self.period.with_user(self.hr_user).action_close()
        self.assertEqual(self.period.state, "closed")
        self.env["crm.lead"].create({"name": "Card lead 5", "type": "opportunity", "user_id": self.c1.id})
        with self.assertRaises(UserError):
            self.period.action_compute_scorecards()
        with self.assertRaises(UserError):
            card.with_user(self.hr_user).write({"adjustment": 5, "adjustment_reason": "late"})
        with self.assertRaises(UserError):
            card.line_ids[:1].with_user(self.hr_user).write({"value": 99})
        with self.assertRaises(UserError):
            self.period.with_user(self.hr_user).write({"date_from": self.month_start.replace(month=1)})
        self.assertEqual(card.line_ids.filtered(lambda line: line.code == "leads_handled").value, 4.0)
        # the employee still acknowledges the frozen result
        card.with_user(self.c1).action_acknowledge()
        self.assertTrue(card.acknowledged)

    def test_adjustment_requires_a_reason_and_a_manager_and_is_tracked(self):
        self.period.action_compute_scorecards()
        card = self._card(self.c1).with_context(tracking_disable=False)
        with self.assertRaises(ValidationError):
            card.with_user(self.leader).write({"adjustment": 5})
        with self.assertRaises(AccessError):
            card.with_user(self.c1).write({"adjustment": 5, "adjustment_reason": "I worked hard"})
        card.with_user(self.leader).write({"adjustment": 5, "adjustment_reason": "Covered the weekend show"})
        self.env.cr.precommit.run()  # the tracking of the chatter
        self.assertAlmostEqual(card.total_score, card.computed_score + 5)
        tracked = card.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("adjustment", tracked)
        self.assertIn("adjustment_reason", tracked)
        # the adjustment survives a recomputation, and the rank uses the adjusted total
        self.period.action_compute_scorecards()
        self.assertEqual(card.adjustment, 5)

    def test_self_review_and_acknowledgement_by_the_employee_only(self):
        self.period.action_compute_scorecards()
        card = self._card(self.c1)
        card.with_user(self.c1).write({"self_review": "Good month"})
        with self.assertRaises(AccessError):
            card.with_user(self.leader).write({"self_review": "Not yours"})
        with self.assertRaises(AccessError):
            card.with_user(self.leader).action_acknowledge()
        card.with_user(self.c1).action_acknowledge()
        self.assertTrue(card.acknowledged and card.date_acknowledged)

    def test_who_sees_which_scorecard(self):
        self.period.action_compute_scorecards()
        Card = self.env["auto.hr.scorecard"]
        mine = self._card(self.c1)
        theirs = self._card(self.c2)
        self.assertEqual(Card.with_user(self.c1).search([("period_id", "=", self.period.id)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.c1).check_access("read")
        # the team leader sees the team; HR and the general manager see everyone
        self.assertEqual(Card.with_user(self.leader).search([("period_id", "=", self.period.id)]), mine | theirs)
        for user in (self.hr_user, self.gm):
            domain = [("period_id", "=", self.period.id), ("user_id", "in", (self.c1 | self.c2).ids)]
            self.assertEqual(Card.with_user(user).search(domain), mine | theirs)
        Line = self.env["auto.hr.scorecard.line"]
        self.assertEqual(Line.with_user(self.c1).search([("period_id", "=", self.period.id)]), mine.line_ids)
        # only HR computes and closes
        with self.assertRaises(UserError):
            self.period.with_user(self.leader).action_compute_scorecards()
        with self.assertRaises(AccessError):
            self.env["auto.hr.kpi"].with_user(self.leader).create(
                {"name": "x", "code": "test_drives", "role_id": self.env.ref(CONSULTANT).id, "target": 1}
            )

    def test_bad_definitions_and_periods_are_refused(self):
        with self.assertRaises(ValidationError):
            self.kpi_leads.target = -1
        with self.assertRaises(ValidationError):
            self.kpi_response.write({"unit": "percent", "target": 120})
        with self.assertRaises(ValidationError):
            self.Period.create({"period_type": "quarter", "date_from": self.month_start.replace(month=2)})

    def test_archiving_an_employee_with_customers_opens_the_reassignment(self):
        employee = self.c1.employee_ids
        self.customer.user_id = self.c1
        action = employee.with_user(self.hr_user).action_archive()
        self.assertEqual(action["res_model"], "auto.customer.reassign.wizard")
        self.assertTrue(employee.active, "not archived while customers are left")
        wizard = (
            self.env["auto.customer.reassign.wizard"]
            .with_user(self.hr_user)
            .with_context(**action["context"])
            .create({"user_to_id": self.c2.id})
        )
        self.assertTrue(wizard.customer_count)
        wizard.action_reassign()
        self.assertEqual(self.customer.user_id, self.c2)
        employee.with_user(self.hr_user).with_context(no_wizard=True).action_archive()
        self.assertFalse(employee.active)


@tagged("post_install", "-at_install")
class TestScorecardPerformance(AutoCrmHrCase):
    def _staff_with_work(self, count, prefix):
        consultant = self.env.ref(CONSULTANT)
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {"name": f"{prefix} {i}", "login": f"{prefix}_{i}", "auto_role_id": consultant.id}
                    for i in range(count)
                ]
            )
        )
        self.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id, "department_id": self.sales_team.id} for user in users]
        )
        self.env["crm.lead"].create([{"name": "Perf", "type": "opportunity", "user_id": user.id} for user in users])
        return users

    def _compute_fresh(self):
        """Compute the period from scratch (every scorecard created anew) after a cold cache."""
        self.env["auto.hr.scorecard"].search([("period_id", "=", self.period.id)]).unlink()
        self.period.date_computed = False  # the computation always writes its date
        self.env.flush_all()
        self.env.invalidate_all()

    def test_scorecard_computation_queries_do_not_grow_with_employees(self):
        self.period.action_compute_scorecards()  # warms the caches of the registry and the definitions
        self._staff_with_work(10, "perf_a")
        self._compute_fresh()
        start = self.cr.sql_log_count
        self.period.action_compute_scorecards()
        self.env.flush_all()
        queries_for_10 = self.cr.sql_log_count - start
        self._staff_with_work(90, "perf_b")
        self._compute_fresh()
        with self.assertQueryCount(queries_for_10):
            self.period.action_compute_scorecards()
            self.env.flush_all()
        cards = self.env["auto.hr.scorecard"].search(
            [("period_id", "=", self.period.id), ("user_id.login", "=like", "perf\\_%")]
        )
        self.assertEqual(len(cards), 100)
        leads = cards.line_ids.filtered(lambda line: line.code == "leads_handled")
        self.assertEqual(set(leads.mapped("value")), {1.0})
