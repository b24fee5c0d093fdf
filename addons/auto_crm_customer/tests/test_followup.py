from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestFollowup(AutoCrmCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["auto.followup.plan"].create(
            {
                "name": "New owner care",
                "target": "customer",
                "step_ids": [
                    (0, 0, {"sequence": 1, "name": "Thank-you call", "offset_days": 1, "channel": "call"}),
                    (0, 0, {"sequence": 2, "name": "First week check", "offset_days": 7, "channel": "wechat"}),
                    (
                        0,
                        0,
                        {
                            "sequence": 3,
                            "name": "Manager visit",
                            "offset_days": 30,
                            "channel": "visit",
                            "responsible": "manager",
                        },
                    ),
                ],
            }
        )
        # the care rules shipped with the addon would add follow-ups for demo data: keep them out
        cls.env["auto.followup.rule"].search([]).active = False
        cls.env["auto.followup"].search([("state", "in", ("planned", "open"))])._cancel()

    def _schedule(self, partner=None, trigger="2026-03-02"):
        partner = partner or self.customer
        return self.env["auto.followup"]._schedule(
            self.plan,
            [{"partner_id": partner.id, "user_id": partner.user_id.id, "trigger_date": date.fromisoformat(trigger)}],
        )

    @freeze_time("2026-03-02")
    def test_steps_dated_from_trigger(self):
        followups = self._schedule()
        self.assertEqual(
            [str(d) for d in followups.mapped("date_scheduled")], ["2026-03-03", "2026-03-09", "2026-04-01"]
        )
        self.assertEqual(followups.mapped("user_id"), self.consultant + self.manager)
        self.assertEqual(set(followups.mapped("state")), {"planned"})
        self.assertEqual(str(self.customer.auto_next_followup_date), "2026-03-03")

    def test_due_steps_become_activities_then_overdue_then_escalated(self):
        with freeze_time("2026-03-02"):
            followups = self._schedule()
            self.assertEqual(self.env["auto.followup"]._open_due_followups(), 0, "nothing due yet")
        first = followups[0]
        with freeze_time("2026-03-03"):
            self.env["auto.followup"]._cron_run_followups()
            self.assertEqual(first.state, "open")
            self.assertEqual(first.activity_ids.user_id, self.consultant)
            self.assertEqual(str(first.activity_ids.date_deadline), "2026-03-03")
            self.assertEqual(followups[1].state, "planned")
        with freeze_time("2026-03-04"):
            self.env["auto.followup"]._cron_run_followups()
            self.assertTrue(first.is_overdue)
            self.assertEqual(first.overdue_days, 1)
            self.assertFalse(first.escalated, "escalation comes after 2 days")
        with freeze_time("2026-03-05"):
            self.env["auto.followup"]._cron_run_followups()
            self.assertTrue(first.escalated)
            self.assertEqual(first.escalation_user_id, self.manager)
            self.assertIn(self.manager, first.activity_ids.user_id)
            self.env["auto.followup"]._cron_run_followups()
            self.assertEqual(
                len(first.activity_ids.filtered(lambda a: a.user_id == self.manager)), 1, "escalated once only"
            )

    def test_plan_escalation_settings_win(self):
        self.plan.write({"escalation_days": 5, "escalation_user_id": self.consultant2.id})
        with freeze_time("2026-03-02"):
            followups = self._schedule()
        with freeze_time("2026-03-06"):
            self.env["auto.followup"]._cron_run_followups()
            self.assertFalse(followups[0].escalated)
        with freeze_time("2026-03-08"):
            self.env["auto.followup"]._cron_run_followups()
            self.assertEqual(followups[0].escalation_user_id, self.consultant2)

    @freeze_time("2026-03-03")
    def test_closing_requires_outcome_and_note(self):
        followups = self._schedule(trigger="2026-03-02")
        followups._open_now_if_due()
        first = followups[0]
        with self.assertRaises(UserError):
            first.write({"state": "done"})
        with self.assertRaises(UserError):
            first.activity_ids.with_user(self.consultant).action_feedback(feedback="called")
        self.assertEqual(first.state, "open")
        self.assertTrue(first.activity_ids, "the activity is still there")
        wizard = Form(
            self.env["auto.followup.done.wizard"]
            .with_user(self.consultant)
            .with_context(default_followup_ids=first.ids)
        )
        wizard.outcome = "reached"
        with self.assertRaises(AssertionError):
            wizard.save()  # note is required in the form
        wizard.note = "Customer happy with the car, asked about the first service."
        wizard.save().action_confirm()
        self.assertEqual(first.state, "done")
        self.assertEqual(first.outcome, "reached")
        self.assertFalse(first.activity_ids, "its activity is marked done")
        self.assertEqual(first.completion_rate, 100.0)
        self.assertEqual(first.on_time_rate, 100.0)
        with self.assertRaises(ValidationError):
            followups[1]._close("reached", "  ")

    @freeze_time("2026-03-03")
    def test_reschedule_creates_new_followup(self):
        followups = self._schedule(trigger="2026-03-02")
        followups._open_now_if_due()
        first = followups[0]
        with self.assertRaises(ValidationError):
            first._close("rescheduled", "Customer abroad", False)
        new = first._close("rescheduled", "Customer abroad until next week", date(2026, 3, 10))
        self.assertEqual(first.state, "done")
        self.assertEqual(new.rescheduled_from_id, first)
        self.assertEqual(str(new.date_scheduled), "2026-03-10")
        self.assertEqual(new.state, "planned")
        self.assertEqual(new.partner_id, self.customer)

    def test_completion_rate_per_consultant(self):
        with freeze_time("2026-03-02"):
            followups = self._schedule(trigger="2026-02-01")
            followups._open_now_if_due()
            followups[0]._close("reached", "done")
            followups[1]._close("not_reached", "no answer twice")
        groups = self.env["auto.followup"]._read_group(
            [("id", "in", followups.ids)], ["user_id"], ["completion_rate:avg"]
        )
        rates = {user: rate for user, rate in groups}
        self.assertEqual(rates[self.consultant], 100.0)
        self.assertEqual(rates[self.manager], 0.0)

    def test_care_rules(self):
        with freeze_time("2026-05-20"):
            self.customer.auto_birthday = "1985-05-25"
            vehicle = self.env["auto.vehicle"].create(
                {
                    "vin": self._vin("LFV2A21K", 1),
                    "partner_id": self.customer.id,
                    "user_id": self.consultant.id,
                    "purchase_date": "2024-05-22",
                    "insurance_expiry_date": "2026-06-15",
                }
            )
            plan_birthday = self.env.ref("auto_crm_customer.auto_followup_plan_birthday")
            plan_insurance = self.env.ref("auto_crm_customer.auto_followup_plan_insurance_renewal")
            plan_anniversary = self.env.ref("auto_crm_customer.auto_followup_plan_purchase_anniversary")
            self.env["auto.followup.rule"].with_context(active_test=False).search(
                [("plan_id", "in", (plan_birthday + plan_insurance + plan_anniversary).ids)]
            ).active = True
            created = self.env["auto.followup"]._apply_rules().filtered(lambda f: f.partner_id == self.customer)
            birthday = created.filtered(lambda f: f.plan_id == plan_birthday)
            self.assertEqual(str(birthday.date_scheduled), "2026-05-25")
            self.assertEqual(birthday.user_id, self.consultant)
            anniversary = created.filtered(lambda f: f.plan_id == plan_anniversary)
            self.assertEqual(str(anniversary.date_scheduled), "2026-05-22")
            self.assertEqual(anniversary.vehicle_id, vehicle)
            insurance = created.filtered(lambda f: f.plan_id == plan_insurance).sorted("date_scheduled")
            self.assertEqual(
                [str(d) for d in insurance.mapped("date_scheduled")],
                ["2026-05-20", "2026-06-08"],
                "the 30-day step is already past: due today",
            )
            again = self.env["auto.followup"]._apply_rules()
            self.assertFalse(again.filtered(lambda f: f.partner_id == self.customer), "a second run creates nothing")
        with freeze_time("2026-05-21"):
            again = self.env["auto.followup"]._apply_rules()
            self.assertFalse(again.filtered(lambda f: f.partner_id == self.customer), "nor does the next day's")

    def test_apply_plan_wizard(self):
        with freeze_time("2026-03-02"):
            wizard = (
                self.env["auto.followup.apply.wizard"]
                .with_user(self.consultant)
                .create(
                    {
                        "partner_ids": [(6, 0, self.customer.ids)],
                        "plan_id": self.plan.id,
                        "trigger_date": "2026-03-01",
                    }
                )
            )
            action = wizard.action_apply()
            followups = self.env["auto.followup"].search(action["domain"])
            self.assertEqual(len(followups), 3)
            self.assertEqual(followups[0].state, "open", "the step due today is opened at once")

    def test_generation_query_count_does_not_grow(self):
        """Opening due follow-ups: same number of queries for 10 and 100 customers."""
        Followup = self.env["auto.followup"]

        def prepare(count, prefix):
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"{prefix}{i}",
                        "auto_customer_type": "individual",
                        "mobile": f"1770{prefix}{i:06d}",
                        "user_id": (self.consultant if i % 2 else self.consultant2).id,
                    }
                    for i in range(count)
                ]
            )
            Followup._schedule(
                self.plan,
                [{"partner_id": p.id, "user_id": p.user_id.id, "trigger_date": date(2026, 3, 1)} for p in partners],
            )
            self.env.flush_all()
            self.env.invalidate_all()

        with freeze_time("2026-03-02"):
            prepare(10, 1)
            before = self.cr.sql_log_count
            self.assertEqual(Followup._open_due_followups(), 10)
            self.env.flush_all()
            small_run = self.cr.sql_log_count - before
            prepare(100, 2)
            with self.assertQueryCount(small_run):
                self.assertEqual(Followup._open_due_followups(), 100)
                self.env.flush_all()

    def test_followup_needs_subject(self):
        with self.assertRaises(ValidationError):
            self.env["auto.followup"].create({"name": "Call", "date_scheduled": "2026-03-01"})

    def test_done_followup_cannot_be_deleted(self):
        with freeze_time("2026-03-02"):
            followups = self._schedule(trigger="2026-03-01")
            followups[0]._close("reached", "ok")
        with self.assertRaises(UserError):
            followups[0].unlink()
        followups[1].unlink()
        self.assertFalse(followups[1].exists(), "a follow-up still to do can be deleted")

    def test_followup_in_the_consultant_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        step = self.plan.step_ids[0]
        step.with_context(lang="zh_CN").write({"name": "感谢来电", "script": "感谢客户到店看车。"})
        self.consultant.lang = "zh_CN"
        followups = self._schedule(trigger="2030-01-01")
        mine = followups.filtered(lambda f: f.plan_step_id == step)
        self.assertEqual(mine.name, "感谢来电")
        self.assertEqual(mine.script, "感谢客户到店看车。")
        manager_step = followups.filtered(lambda f: f.user_id == self.manager)
        self.assertEqual(manager_step.name, "Manager visit", "the manager reads English")

    def test_followups_named_before_the_translation_take_it_when_it_loads(self):
        """An addon's demo follow-ups are made before its translations load: they take them when they do."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.consultant.lang = "zh_CN"
        self.manager.lang = "en_US"
        self.plan.step_ids[0].script = "Thank them for the visit."
        with freeze_time("2026-03-02"):
            followups = self._schedule(trigger="2026-03-01")
            followups._open_now_if_due()
        thanks, week, _visit = followups
        self.assertEqual(thanks.activity_ids.summary, "Thank-you call")
        self.assertEqual(thanks.name, "Thank-you call", "no translation yet: the step's English")
        week.name = "Week check, bring the brochure"
        self.env["ir.model.data"].create(
            [
                {"module": "auto_crm_test", "name": f"step_{step.id}", "model": step._name, "res_id": step.id}
                for step in self.plan.step_ids
            ]
        )
        # the addon's zh_CN.po is loaded
        for step, words in zip(self.plan.step_ids, ["感谢来电", "一周回访", "经理拜访"], strict=True):
            step.update_field_translations("name", {"zh_CN": words})
        self.plan.step_ids[0].update_field_translations("script", {"zh_CN": "感谢客户到店看车。"})
        Followup = self.env["auto.followup"]
        self.assertEqual(Followup._localize_step_texts(["auto_crm_other"], ["zh_CN"]), 0, "not this addon's steps")
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.assertEqual(Followup._localize_step_texts(["auto_crm_test"], ["zh_CN"]), 1)
        self.assertEqual(thanks.name, "感谢来电")
        self.assertEqual(thanks.script, "感谢客户到店看车。")
        self.assertEqual(thanks.activity_ids.summary, "感谢来电", "the consultant's activity too")
        self.assertEqual(week.name, "Week check, bring the brochure", "a name written by hand is kept")
        self.assertEqual(followups[2].name, "Manager visit", "the manager works in English")
        self.assertEqual(Followup._localize_step_texts(["auto_crm_test"], ["zh_CN"]), 0, "done once")

    @freeze_time("2026-03-03")
    def test_subject_is_a_generic_reference(self):
        """A follow-up about any record (here a vehicle model's brand): no column of its own is needed."""
        brand = self.env["auto.vehicle.brand"].create({"name": "Subject Brand"})
        with self.assertRaises(ValidationError):
            self.env["auto.followup"].create(
                {"name": "Call", "date_scheduled": "2026-03-04", "res_model": brand._name, "res_id": False}
            )
        followup = self.env["auto.followup"]._schedule(
            self.plan, [{"res_model": brand._name, "res_id": brand.id, "trigger_date": date(2026, 3, 2)}]
        )[0]
        self.assertEqual(followup.res_name, "Subject Brand")
        action = followup.action_open_subject()
        self.assertEqual((action["res_model"], action["res_id"]), (brand._name, brand.id))
        # a rescheduled follow-up is about the same thing
        followup._open_now_if_due()
        new = followup._close("rescheduled", "Dealer principal travelling", date(2026, 3, 9))
        self.assertEqual((new.res_model, new.res_id), (brand._name, brand.id))
        with self.assertRaises(UserError):
            self._schedule()[0].action_open_subject()
