from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 10:00:00")
class TestClubEvent(AutoCrmMarketingCase):
    """Customer club events on Odoo's event app: invitation from a target list, attendance as a visit, one lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.club = cls._campaign("车友会", auto_campaign_type="club_event")
        cls.event = (
            cls.env["event.event"]
            .with_user(cls.marketer)
            .create(
                {
                    "name": "Self-drive tour",
                    "auto_campaign_id": cls.club.id,
                    "date_begin": datetime(2026, 6, 10, 2, 0),
                    "date_end": datetime(2026, 6, 10, 9, 0),
                }
            )
        )
        cls.customer.auto_last_visit_date = date(2026, 1, 5)
        cls.target = cls.env["auto.mkt.target.list"].create(
            {"name": "Club members", "campaign_id": cls.club.id, "event_id": cls.event.id, "consent_only": False}
        )
        cls.target.write({"partner_ids": [(6, 0, (cls.customer | cls.customer2).ids)], "state": "built"})

    def test_invite_attend_and_open_one_lead(self):
        target = self.target.with_user(self.marketer)
        target.action_invite_to_event()
        target.action_invite_to_event()  # inviting again registers nobody twice
        registrations = self.env["event.registration"].search([("event_id", "=", self.event.id)])
        self.assertEqual(registrations.partner_id, self.customer | self.customer2)
        self.assertEqual(len(registrations), 2)
        self.assertEqual(registrations.utm_campaign_id, self.club)
        self.assertEqual(target.registration_count, 2)

        mine = registrations.filtered(lambda r: r.partner_id == self.customer).with_user(self.marketer)
        mine.action_set_done()
        self.assertEqual(
            self.customer.auto_last_visit_date, date(2026, 6, 10), "attending is a visit, on the event day"
        )
        self.assertFalse(self.customer2.auto_last_visit_date, "registered is not attended")

        action = mine.action_auto_open_lead()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(
            (lead.partner_id, lead.user_id, lead.campaign_id, lead.event_id),
            (self.customer, self.consultant, self.club, self.event),
        )
        self.assertEqual(mine.action_auto_open_lead()["res_id"], lead.id, "no second open lead")
        self.assertIn(self.club, self.env["utm.campaign"].with_user(self.consultant).search([]))
        # once the lead is lost, the next registration opens a new one
        lead.action_set_lost()
        self.assertNotEqual(mine.action_auto_open_lead()["res_id"], lead.id)

    def test_attendance_keeps_a_later_visit_and_batches(self):
        self.customer.auto_last_visit_date = date(2026, 6, 12)
        registrations = self.env["event.registration"].create(
            [
                {"event_id": self.event.id, "partner_id": self.customer.id, "state": "done"},
                {"event_id": self.event.id, "partner_id": self.customer2.id, "state": "done"},
            ]
        )
        self.assertEqual(self.customer.auto_last_visit_date, date(2026, 6, 12))
        self.assertEqual(self.customer2.auto_last_visit_date, date(2026, 6, 10))
        leads = registrations.with_user(self.marketer)._auto_open_leads()
        self.assertEqual(leads.user_id, self.consultant | self.consultant2)
        self.assertEqual(len(leads), 2)
