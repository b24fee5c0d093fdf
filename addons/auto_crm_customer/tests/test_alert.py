from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestAlert(AutoCrmCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["auto.followup"].search([("state", "in", ("planned", "open"))])._cancel()
        cls.plan = cls.env["auto.followup.plan"].create(
            {
                "name": "Call plan",
                "step_ids": [(0, 0, {"name": "Call", "offset_days": 0})],
            }
        )
        cls.rule = cls.env["auto.alert.rule"].create(
            {
                "name": "Overdue follow-ups",
                "indicator": "followup_overdue",
                "threshold": 3,
                "severity": "high",
                "user_ids": [(6, 0, cls.manager.ids)],
            }
        )

    def _followups(self, partners, day="2026-03-02"):
        with freeze_time(day):
            followups = self.env["auto.followup"]._schedule(
                self.plan,
                [
                    {"partner_id": p.id, "user_id": p.user_id.id, "trigger_date": date.fromisoformat(day)}
                    for p in partners
                ],
            )
            followups._open_now_if_due()
        return followups

    def test_fires_once_then_resolves_itself(self):
        followups = self._followups(self.customer + self.customer2)
        with freeze_time("2026-03-05"):
            created, _resolved = self.rule._evaluate()
            self.assertFalse(created, "3 days late is not over the threshold")
        with freeze_time("2026-03-06"):
            created, _resolved = self.rule._evaluate()
            self.assertEqual(len(created), 2)
            self.assertEqual(set(created.mapped("res_id")), set(followups.ids))
            self.assertEqual(created[0].value, 4.0)
            self.assertEqual(created.activity_ids.user_id, self.manager, "pushed to the recipient")
            self.assertIn(self.manager.partner_id, self.rule.message_ids[0].partner_ids, "and a message")
            again, _resolved = self.rule._evaluate()
            self.assertFalse(again, "no duplicate on a second run")
            self.assertEqual(self.rule.open_alert_count, 2)
        with freeze_time("2026-03-07"):
            followups[0]._close("reached", "Called at last")
            created, resolved = self.rule._evaluate()
            self.assertFalse(created)
            self.assertEqual(resolved.res_id, followups[0].id)
            self.assertTrue(resolved.auto_resolved)
            self.assertEqual(resolved.state, "resolved")
            self.assertFalse(resolved.activity_ids)
            other = self.env["auto.alert"].search([("rule_id", "=", self.rule.id), ("state", "!=", "resolved")])
            self.assertEqual(other.value, 5.0, "the open alert's value is kept current")

    def test_handling_states(self):
        self._followups(self.customer)
        with freeze_time("2026-03-10"):
            alert = self.rule._evaluate()[0]
            alert.with_user(self.manager).action_acknowledge()
            self.assertEqual(alert.state, "acknowledged")
            self.assertEqual(alert.acknowledged_by_id, self.manager)
            with self.assertRaises(UserError):
                alert._resolve("")
            wizard = (
                self.env["auto.alert.resolve.wizard"]
                .with_user(self.manager)
                .create(
                    {
                        "alert_ids": [(6, 0, alert.ids)],
                        "note": "Consultant on leave, call made by the manager",
                    }
                )
            )
            wizard.action_resolve()
            self.assertEqual(alert.state, "resolved")
            self.assertFalse(alert.auto_resolved)
            self.assertEqual(alert.resolution_note, "Consultant on leave, call made by the manager")
            # a resolved alert does not block a new one for the same subject later
            created, _resolved = self.rule._evaluate()
            self.assertEqual(len(created), 1)

    def test_digest_only_rule(self):
        self._followups(self.customer + self.customer2)
        self.rule.activity_per_alert = False
        with freeze_time("2026-03-10"):
            created = self.rule._evaluate()[0]
        self.assertEqual(len(created), 2)
        self.assertFalse(created.activity_ids, "no activity per alert")
        digest = self.rule.message_ids[0]
        self.assertIn("2 new alert(s)", digest.body)
        self.assertIn(self.manager.partner_id, digest.partner_ids)

    def test_negative_threshold_refused(self):
        with self.assertRaises(ValidationError):
            self.rule.threshold = -1

    def test_recipients_see_their_alerts_only(self):
        self._followups(self.customer)
        with freeze_time("2026-03-10"):
            alert = self.rule._evaluate()[0]
        self.assertFalse(self.env["auto.alert"].with_user(self.consultant).search([("id", "=", alert.id)]))
        self.rule.group_ids = self.env.ref("auto_crm_customer.group_sales_consultant")
        self.assertTrue(self.env["auto.alert"].with_user(self.consultant).search([("id", "=", alert.id)]))

    def test_evaluation_query_count_does_not_grow(self):
        def prepare(count, prefix):
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"{prefix}{i}",
                        "auto_customer_type": "individual",
                        "mobile": f"1660{prefix}{i:06d}",
                        "user_id": self.consultant.id,
                    }
                    for i in range(count)
                ]
            )
            followups = self._followups(partners)
            self.env.flush_all()
            self.env.invalidate_all()
            return followups

        first = prepare(10, 1)
        with freeze_time("2026-03-10"):
            before = self.cr.sql_log_count
            self.assertEqual(len(self.rule._evaluate()[0]), 10)
            self.env.flush_all()
            small_run = self.cr.sql_log_count - before
            first._cancel()
            self.rule._evaluate()  # resolves the first ten
            prepare(100, 2)
        with freeze_time("2026-03-10"), self.assertQueryCount(small_run):
            self.assertEqual(len(self.rule._evaluate()[0]), 100)
            self.env.flush_all()
