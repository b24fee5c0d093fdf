"""Recalls and service campaigns (召回/服务活动): the vehicles concerned, the owners called, the work done on a
service order."""

from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestServiceCampaign(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["auto.service.campaign"].create(
            {
                "name": "Fuel pump recall",
                "reference": "R-2026-01",
                "kind": "recall",
                "model_ids": [(6, 0, cls.model.ids)],
                "purchase_date_from": date(2023, 1, 1),
                "user_id": cls.relations.id,
            }
        )

    def _finish(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def test_opening_finds_the_vehicles_sold_in_its_dates_and_calls_their_owners(self):
        self.campaign.with_user(self.service_manager).action_open()
        self.assertEqual(self.campaign.state, "open")
        self.assertEqual(
            self.campaign.vehicle_line_ids.vehicle_id, self.vehicle, "the 2020 car is outside the campaign's dates"
        )
        self.assertEqual(self.campaign.vehicle_line_ids.partner_id, self.customer)
        followups = self.env["auto.followup"].search(
            [("res_model", "=", "auto.service.campaign"), ("res_id", "=", self.campaign.id)]
        )
        self.assertEqual(len(followups), 1, "one call per owner's vehicle")
        self.assertEqual((followups.partner_id, followups.vehicle_id), (self.customer, self.vehicle))
        self.assertEqual(followups.user_id, self.relations, "the campaign's responsible makes the calls")
        self.assertEqual(followups.plan_id.purpose, "service_campaign_notice")
        # a second search and a second notice change nothing
        self.campaign.action_find_vehicles()
        self.campaign.action_notify_owners()
        self.assertEqual(len(self.campaign.vehicle_line_ids), 1)
        self.assertEqual(
            self.env["auto.followup"].search_count(
                [("res_model", "=", "auto.service.campaign"), ("res_id", "=", self.campaign.id)]
            ),
            1,
        )
        # a vehicle sold later in the campaign's dates joins it
        self.vehicle2.purchase_date = date(2025, 5, 1)
        self.campaign.action_find_vehicles()
        self.assertEqual(self.campaign.vehicle_line_ids.vehicle_id, self.vehicle | self.vehicle2)
        self.assertEqual((self.campaign.vehicle_count, self.campaign.done_count), (2, 0))

    def test_done_on_the_dealership_day(self):
        """An order finished at 07:30 in Beijing is finished at 23:30 UTC the day before: the recall is done on
        the Beijing day, the day the advisor and the customer see."""
        self.env.user.tz = "Asia/Shanghai"
        with freeze_time("2026-11-28 23:30:00"):
            self.campaign.action_open()
            line = self.campaign.vehicle_line_ids
            repair = self._order(auto_service_type="maintenance", auto_mileage_in=8000)
            repair.with_user(self.advisor).action_auto_add_campaigns()
            self._finish(repair)
        self.assertEqual(str(repair.auto_date_done), "2026-11-28 23:30:00")
        self.assertEqual((line.state, str(line.date_done)), ("done", "2026-11-29"))
        # and the car's last maintenance, from which its next one is reminded
        self.vehicle.invalidate_recordset(["last_service_date"])
        self.assertEqual(str(self.vehicle.last_service_date), "2026-11-29")

    def test_the_service_order_shows_the_recall_and_finishing_it_does_it(self):
        self.campaign.action_open()
        line = self.campaign.vehicle_line_ids
        repair = self._order(auto_service_type="maintenance", auto_mileage_in=8000)
        self.assertEqual(repair.auto_open_campaign_names, "Fuel pump recall", "the reception sees the open recall")
        self.assertEqual(self.vehicle.open_campaign_count, 1)
        self.assertFalse(self._order(vehicle=self.vehicle2).auto_open_campaign_names)
        repair.with_user(self.advisor).action_auto_add_campaigns()
        self.assertEqual(line.repair_id, repair)
        repair.invalidate_recordset(["auto_open_campaign_names"])
        self.assertFalse(repair.auto_open_campaign_names, "on the order now")
        with self.assertRaises(UserError):
            repair.action_auto_add_campaigns()
        self.assertEqual(line.state, "open", "not done before the order is")
        self._finish(repair)
        # the day the order was finished, in the advisor's time zone
        self.assertEqual((line.state, line.date_done), ("done", fields.Date.context_today(line, repair.auto_date_done)))
        self.assertEqual((self.campaign.done_count, self.campaign.completion_rate), (1, 100.0))
        self.vehicle.invalidate_recordset(["open_campaign_count"])
        self.assertEqual(self.vehicle.open_campaign_count, 0)

    def test_a_cancelled_order_gives_the_recall_back(self):
        self.campaign.action_open()
        line = self.campaign.vehicle_line_ids
        repair = self._order()
        repair.action_auto_add_campaigns()
        repair.action_repair_cancel()
        self.assertFalse(line.repair_id)
        self.assertEqual(line.state, "open")
        with self.assertRaises(ValidationError, msg="a recall is done on its own vehicle's order"):
            line.repair_id = self._order(vehicle=self.vehicle2)

    def test_bad_dates_are_refused(self):
        with self.assertRaises(ValidationError):
            self.campaign.write({"purchase_date_from": date(2025, 1, 1), "purchase_date_to": date(2024, 1, 1)})

    def test_roles(self):
        # the service manager runs campaigns; the workshop and customer care read them; sales does not see them
        self.campaign.with_user(self.service_manager).action_open()
        self.assertEqual(self.campaign.with_user(self.advisor).vehicle_line_ids.vehicle_id, self.vehicle)
        self.campaign.with_user(self.technician).read(["instructions"])
        self.campaign.with_user(self.relations).read(["description"])
        with self.assertRaises(AccessError):
            self.env["auto.service.campaign"].with_user(self.advisor).create({"name": "x", "model_ids": []})
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.consultant).read(["name"])
