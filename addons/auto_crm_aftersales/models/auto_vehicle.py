from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import service_schedule

# a service overdue by longer than this when a legacy history comes over is not reminded (the owner is lapsed)
LAPSED_AFTER_YEARS = 1


class AutoVehicle(models.Model):
    _inherit = "auto.vehicle"

    repair_ids = fields.One2many("repair.order", "auto_vehicle_id", string="Service History")
    repair_count = fields.Integer(compute="_compute_repair_count", string="Service Orders")
    service_history_ids = fields.One2many("auto.service.history", "vehicle_id", string="Legacy Service History")
    insurance_policy_ids = fields.One2many("auto.insurance.policy", "vehicle_id", string="Insurance Policies")
    appointment_ids = fields.One2many("auto.service.appointment", "vehicle_id", string="Appointments")
    campaign_line_ids = fields.One2many(
        "auto.service.campaign.vehicle", "vehicle_id", string="Recalls and Service Campaigns"
    )
    open_campaign_count = fields.Integer("Open Recalls", compute="_compute_open_campaign_count")
    last_service_date = fields.Date(compute="_compute_service_schedule", string="Last Service")
    next_service_date = fields.Date(
        compute="_compute_service_schedule",
        string="Next Service Due",
        help="Every N km or M months of the model, whichever comes first, from the last maintenance and the "
        "vehicle's average daily mileage.",
    )
    next_service_km = fields.Integer(compute="_compute_service_schedule", string="Next Service at (km)")
    average_daily_km = fields.Float(compute="_compute_service_schedule", string="Average km a Day", digits=(16, 1))

    def _compute_repair_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("auto_vehicle_id", "in", self.ids)], ["auto_vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.repair_count = counts.get(vehicle, 0)

    def _compute_open_campaign_count(self):
        Line = self.env["auto.service.campaign.vehicle"]
        counts = dict(Line._read_group(Line._open_domain(self), ["vehicle_id"], ["__count"]))
        for vehicle in self:
            vehicle.open_campaign_count = counts.get(vehicle, 0)

    def action_view_campaigns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_aftersales.auto_service_campaign_vehicle_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action

    def _compute_service_schedule(self):
        schedule = self._service_schedule()
        for vehicle in self:
            data = schedule.get(vehicle.id, {})
            vehicle.last_service_date = data.get("last_service_date")
            vehicle.next_service_date = data.get("due_date")
            vehicle.next_service_km = data.get("due_km") or 0
            vehicle.average_daily_km = data.get("daily_km") or 0.0

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_aftersales.repair_order_action_service")
        action["domain"] = [("auto_vehicle_id", "=", self.id)]
        action["context"] = {"default_auto_vehicle_id": self.id}
        return action

    def action_receive(self):
        """Reception: a new service order for this vehicle, owner and mileage filled in."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Service Order"),
            "res_model": "repair.order",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_auto_vehicle_id": self.id, "default_auto_mileage_in": self.mileage},
        }

    def _service_schedule(self):
        """Last maintenance and next due date of each vehicle, in a constant number of queries.

        :return: ``{vehicle_id: {last_service_date, last_service_km, daily_km, due_date, due_km}}``
        """
        if not self:
            return {}
        vehicle_ids = [vid for vid in self.ids if vid]  # new records have no history yet
        # Two GROUP BY queries on the ids: over 30,000 vehicles, building a record per vehicle (as
        # _read_group does) would be most of the time spent.
        # Every maintenance of the vehicle counts, whoever handled it: no access rule on the orders.
        self.env["repair.order"].flush_model(
            ["auto_vehicle_id", "state", "auto_service_type", "auto_date_done", "auto_mileage_in"]
        )
        # the maintenance lines imported from the legacy system count as well (auto.service.history)
        self.env["auto.service.history"].flush_model(["vehicle_id", "service_type", "date", "mileage"])
        last_service = {
            vehicle_id: (done, done_km)
            for vehicle_id, done, done_km in self.env.execute_query(
                SQL(
                    """
                    SELECT vehicle_id, MAX(done), MAX(done_km) FROM (
                        SELECT auto_vehicle_id AS vehicle_id,
                               (auto_date_done AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS done,
                               auto_mileage_in AS done_km FROM repair_order
                         WHERE auto_vehicle_id = ANY(%(ids)s) AND state = 'done' AND auto_service_type = 'maintenance'
                        UNION ALL
                        SELECT vehicle_id, date, mileage FROM auto_service_history
                         WHERE vehicle_id = ANY(%(ids)s) AND service_type = 'maintenance'
                    ) AS maintenance
                     GROUP BY vehicle_id
                    """,
                    ids=vehicle_ids,
                    # the day an order was finished where the dealership is
                    tz=self.env.context.get("tz") or self.env.user.tz or "UTC",
                )
            )
        }
        # the readings' record rule is their vehicle's company: the same as the vehicles' own
        Odometer = self.env["auto.vehicle.odometer"]
        Odometer.check_access("read")
        Odometer.flush_model(["vehicle_id", "date", "value"])
        readings = {
            vehicle_id: values
            for vehicle_id, *values in self.env.execute_query(
                SQL(
                    """
                    SELECT vehicle_id, MIN(date), MAX(date), MIN(value), MAX(value) FROM auto_vehicle_odometer
                     WHERE vehicle_id = ANY(%s)
                     GROUP BY vehicle_id
                    """,
                    vehicle_ids,
                )
            )
        }
        intervals = {model.id: (model.service_interval_months, model.service_interval_km) for model in self.model_id}
        # columns read from the cache in bulk: a loop over 30,000 vehicles stays cheap
        model_ids = [vehicle.model_id.id for vehicle in self]
        purchase_dates = self.mapped("purchase_date")
        mileages = self.mapped("mileage")
        mileage_dates = self.mapped("mileage_date")
        result = {}
        for vehicle_id, model_id, purchase_date, mileage, mileage_date in zip(
            self.ids, model_ids, purchase_dates, mileages, mileage_dates, strict=True
        ):
            every_months, every_km = intervals.get(model_id, (0, 0))
            done, done_km = last_service.get(vehicle_id, (None, None))
            last_date = done or purchase_date
            last_km = done_km or 0
            first_date, read_date, first_km, read_km = readings.get(vehicle_id, (None, None, None, None))
            if purchase_date and (not first_date or purchase_date < first_date):
                first_date, first_km = purchase_date, 0
            daily_km = service_schedule.average_daily_km(first_date, first_km, read_date, read_km)
            due_date, due_km = service_schedule.next_service_due(
                last_date,
                last_km,
                every_months,
                every_km,
                mileage,
                mileage_date,
                daily_km,
            )
            result[vehicle_id] = {
                "last_service_date": last_date if done else False,
                "last_service_km": last_km,
                "daily_km": daily_km,
                "due_date": due_date or False,
                "due_km": due_km,
            }
        return result

    def _hand_over_to_customer(self, delivery_date=None, mileage=None, reference=None):
        """After the hand-off, customer relations calls the new owner back (交车回访) and the first service is
        reminded when it comes due (首保提醒)."""
        vehicles = super()._hand_over_to_customer(delivery_date=delivery_date, mileage=mileage, reference=reference)
        vehicles._schedule_delivery_return_visit(delivery_date)
        vehicles._schedule_first_maintenance_reminder()
        return vehicles

    @api.model
    def _auto_demo_delivery_return_visits(self):
        """Demo data: the cars handed over this week before after-sales was installed get their return visit."""
        since = fields.Date.context_today(self) - timedelta(days=7)
        vehicles = self.search([("partner_id", "!=", False), ("purchase_date", ">=", since)])
        for day in set(vehicles.mapped("purchase_date")):
            vehicles.filtered(lambda vehicle, day=day: vehicle.purchase_date == day)._schedule_delivery_return_visit(
                day
            )

    def _schedule_delivery_return_visit(self, delivery_date=None):
        """A return visit (回访) after the delivery of each vehicle, by the delivery return-visit plan.

        :param delivery_date: the delivery day (default today)
        :return: the follow-ups created
        """
        day = fields.Date.to_date(delivery_date) or fields.Date.context_today(self)

        def subject(vehicle):
            if not vehicle.partner_id:
                return None
            return {
                "partner_id": vehicle.partner_id.id,
                "vehicle_id": vehicle.id,
                "user_id": (vehicle.company_id.auto_return_visit_user_id or vehicle.user_id).id,
                "trigger_date": day,
                "trigger_key": f"delivery:v{vehicle.id}:{day}",
            }

        # sudo: the return visit belongs to customer relations, whose follow-ups and plans the seller may not see
        return self.env["auto.followup"].sudo()._schedule_for_purpose("delivery_return_visit", self, subject)

    def _schedule_first_maintenance_reminder(self, lapsed_before=None, leave_to_rules=False):
        """The reminders of each vehicle's next service from its delivery, by the maintenance reminder plan: the
        first service of a new car (首保提醒).

        Due by the model's interval from the purchase date, or the last maintenance of a used car (every M
        months, or N km at the vehicle's average daily mileage once it is known): the plan's steps are dated
        from that day, as the "Maintenance due" rule dates the later ones, which does not schedule that day's
        reminders again. A maintenance finished earlier cancels them
        (:meth:`repair.order._cancel_maintenance_reminders`).

        :param lapsed_before: a service due before this day is not reminded: its owner has missed it by so long
            that the car is lapsed (流失), a customer for a win-back campaign rather than for a reminder call
        :param leave_to_rules: a service due beyond the window of a daily "Maintenance due" rule covering the
            vehicle is left to that rule, which reminds it when it comes near (see
            :meth:`auto.followup.rule._maintenance_due_horizons`)
        :return: the follow-ups created
        """
        due_dates = {
            vehicle_id: data["due_date"]
            for vehicle_id, data in self._service_schedule().items()
            if data["due_date"] and not (lapsed_before and data["due_date"] < lapsed_before)
        }
        horizons = {}
        if leave_to_rules:
            horizons = self.env["auto.followup.rule"]._maintenance_due_horizons(self.browse(list(due_dates)))

        def subject(vehicle):
            due = due_dates.get(vehicle.id)
            if not vehicle.partner_id or not due or (vehicle.id in horizons and due > horizons[vehicle.id]):
                return None
            return {
                "partner_id": vehicle.partner_id.id,
                "vehicle_id": vehicle.id,
                "user_id": vehicle.user_id.id or False,
                "trigger_date": due,
                "trigger_key": f"maintenance:v{vehicle.id}:{due}",
            }

        # sudo: the reminders are the consultant's and the plans the service side's; whoever hands the car over
        # (the warehouse validating the delivery) schedules them
        return self.env["auto.followup"].sudo()._schedule_for_purpose("maintenance_reminder", self, subject)

    @api.model
    def _maintenance_due_subjects(self, domain, date_from, date_to):
        """Vehicles matching ``domain`` whose next service falls within [date_from, date_to], as follow-up subjects."""
        vehicles = self.search_fetch(
            domain, ["model_id", "partner_id", "user_id", "purchase_date", "mileage", "mileage_date", "company_id"]
        )
        vehicles.model_id.fetch(["service_interval_km", "service_interval_months"])
        schedule = vehicles._service_schedule()
        due_dates = {
            vehicle_id: data["due_date"]
            for vehicle_id, data in schedule.items()
            if data["due_date"] and date_from <= data["due_date"] <= date_to
        }
        subjects = []
        for vehicle in vehicles.browse(list(due_dates)):
            due = due_dates[vehicle.id]
            if due:
                subjects.append(
                    {
                        "partner_id": vehicle.partner_id.id,
                        "vehicle_id": vehicle.id,
                        "user_id": vehicle.user_id.id or False,
                        "trigger_date": due,
                    }
                )
        return subjects

    def _update_insurance_expiry(self):
        """The vehicle's insurance expiry date is the latest end of its policies."""
        ends = dict(
            self.env["auto.insurance.policy"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["date_end:max"]
            )
        )
        for vehicle in self:
            end = ends.get(vehicle, False)
            if end and vehicle.insurance_expiry_date != end:
                vehicle.insurance_expiry_date = end

    def _legacy_imported(self):
        """After a legacy import: the next maintenance reminder of each vehicle from its imported history, and
        its insurance expiry from its policies.

        A service overdue by more than a year when the history comes over is not reminded: the car has not
        been back for a whole service interval or more, its owner is lapsed (流失), and a legacy system's
        hundreds of thousands of such cars would otherwise all be calls due on the day of the import. The
        marketing addon's churn analysis and target lists are where they are won back.

        A service due beyond the window of the daily "Maintenance due" rule is not reminded now either: that rule
        reminds it when it comes near, as it does for every car, and gives the call to whoever looks after the car
        then. A legacy system's cars due over the next year are not made tens of thousands of planned calls, each
        given to a consultant who may have left by its day."""
        vehicles = super()._legacy_imported()
        today = fields.Date.context_today(self)
        vehicles._schedule_first_maintenance_reminder(
            lapsed_before=today - relativedelta(years=LAPSED_AFTER_YEARS), leave_to_rules=True
        )
        vehicles._update_insurance_expiry()
        return vehicles
