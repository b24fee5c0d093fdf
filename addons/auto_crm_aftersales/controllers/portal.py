from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.auto_service_survey import FACTORS

# the slots a customer can see ahead, from today
BOOKING_HORIZON_DAYS = 60


class AutoServicePortal(CustomerPortal):
    """The owner's portal (车主自助): vehicles, appointments, complaints and satisfaction surveys.

    Lists are searched as the portal user (the portal record rules keep them to the customer's own records);
    a single record is opened with sudo only after :meth:`_auto_owned_record` checked it is the customer's.
    """

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _auto_customer(self):
        return request.env.user.partner_id.commercial_partner_id

    def _auto_owned_domain(self):
        return [("partner_id", "child_of", self._auto_customer().id)]

    def _auto_owned_record(self, model_name, record_id):
        """The customer's own record, in sudo for display, or a 404 (missing, or someone else's)."""
        record = request.env[model_name].browse(record_id)
        record_sudo = record.sudo().exists()
        if not record_sudo:
            raise NotFound()
        try:
            record.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        if record_sudo.partner_id.commercial_partner_id != self._auto_customer():
            raise NotFound()
        return record_sudo

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for counter, model_name in (
            ("auto_vehicle_count", "auto.vehicle"),
            ("auto_appointment_count", "auto.service.appointment"),
            ("auto_ticket_count", "auto.service.ticket"),
        ):
            if counter in counters:
                Model = request.env[model_name]
                values[counter] = Model.search_count(self._auto_owned_domain()) if Model.has_access("read") else 0
        return values

    def _auto_selection(self, model_name, field_name):
        return request.env[model_name]._fields[field_name]._description_selection(request.env)

    # ------------------------------------------------------------------
    # Vehicles
    # ------------------------------------------------------------------
    @http.route(["/my/vehicles"], type="http", auth="user", website=True)
    def portal_my_vehicles(self, **kw):
        vehicles = request.env["auto.vehicle"].search(self._auto_owned_domain(), order="purchase_date desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_vehicle",
                # sudo: the customer's own vehicles (found under the portal record rules), with the service
                # schedule that reads the workshop's orders
                "vehicles": vehicles.sudo(),
                "default_url": "/my/vehicles",
            }
        )
        return request.render("auto_crm_aftersales.portal_my_vehicles", values)

    @http.route(["/my/vehicles/<int:vehicle_id>"], type="http", auth="user", website=True)
    def portal_my_vehicle(self, vehicle_id, **kw):
        vehicle = self._auto_owned_record("auto.vehicle", vehicle_id)
        repairs = vehicle.repair_ids.filtered(lambda r: r.state == "done").sorted(
            lambda r: r.auto_date_done or r.create_date, reverse=True
        )
        answered = set(
            request.env["auto.service.survey"].sudo().search([("repair_id", "in", repairs.ids)]).repair_id.ids
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_vehicle",
                "vehicle": vehicle,
                "repairs": repairs,
                "invoices": {
                    repair.id: repair.sale_order_id.invoice_ids.filtered(lambda m: m.state == "posted")
                    for repair in repairs
                },
                "survey_open_ids": set(repairs.ids) - answered,
                "appointments": vehicle.appointment_ids.filtered(lambda a: a.state == "booked"),
                "campaign_lines": vehicle.campaign_line_ids.filtered(
                    lambda line: line.state == "open" and line.campaign_state == "open"
                ),
                "today": fields.Date.context_today(vehicle),
                "service_types": dict(self._auto_selection("repair.order", "auto_service_type")),
                "message": kw.get("message"),
            }
        )
        return request.render("auto_crm_aftersales.portal_my_vehicle", values)

    # ------------------------------------------------------------------
    # Appointments
    # ------------------------------------------------------------------
    @http.route(["/my/appointments"], type="http", auth="user", website=True)
    def portal_my_appointments(self, **kw):
        appointments = request.env["auto.service.appointment"].search(
            self._auto_owned_domain(), order="date desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_appointment",
                # sudo: the customer's own appointments, found under the portal record rules
                "appointments": appointments.sudo(),
                "default_url": "/my/appointments",
            }
        )
        return request.render("auto_crm_aftersales.portal_my_appointments", values)

    @http.route(["/my/appointments/<int:appointment_id>"], type="http", auth="user", website=True)
    def portal_my_appointment(self, appointment_id, **kw):
        appointment = self._auto_owned_record("auto.service.appointment", appointment_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_appointment",
                "appointment": appointment,
                "message": kw.get("message"),
            }
        )
        return request.render("auto_crm_aftersales.portal_my_appointment", values)

    def _auto_booking_values(self, vehicles, vehicle=None, date=None, slot_id=None, error=None, **kw):
        today = fields.Date.context_today(request.env.user)
        try:
            day = fields.Date.to_date(date) if date else today + timedelta(days=1)
        except ValueError:
            day, error = today + timedelta(days=1), error or _("Choose a day from the calendar.")
        company = (vehicle or vehicles[:1]).company_id or request.env.company
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_appointment",
                "vehicles": vehicles,
                "vehicle": vehicle or vehicles[:1],
                "date": day,
                "date_min": today,
                "date_max": today + timedelta(days=BOOKING_HORIZON_DAYS),
                # sudo: the slots and their free places, however the workshop's records are shared
                "slots": request.env["auto.service.slot"].sudo()._availability(day, company)
                if today <= day <= today + timedelta(days=BOOKING_HORIZON_DAYS)
                else [],
                "slot_id": int(slot_id) if slot_id and str(slot_id).isdigit() else False,
                "service_types": [
                    item
                    for item in self._auto_selection("auto.service.appointment", "service_type")
                    if item[0] in ("maintenance", "repair", "warranty")
                ],
                "service_type": kw.get("service_type") or "maintenance",
                "description": kw.get("description") or "",
                "error": error,
            }
        )
        return values

    def _auto_check_slot(self, vehicle, date, slot_id):
        """The day and slot the customer chose, checked against what the booking page offered."""
        today = fields.Date.context_today(request.env.user)
        try:
            day = fields.Date.to_date(date)
        except ValueError:
            day = None
        if not day or not today <= day <= today + timedelta(days=BOOKING_HORIZON_DAYS):
            raise UserError(_("Choose a day between today and %(days)s days from now.", days=BOOKING_HORIZON_DAYS))
        available = {
            slot.id: slot
            for slot, _remaining in request.env["auto.service.slot"].sudo()._availability(day, vehicle.company_id)
        }
        slot = available.get(int(slot_id)) if slot_id and str(slot_id).isdigit() else None
        if not slot:
            raise UserError(_("Choose one of the time slots offered for that day."))
        return day, slot

    @http.route(["/my/appointments/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_appointment_new(self, vehicle_id=None, date=None, slot_id=None, **kw):
        # sudo: the customer's own vehicles, found under the portal record rules
        vehicles = request.env["auto.vehicle"].search(self._auto_owned_domain()).sudo()
        if not vehicles:
            return request.redirect("/my/vehicles")
        vehicle = vehicles.filtered(lambda v: str(v.id) == str(vehicle_id))[:1] if vehicle_id else vehicles[:1]
        if vehicle_id and not vehicle:
            raise NotFound()
        if request.httprequest.method == "POST" and kw.get("book"):
            try:
                day, slot = self._auto_check_slot(vehicle, date, slot_id)
                # the same booking as the service advisor's: capacity, reminders by the follow-up engine
                last_repair = vehicle.repair_ids.sorted("auto_date_received", reverse=True)[:1]
                # savepoint: a full slot leaves no half-created booking behind
                with request.env.cr.savepoint():
                    # sudo: the portal user books their own vehicle (checked above) and has no right on the model
                    appointment = (
                        request.env["auto.service.appointment"]
                        .sudo()
                        .create(
                            {
                                "partner_id": vehicle.partner_id.id,
                                "vehicle_id": vehicle.id,
                                "date": day,
                                "slot_id": slot.id,
                                "service_type": kw.get("service_type")
                                if kw.get("service_type") in ("maintenance", "repair", "warranty")
                                else "maintenance",
                                "description": (kw.get("description") or "").strip() or False,
                                "user_id": last_repair.user_id.id or False,
                                "company_id": vehicle.company_id.id,
                            }
                        )
                    )
            except (UserError, ValidationError) as error:
                values = self._auto_booking_values(vehicles, vehicle, date, slot_id, error=error.args[0], **kw)
                return request.render("auto_crm_aftersales.portal_appointment_form", values)
            return request.redirect(f"/my/appointments/{appointment.id}?message=booked")
        values = self._auto_booking_values(vehicles, vehicle, date, slot_id, **kw)
        return request.render("auto_crm_aftersales.portal_appointment_form", values)

    @http.route(
        ["/my/appointments/<int:appointment_id>/reschedule"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_appointment_reschedule(self, appointment_id, date=None, slot_id=None, **kw):
        appointment = self._auto_owned_record("auto.service.appointment", appointment_id)
        if appointment.state != "booked":
            return request.redirect(f"/my/appointments/{appointment.id}")
        vehicle = appointment.vehicle_id
        if request.httprequest.method == "POST" and kw.get("book"):
            try:
                day, slot = self._auto_check_slot(vehicle or appointment, date, slot_id)
                with request.env.cr.savepoint():
                    appointment.write({"date": day, "slot_id": slot.id})
            except (UserError, ValidationError) as error:
                values = self._auto_booking_values(vehicle, vehicle, date, slot_id, error=error.args[0], **kw)
                values["appointment"] = appointment
                return request.render("auto_crm_aftersales.portal_appointment_form", values)
            return request.redirect(f"/my/appointments/{appointment.id}?message=rescheduled")
        values = self._auto_booking_values(
            vehicle, vehicle, date or fields.Date.to_string(appointment.date), slot_id or appointment.slot_id.id, **kw
        )
        values["appointment"] = appointment
        return request.render("auto_crm_aftersales.portal_appointment_form", values)

    @http.route(
        ["/my/appointments/<int:appointment_id>/cancel"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_appointment_cancel(self, appointment_id, **kw):
        appointment = self._auto_owned_record("auto.service.appointment", appointment_id)
        if appointment.state == "booked":
            appointment.action_cancel()
        return request.redirect(f"/my/appointments/{appointment.id}?message=cancelled")

    # ------------------------------------------------------------------
    # Complaints
    # ------------------------------------------------------------------
    @http.route(["/my/complaints"], type="http", auth="user", website=True)
    def portal_my_tickets(self, **kw):
        tickets = request.env["auto.service.ticket"].search(self._auto_owned_domain(), order="date_open desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_ticket",
                # sudo: the customer's own tickets, found under the portal record rules
                "tickets": tickets.sudo(),
                "default_url": "/my/complaints",
            }
        )
        return request.render("auto_crm_aftersales.portal_my_tickets", values)

    @http.route(["/my/complaints/<int:ticket_id>"], type="http", auth="user", website=True)
    def portal_my_ticket(self, ticket_id, **kw):
        ticket = self._auto_owned_record("auto.service.ticket", ticket_id)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "auto_ticket", "ticket": ticket, "message": kw.get("message")})
        return request.render("auto_crm_aftersales.portal_my_ticket", values)

    @http.route(["/my/complaints/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_ticket_new(self, **kw):
        # sudo: the customer's own vehicles, found under the portal record rules
        vehicles = request.env["auto.vehicle"].search(self._auto_owned_domain()).sudo()
        error = None
        if request.httprequest.method == "POST":
            vehicle = vehicles.filtered(lambda v: str(v.id) == kw.get("vehicle_id"))
            severities = dict(self._auto_selection("auto.service.ticket", "severity"))
            categories = dict(self._auto_selection("auto.service.ticket", "category"))
            subject = (kw.get("subject") or "").strip()
            description = (kw.get("description") or "").strip()
            if kw.get("vehicle_id") and not vehicle:
                raise NotFound()
            if not subject or not description:
                error = _("Tell us in a few words what happened (subject) and the details (description).")
            elif kw.get("severity") not in severities or kw.get("category") not in categories:
                error = _("Choose how serious it is and what it is about.")
            else:
                customer = self._auto_customer()
                company = vehicle.company_id or customer.company_id or request.env.company
                # sudo: the customer opens a complaint about their own vehicle; they have no right on tickets
                ticket = (
                    request.env["auto.service.ticket"]
                    .sudo()
                    .create(
                        {
                            "subject": subject,
                            "description": plaintext2html(description),
                            "ticket_type": "complaint",
                            "channel": "web",
                            "severity": kw["severity"],
                            "category": kw["category"],
                            "partner_id": customer.id,
                            "vehicle_id": vehicle.id,
                            "user_id": company.auto_return_visit_user_id.id or False,
                            "company_id": company.id,
                        }
                    )
                )
                return request.redirect(f"/my/complaints/{ticket.id}?message=received")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_ticket",
                "vehicles": vehicles,
                "severities": self._auto_selection("auto.service.ticket", "severity"),
                "categories": [
                    item for item in self._auto_selection("auto.service.ticket", "category") if item[0] != "rescue"
                ],
                "form": kw,
                "error": error,
            }
        )
        return request.render("auto_crm_aftersales.portal_ticket_form", values)

    # ------------------------------------------------------------------
    # Satisfaction survey
    # ------------------------------------------------------------------
    @http.route(
        ["/my/services/<int:repair_id>/survey"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_service_survey(self, repair_id, **kw):
        repair = request.env["repair.order"].sudo().browse(repair_id).exists()
        # the service order is the customer's when its vehicle is theirs (the portal has no right on repair orders)
        if not repair or not repair.auto_vehicle_id:
            raise NotFound()
        vehicle = self._auto_owned_record("auto.vehicle", repair.auto_vehicle_id.id)
        Survey = request.env["auto.service.survey"]
        answered = Survey.sudo().search_count([("repair_id", "=", repair.id)], limit=1)
        error = None
        if request.httprequest.method == "POST" and not answered:
            answers = Survey._answers_from_form(kw)
            if answers is None:
                error = _("Answer every question before sending the survey.")
            else:
                try:
                    with request.env.cr.savepoint():
                        # sudo: the owner answers the survey of their own vehicle's service (checked above)
                        Survey.sudo()._create_from_customer(repair, answers)
                except (UserError, ValidationError) as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(f"/my/vehicles/{vehicle.id}?message=survey")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "auto_vehicle",
                "vehicle": vehicle,
                "repair": repair,
                "answered": answered,
                "questions": [(name, Survey._fields[name].get_description(request.env)) for name in FACTORS],
                "scores": self._auto_selection("auto.service.survey", "score_service_quality"),
                "form": kw,
                "error": error,
            }
        )
        return request.render("auto_crm_aftersales.portal_service_survey", values)
