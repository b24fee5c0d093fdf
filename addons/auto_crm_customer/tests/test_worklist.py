from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AutoCrmCustomerCase

TODAY = date(2026, 3, 10)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 09:00:00")
class TestWorklist(AutoCrmCustomerCase):
    """The worklist for today: the follow-up and birthday sources, the ranking's words, who sees what, and a
    query count flat in the number of items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Registry = cls.env["auto.worklist.registry"]
        cls.Item = cls.env["auto.worklist.item"]
        cls.customer.write({"auto_birthday": date(1985, 3, 10)})
        cls.customer2.write({"auto_birthday": date(1990, 7, 1)})
        Followup = cls.env["auto.followup"]

        def followup(name, days_ago, user, partner, **values):
            return Followup.create(
                {
                    "name": name,
                    "date_scheduled": TODAY - timedelta(days=days_ago),
                    "user_id": user.id,
                    "partner_id": partner.id,
                    "state": "open",
                    **values,
                }
            )

        cls.late = followup("Call about the offer", 3, cls.consultant, cls.customer)
        cls.today_call = followup("Invite to the show", 0, cls.consultant, cls.customer)
        cls.future = followup("Next week", -7, cls.consultant, cls.customer)
        cls.cancelled = followup("Cancelled", 5, cls.consultant, cls.customer, state="cancelled")
        cls.other = followup("Zhao's call", 1, cls.consultant2, cls.customer2)
        cls.advisor_call = followup("Advisor's call", 2, cls.advisor, cls.customer2)

    def test_followups_due_and_overdue_ranked_and_explained(self):
        items = self.Registry._worklist_refresh(self.consultant)
        followups = items.filtered(lambda i: i.kind == "followup")
        self.assertEqual(followups.mapped("res_id"), [self.late.id, self.today_call.id], "late first, no future one")
        late = followups[0]
        self.assertEqual(late.rank, 1)
        self.assertEqual(late.overdue_days, 3)
        self.assertTrue(late.is_overdue)
        self.assertEqual(late.reason, "3 days overdue")
        self.assertEqual(followups[1].reason, "due today")
        self.assertFalse(followups[1].is_overdue)
        self.assertEqual(late.partner_id, self.customer)
        # the follow-up's own outcome action (the engine's wizard)
        action = late.action_record_outcome()
        self.assertEqual(action["res_model"], "auto.followup.done.wizard")
        self.assertEqual(action["context"]["default_followup_ids"], [self.late.id])

    def test_birthday_of_own_customers_today_and_in_the_next_days(self):
        items = self.Registry._worklist_refresh(self.consultant | self.consultant2)
        birthdays = items.filtered(lambda i: i.kind == "birthday")
        self.assertEqual(birthdays.partner_id, self.customer)
        self.assertEqual(birthdays.user_id, self.consultant)
        self.assertIn("birthday on 03-10", birthdays.reason)
        with freeze_time("2026-06-28"):
            items = self.Registry._worklist_refresh(self.consultant2)
        self.assertEqual(items.filtered(lambda i: i.kind == "birthday").partner_id, self.customer2, "in 3 days")

    def test_a_refresh_replaces_the_list(self):
        self.Registry._worklist_refresh(self.consultant)
        self.late._close("reached", "Came to the showroom")
        items = self.Registry._worklist_refresh(self.consultant)
        self.assertNotIn(self.late.id, items.filtered(lambda i: i.res_model == "auto.followup").mapped("res_id"))
        self.assertEqual(self.Item.search_count([("user_id", "=", self.consultant.id), ("kind", "=", "followup")]), 1)

    def test_consultant_sees_own_list_only(self):
        self.Registry._worklist_refresh(self.consultant | self.consultant2 | self.advisor)
        Item = self.Item.with_user(self.consultant)
        self.assertEqual(Item.search([]).user_id, self.consultant)
        action = Item.action_open_my_worklist()
        self.assertEqual(action["res_model"], "auto.worklist.item")
        self.assertEqual(Item.search(action["domain"]).user_id, self.consultant)
        other = self.Item.search([("user_id", "=", self.consultant2.id)])
        with self.assertRaises(AccessError):
            other.with_user(self.consultant).read(["name"])
        # opening an item opens its record for the user to act on
        mine = Item.search([("kind", "=", "followup")], limit=1)
        self.assertEqual(mine.action_open_record()["res_model"], "auto.followup")

    def test_manager_sees_the_team_and_who_is_behind(self):
        service_manager = new_test_user(
            self.env, login="auto_wl_sm", name="Service Manager Wu", groups="auto_crm_customer.group_service_manager"
        )
        action = self.Item.with_user(self.manager).action_open_team_worklists()
        items = self.Item.with_user(self.manager).search(action["domain"])
        self.assertEqual(items.user_id, self.consultant | self.consultant2, "the sales team, not the advisor")
        self.assertEqual(self.Item.with_user(self.manager).search([]).user_id, self.consultant | self.consultant2)
        behind = {
            user.id: (count, overdue, oldest)
            for user, count, overdue, oldest in self.Item.with_user(self.manager)._read_group(
                [], ["user_id"], ["due_count:sum", "overdue_count:sum", "overdue_days:max"]
            )
        }
        self.assertEqual(behind[self.consultant.id], (3, 1, 3), "two follow-ups and a birthday, one 3 days late")
        self.assertEqual(behind[self.consultant2.id], (1, 1, 1))
        self.Item.with_user(service_manager).action_open_team_worklists()
        self.assertEqual(self.Item.with_user(service_manager).search([]).user_id, self.advisor)

    def test_query_count_flat_in_the_number_of_items(self):
        Followup = self.env["auto.followup"]
        users = self.consultant | self.consultant2
        customers = self.env["res.partner"].create(
            [{"name": f"客户 {i}", "auto_customer_type": "individual", "user_id": users[i % 2].id} for i in range(30)]
        )
        self.Registry._worklist_refresh(users)  # warm the caches of the code path
        self.env.invalidate_all()
        # counted as assertQueryCount counts: flushed before and after
        self.env.flush_all()
        self.env.cr.flush()
        before = self.cr.sql_log_count
        few = self.Registry._worklist_refresh(users)
        self.env.flush_all()
        self.env.cr.flush()
        queries = self.cr.sql_log_count - before
        Followup.create(
            [
                {
                    "name": f"Call {customer.name}",
                    "date_scheduled": TODAY - timedelta(days=i % 5),
                    "user_id": customer.user_id.id,
                    "partner_id": customer.id,
                    "state": "open",
                }
                for i, customer in enumerate(customers)
            ]
        )
        customers.write({"auto_birthday": date(1988, 3, 11)})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            many = self.Registry._worklist_refresh(users)
        # (under 100 items: Odoo's create inserts by 100 rows, one query per hundred)
        self.assertLess(len(few), 10)
        self.assertGreaterEqual(len(many), len(few) + 60)
