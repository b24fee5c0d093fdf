from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.auto_crm_customer.tools import vin as vin_tools

SERVICE_TYPES = [
    ("maintenance", "Maintenance"),
    ("repair", "Repair"),
    ("warranty", "Warranty"),
    ("insurance", "Insurance Claim"),
    ("recall", "Recall"),
    ("accident", "Accident"),
]


# who sees the workshop's records on a service order (Odoo's own repair users do not)
ADVISOR_GROUPS = "auto_crm_customer.group_service_advisor"
CUSTOMER_CARE_GROUPS = ",".join((ADVISOR_GROUPS, "auto_crm_aftersales.group_customer_relations"))
WORKSHOP_GROUPS = ",".join((CUSTOMER_CARE_GROUPS, "auto_crm_aftersales.group_technician"))


class RepairOrder(models.Model):
    """A service order (维修/保养工单) on a customer vehicle, on top of Odoo's repair order.

    Parts are repair's own stock moves (the same stock the inventory addon manages);
    labour is listed in :class:`auto.repair.labour`.
    """

    _name = "repair.order"
    _inherit = ["repair.order", "auto.followup.subject.mixin"]

    auto_vehicle_id = fields.Many2one(
        "auto.vehicle", index="btree_not_null", tracking=True, check_company=True, string="Vehicle"
    )
    auto_vehicle_lookup = fields.Char(
        "Plate or VIN",
        store=False,
        help="Type the plate number or the VIN (or its last digits) to find the vehicle.",
    )
    auto_vehicle_vin = fields.Char(related="auto_vehicle_id.vin", string="VIN")
    auto_vehicle_plate = fields.Char(related="auto_vehicle_id.plate_number", string="Plate")
    auto_vehicle_model_id = fields.Many2one(related="auto_vehicle_id.model_id", string="Vehicle Model")
    partner_id = fields.Many2one(compute="_compute_partner_id")
    user_id = fields.Many2one(string="Service Advisor", tracking=True, index=True)
    auto_service_type = fields.Selection(
        SERVICE_TYPES, default="maintenance", required=True, tracking=True, index=True, string="Service Type"
    )
    auto_technician_ids = fields.Many2many(
        "res.users",
        "repair_order_technician_rel",
        "repair_id",
        "user_id",
        string="Technicians",
        domain=[("share", "=", False)],
    )
    auto_mileage_in = fields.Integer("Mileage In (km)", tracking=True, help="Odometer when the vehicle came in.")
    auto_mileage_correction_reason = fields.Char(
        help="Required when the mileage is lower than the vehicle's last reading (odometer replaced, misread...).",
        string="Mileage Correction Reason",
    )
    auto_odometer_id = fields.Many2one(
        "auto.vehicle.odometer", string="Odometer Reading", readonly=True, copy=False, ondelete="set null"
    )
    auto_last_mileage = fields.Integer(related="auto_vehicle_id.mileage", string="Last Known Mileage (km)")
    auto_date_received = fields.Datetime(
        "Received On", default=fields.Datetime.now, required=True, copy=False, tracking=True
    )
    auto_promised_date = fields.Datetime(
        "Promised For", tracking=True, copy=False, help="When the customer was promised the vehicle back."
    )
    auto_date_started = fields.Datetime("Work Started", readonly=True, copy=False)
    auto_date_done = fields.Datetime("Completed On", readonly=True, copy=False, index=True)
    auto_in_warranty = fields.Boolean(
        compute="_compute_in_warranty",
        store=True,
        help="The vehicle was within its warranty (years and km) on the day it came in, at its mileage in.",
        string="In Warranty",
    )
    # groups: a repair user of Odoo's own repair app (no dealership role) reads repairs without the workshop's
    # records; the workshop's roles see them
    auto_labour_line_ids = fields.One2many(
        "auto.repair.labour", "repair_id", string="Labour", copy=False, groups=WORKSHOP_GROUPS
    )
    auto_currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    auto_amount_parts = fields.Monetary(
        "Parts Amount", compute="_compute_amounts", store=True, currency_field="auto_currency_id"
    )
    auto_amount_labour = fields.Monetary(
        "Labour Amount", compute="_compute_amounts", store=True, currency_field="auto_currency_id"
    )
    auto_amount_total = fields.Monetary(
        "Total", compute="_compute_amounts", store=True, currency_field="auto_currency_id"
    )
    auto_appointment_id = fields.Many2one(
        "auto.service.appointment", copy=False, index="btree_not_null", string="Appointment"
    )
    auto_insurance_policy_id = fields.Many2one(
        "auto.insurance.policy",
        domain="[('vehicle_id', '=', auto_vehicle_id)]",
        check_company=True,
        string="Insurance Policy",
    )
    auto_insurance_claim_number = fields.Char("Insurer's Claim Number", copy=False)
    auto_comeback_of_id = fields.Many2one(
        "repair.order",
        string="Come-back Of",
        copy=False,
        index="btree_not_null",
        domain="[('auto_vehicle_id', '=', auto_vehicle_id), ('state', '=', 'done')]",
        help="The earlier order this vehicle came back for, because it was not fixed the first time.",
    )
    auto_comeback_ids = fields.One2many("repair.order", "auto_comeback_of_id", string="Come-backs")
    auto_first_time_fix = fields.Boolean(
        "Fixed First Time",
        compute="_compute_first_time_fix",
        store=True,
        help="No later order came back for this one.",
    )
    auto_warranty_claim_ids = fields.One2many(
        "auto.warranty.claim", "repair_id", string="Warranty Claims", groups=ADVISOR_GROUPS
    )
    auto_followup_ids = fields.One2many(
        "auto.followup",
        "res_id",
        domain=lambda self: [("res_model", "=", self._name)],
        string="Return Visits",
        groups=CUSTOMER_CARE_GROUPS,
    )
    auto_survey_ids = fields.One2many(
        "auto.service.survey", "repair_id", string="Satisfaction Surveys", groups=CUSTOMER_CARE_GROUPS
    )
    auto_ticket_ids = fields.One2many("auto.service.ticket", "repair_id", string="Tickets", groups=CUSTOMER_CARE_GROUPS)
    auto_return_visit_count = fields.Integer(
        compute="_compute_return_visit_count", groups=CUSTOMER_CARE_GROUPS, string="Return Visit Count"
    )
    auto_ticket_count = fields.Integer(
        compute="_compute_ticket_count", groups=CUSTOMER_CARE_GROUPS, string="Ticket Count"
    )
    auto_claim_count = fields.Integer(compute="_compute_claim_count", groups=ADVISOR_GROUPS, string="Claim Count")
    auto_campaign_vehicle_ids = fields.One2many(
        "auto.service.campaign.vehicle",
        "repair_id",
        string="Recalls and Campaigns Done",
        groups=WORKSHOP_GROUPS,
        help="The recalls and service campaigns of the vehicle carried out on this order.",
    )
    auto_open_campaign_names = fields.Char(
        "Open Recalls",
        compute="_compute_auto_open_campaign_names",
        groups=WORKSHOP_GROUPS,
        help="Recalls and service campaigns of the vehicle still to be done and not yet on a service order.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("picking_id", "auto_vehicle_id")
    def _compute_partner_id(self):
        result = super()._compute_partner_id()
        for repair in self:
            if repair.auto_vehicle_id.partner_id:
                repair.partner_id = repair.auto_vehicle_id.partner_id
        return result

    @api.depends(
        "auto_vehicle_id.warranty_end_date", "auto_vehicle_id.warranty_end_km", "auto_mileage_in", "auto_date_received"
    )
    def _compute_in_warranty(self):
        for repair in self:
            day = fields.Date.context_today(repair, repair.auto_date_received or fields.Datetime.now())
            repair.auto_in_warranty = bool(repair.auto_vehicle_id) and repair.auto_vehicle_id._is_in_warranty(
                day, repair.auto_mileage_in
            )

    @api.depends(
        "move_ids.product_uom_qty",
        "move_ids.product_id",
        "move_ids.repair_line_type",
        "auto_labour_line_ids.amount",
        "under_warranty",
        "sale_order_id.amount_untaxed",
        "sale_order_id.currency_id",
        "auto_labour_line_ids.sale_line_id.price_subtotal",
    )
    def _compute_amounts(self):
        """Once the service order has its quotation, its amounts are the quotation's (untaxed, in the
        company's currency): pricelist, discounts and warranty lines at nothing are Odoo's own; the labour is
        the quotation lines of the operations, the parts everything else on it. Before, an estimate at the
        parts' sales prices and the operations' rates."""
        for repair in self:
            order = repair.sale_order_id
            if order:
                labour = sum(repair.auto_labour_line_ids.sale_line_id.mapped("price_subtotal"))
                untaxed = order.amount_untaxed
                if order.currency_id != repair.auto_currency_id:
                    day = order.date_order or fields.Date.context_today(repair)
                    labour, untaxed = (
                        order.currency_id._convert(amount, repair.auto_currency_id, repair.company_id, day)
                        for amount in (labour, untaxed)
                    )
                repair.auto_amount_labour = labour
                repair.auto_amount_parts = untaxed - labour
                repair.auto_amount_total = untaxed
                continue
            parts = 0.0
            if not repair.under_warranty:
                parts = sum(
                    move.product_uom_qty * move.product_id.lst_price
                    for move in repair.move_ids
                    if move.repair_line_type == "add" and move.state != "cancel"
                )
            repair.auto_amount_parts = parts
            repair.auto_amount_labour = sum(repair.auto_labour_line_ids.mapped("amount"))
            repair.auto_amount_total = repair.auto_amount_parts + repair.auto_amount_labour

    @api.depends("auto_comeback_ids")
    def _compute_first_time_fix(self):
        for repair in self:
            repair.auto_first_time_fix = not repair.auto_comeback_ids

    @api.depends("auto_vehicle_id", "auto_campaign_vehicle_ids")
    def _compute_auto_open_campaign_names(self):
        Line = self.env["auto.service.campaign.vehicle"]
        lines = Line.search_fetch(
            Line._open_domain(self.auto_vehicle_id, unassigned=True), ["vehicle_id", "campaign_id"]
        )
        names = {}
        for line in lines:
            names.setdefault(line.vehicle_id.id, []).append(line.campaign_id.name)
        for repair in self:
            repair.auto_open_campaign_names = " · ".join(names.get(repair.auto_vehicle_id.id, [])) or False

    def _compute_return_visit_count(self):
        for repair in self:
            repair.auto_return_visit_count = len(repair.auto_followup_ids)

    def _compute_ticket_count(self):
        for repair in self:
            repair.auto_ticket_count = len(repair.auto_ticket_ids)

    def _compute_claim_count(self):
        for repair in self:
            repair.auto_claim_count = len(repair.auto_warranty_claim_ids)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("auto_mileage_in", "auto_vehicle_id")
    def _check_mileage_in(self):
        for repair in self:
            if repair.auto_mileage_in < 0:
                raise ValidationError(
                    _("The mileage in cannot be negative (%(value)s km).", value=repair.auto_mileage_in)
                )

    @api.constrains("auto_service_type", "auto_vehicle_id", "auto_in_warranty")
    def _check_warranty_order(self):
        for repair in self:
            if repair.auto_service_type == "warranty" and repair.auto_vehicle_id and not repair.auto_in_warranty:
                raise ValidationError(
                    _(
                        "%(vehicle)s is out of warranty (ends %(date)s or at %(km)s km; mileage in %(mileage)s km): "
                        "it cannot come in for a warranty repair. Choose another service type.",
                        vehicle=repair.auto_vehicle_id.display_name,
                        date=repair.auto_vehicle_id.warranty_end_date or _("not set"),
                        km=repair.auto_vehicle_id.warranty_end_km,
                        mileage=repair.auto_mileage_in,
                    )
                )

    @api.constrains("auto_comeback_of_id")
    def _check_comeback(self):
        for repair in self:
            if repair.auto_comeback_of_id and repair.auto_comeback_of_id.auto_vehicle_id != repair.auto_vehicle_id:
                raise ValidationError(_("A come-back must be for an earlier order of the same vehicle."))

    @api.onchange("auto_vehicle_lookup")
    def _onchange_vehicle_lookup(self):
        if not self.auto_vehicle_lookup:
            return
        vehicle = self._find_vehicle(self.auto_vehicle_lookup)
        if vehicle:
            self.auto_vehicle_id = vehicle
            self.auto_vehicle_lookup = False
        else:
            lookup = self.auto_vehicle_lookup
            self.auto_vehicle_lookup = False
            return {
                "warning": {
                    "title": _("Vehicle not found"),
                    "message": _(
                        "No vehicle has the plate or VIN %(lookup)s. Register the vehicle first.", lookup=lookup
                    ),
                }
            }

    @api.onchange("auto_vehicle_id")
    def _onchange_vehicle_id(self):
        if self.auto_vehicle_id and not self.auto_mileage_in:
            self.auto_mileage_in = self.auto_vehicle_id.mileage

    @api.onchange("auto_service_type")
    def _onchange_service_type(self):
        if self.auto_service_type == "warranty":
            self.under_warranty = True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            lookup = vals.pop("auto_vehicle_lookup", False)
            if lookup and not vals.get("auto_vehicle_id"):
                vehicle = self._find_vehicle(lookup)
                if not vehicle:
                    raise ValidationError(_("No vehicle has the plate or VIN %(lookup)s.", lookup=lookup))
                vals["auto_vehicle_id"] = vehicle.id
        repairs = super().create(vals_list)
        repairs.filtered(lambda r: r.auto_vehicle_id and r.auto_mileage_in)._record_mileage()
        repairs.filtered("auto_vehicle_id")._after_reception()
        return repairs

    def copy_data(self, default=None):
        """A copied service order keeps its labour lines when the user may see them (labour is not ``copy``:
        Odoo copies a field's lines with the user's rights, and a repair user of Odoo's own app has none)."""
        vals_list = super().copy_data(default=default)
        if "auto_labour_line_ids" not in (default or {}) and self.env.user.has_groups(WORKSHOP_GROUPS):
            for repair, vals in zip(self, vals_list, strict=True):
                vals["auto_labour_line_ids"] = [
                    Command.create(line) for line in repair.auto_labour_line_ids.copy_data({"repair_id": False})
                ]
        return vals_list

    def write(self, vals):
        vals.pop("auto_vehicle_lookup", None)
        result = super().write(vals)
        if vals.get("auto_vehicle_id"):
            self._after_reception()
        if {"auto_mileage_in", "auto_vehicle_id", "auto_mileage_correction_reason"} & set(vals):
            self.filtered(lambda r: r.auto_vehicle_id and r.auto_mileage_in)._record_mileage()
        if "under_warranty" in vals:
            # the labour on the quotation is at nothing under warranty, at its rate otherwise
            self.sudo().auto_labour_line_ids._update_repair_sale_order_line()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_repair_start(self):
        result = super().action_repair_start()
        self.filtered(lambda r: not r.auto_date_started).write({"auto_date_started": fields.Datetime.now()})
        return result

    def action_create_sale_order(self):
        """Odoo's quotation of the service order, with the labour operations on it beside the parts."""
        for repair in self:
            # the quotation is the service order's advisor's (Odoo would give it to the customer's consultant)
            advisor = repair.user_id or self.env.user
            super(RepairOrder, repair.with_context(default_user_id=advisor.id)).action_create_sale_order()
        self.sudo().auto_labour_line_ids._create_repair_sale_order_line()
        return self.action_view_sale_order() if len(self) == 1 else True

    def action_repair_done(self):
        result = super().action_repair_done()
        self._after_service_done()
        return result

    def action_repair_cancel(self):
        result = super().action_repair_cancel()
        # a recall left undone goes back to the vehicle's open work
        self.sudo().auto_campaign_vehicle_ids.filtered(lambda line: line.state == "open").write({"repair_id": False})
        return result

    def action_auto_add_campaigns(self):
        """Carry out on this order the vehicle's open recalls and service campaigns (at no charge to the owner:
        the manufacturer's claim)."""
        Line = self.env["auto.service.campaign.vehicle"]
        open_lines = Line.search(Line._open_domain(self.auto_vehicle_id, unassigned=True))
        for repair in self:
            lines = open_lines.filtered(lambda line, repair=repair: line.vehicle_id == repair.auto_vehicle_id)
            if not lines:
                raise UserError(
                    _("%(vehicle)s has no open recall to add.", vehicle=repair.auto_vehicle_id.display_name)
                )
            lines.write({"repair_id": repair.id})
            repair.message_post(
                body=_(
                    "Recalls and campaigns added: %(campaigns)s",
                    campaigns=", ".join(lines.campaign_id.mapped("name")),
                )
            )
        return True

    def action_view_return_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {
            "default_repair_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_vehicle_id": self.auto_vehicle_id.id,
        }
        return action

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_aftersales.auto_service_ticket_action")
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_aftersales.auto_warranty_claim_action")
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_create_warranty_claim(self):
        self.ensure_one()
        claim = self.env["auto.warranty.claim"].create({"repair_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "auto.warranty.claim",
            "res_id": claim.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _find_vehicle(self, lookup):
        """The vehicle whose plate or VIN is ``lookup`` (exact first, then a unique partial match)."""
        Vehicle = self.env["auto.vehicle"]
        text = (lookup or "").strip()
        if not text:
            return Vehicle
        plate = Vehicle._normalize_plate(text)
        bare = plate.replace("·", "")
        plates = {plate, bare, f"{bare[:2]}·{bare[2:]}"}  # 川A12345 finds 川A·12345
        vin = vin_tools.normalize_vin(text)
        vehicle = Vehicle.search(["|", ("plate_number", "in", list(plates)), ("vin", "=", vin)], limit=1)
        if vehicle:
            return vehicle
        found = Vehicle.search(["|", ("plate_number", "ilike", plate), ("vin", "ilike", vin)], limit=2)
        return found if len(found) == 1 else Vehicle

    def _record_mileage(self):
        """Record the mileage in as a service odometer reading (refused there when it goes back without a reason)."""
        # sudo: the reading follows the service order, whoever records its mileage (a repair user of Odoo's own
        # app cannot write the registry); the odometer's own rule (no going back without a reason) still applies
        Odometer = self.env["auto.vehicle.odometer"].sudo()
        today = fields.Date.context_today(self)
        to_create = []
        for repair in self:
            day = min(fields.Date.context_today(self, repair.auto_date_received), today)
            vals = {
                "vehicle_id": repair.auto_vehicle_id.id,
                "value": repair.auto_mileage_in,
                "date": day,
                "source": "service",
                "correction_reason": repair.auto_mileage_correction_reason or False,
                "note": repair.name,
            }
            if repair.auto_odometer_id and repair.auto_odometer_id.vehicle_id == repair.auto_vehicle_id:
                if (repair.auto_odometer_id.value, repair.auto_odometer_id.correction_reason or False) != (
                    vals["value"],
                    vals["correction_reason"],
                ):
                    repair.auto_odometer_id.sudo().write(vals)
            else:
                to_create.append((repair, vals))
        if to_create:
            readings = Odometer.create([vals for _repair, vals in to_create])
            for (repair, _vals), reading in zip(to_create, readings, strict=True):
                super(RepairOrder, repair).write({"auto_odometer_id": reading.id})
        return True

    def _after_reception(self):
        """A car received in the workshop (a service order opened for it, or given its vehicle): the hand-off
        from reception to the other departments. Nothing here; higher addons extend it with ``super()``."""
        return True

    def _after_service_done(self):
        """A finished order: date it, feed the customer's value, schedule the return visit; a maintenance
        answers the reminders of the service it was."""
        now = fields.Datetime.now()
        self.filtered(lambda r: not r.auto_date_done).write({"auto_date_done": now})
        self._feed_customer_value()
        self._schedule_return_visits()
        self._cancel_maintenance_reminders()
        # sudo: the recall is done whoever finishes the order (a repair user of Odoo's own app has no dealership role)
        self.sudo().auto_campaign_vehicle_ids._mark_done()

    def _feed_customer_value(self):
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "partner_id": repair.partner_id.commercial_partner_id.id,
                "amount": repair.auto_amount_total,
                # the day the order was finished where the dealership is (never after today)
                "date": min(fields.Date.context_today(repair, repair.auto_date_done), today),
                "value_type": "service",
                "description": repair.name,
                "origin": repair.name,
                "res_model": "repair.order",
                "res_id": repair.id,
                "company_id": repair.company_id.id,
            }
            for repair in self
            if repair.partner_id and repair.auto_date_done
        ]
        if vals_list:
            # sudo: value records are derived data only the customer addon's engine writes; advisors read them
            self.env["auto.customer.value"].sudo()._feed(vals_list)

    def _cancel_maintenance_reminders(self):
        """Cancel the maintenance reminders still to make for the vehicles of these finished maintenance orders.

        Only the next service of a vehicle is ever reminded (the first one from its delivery, the later ones by
        the "Maintenance due" rule): reminders still pending are about the service just done, even when it
        came earlier than estimated; the next ones are scheduled from it.
        """
        vehicles = self.filtered(lambda r: r.auto_service_type == "maintenance").auto_vehicle_id
        if not vehicles:
            return self.env["auto.followup"]
        # sudo: the reminders are the consultant's, which the workshop finishing the service may not read
        reminders = (
            self.env["auto.followup"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "in", vehicles.ids),
                    ("state", "in", ("planned", "open")),
                    "|",
                    ("plan_id.purpose", "=", "maintenance_reminder"),
                    ("rule_id.trigger", "=", "maintenance_due"),
                ]
            )
        )
        reminders._cancel()
        return reminders

    def _schedule_return_visits(self):
        """One return visit (回访) per finished order, through the follow-up engine."""

        def subject(repair):
            if not repair.auto_vehicle_id:
                return None  # a repair of Odoo's own repair app (no vehicle) is not called back
            return {
                "partner_id": repair.partner_id.id,
                "vehicle_id": repair.auto_vehicle_id.id,
                "res_model": repair._name,
                "res_id": repair.id,
                "user_id": (repair.company_id.auto_return_visit_user_id or repair.user_id).id,
                "trigger_date": fields.Date.context_today(self, repair.auto_date_done or fields.Datetime.now()),
                "trigger_key": f"repair{repair.id}:return_visit",
            }

        # sudo: the return visit is customer relations' work; a repair user of Odoo's own repair app (no
        # dealership role) cannot read follow-up plans, and finishing the repair must not fail for them
        return self.env["auto.followup"].sudo()._schedule_for_purpose("service_return_visit", self, subject)
