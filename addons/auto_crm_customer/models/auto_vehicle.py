from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import vin as vin_tools

VEHICLE_STATES = [
    ("in_stock", "Dealer Stock"),
    ("sold", "Sold"),
    ("customer", "Customer Vehicle"),
    ("scrapped", "Scrapped"),
]


class AutoVehicle(models.Model):
    """One physical vehicle, keyed by its VIN, for its whole life.

    Stock, sales and service all link to this record; no other addon keeps a
    second copy of a vehicle or its own VIN rules.
    """

    _name = "auto.vehicle"
    _description = "Vehicle"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "vin"
    _rec_names_search = ["vin", "plate_number", "engine_number"]
    _check_company_auto = True

    vin = fields.Char(
        "VIN",
        required=True,
        tracking=True,
        copy=False,
        help="Vehicle identification number (17 characters). Spaces, dashes and case do not matter.",
    )
    model_id = fields.Many2one("auto.vehicle.model", tracking=True, index=True, ondelete="restrict")
    series_id = fields.Many2one(related="model_id.series_id", store=True, index=True)
    brand_id = fields.Many2one(related="model_id.brand_id", store=True, index=True)
    model_year = fields.Integer(
        compute="_compute_model_year", store=True, readonly=False, help="Decoded from the VIN unless set by hand."
    )
    color = fields.Char("Colour")
    plate_number = fields.Char(tracking=True, index="btree_not_null", copy=False)
    engine_number = fields.Char(copy=False)
    partner_id = fields.Many2one("res.partner", string="Owner", tracking=True, index=True, check_company=True)
    partner_mobile = fields.Char(related="partner_id.mobile")
    user_id = fields.Many2one(
        "res.users",
        string="Consultant",
        tracking=True,
        index=True,
        help="Sales consultant in charge of this vehicle and its owner.",
    )
    ownership_ids = fields.One2many("auto.vehicle.ownership", "vehicle_id", string="Ownership History")
    purchase_date = fields.Date(tracking=True)
    odometer_ids = fields.One2many("auto.vehicle.odometer", "vehicle_id")
    mileage = fields.Integer("Mileage (km)", compute="_compute_mileage", store=True, aggregator="avg")
    mileage_date = fields.Date("Mileage Read On", compute="_compute_mileage", store=True)
    warranty_end_date = fields.Date(
        "Warranty Ends", compute="_compute_warranty", store=True, readonly=False, tracking=True
    )
    warranty_end_km = fields.Integer("Warranty Ends at (km)", compute="_compute_warranty", store=True, readonly=False)
    in_warranty = fields.Boolean(compute="_compute_in_warranty", search="_search_in_warranty")
    insurance_expiry_date = fields.Date("Insurance Expires", tracking=True)
    state = fields.Selection(VEHICLE_STATES, default="in_stock", required=True, tracking=True, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    note = fields.Html("Notes")
    active = fields.Boolean(default=True)
    followup_ids = fields.One2many("auto.followup", "vehicle_id", string="Follow-ups")
    followup_count = fields.Integer(compute="_compute_followup_count", string="Follow-up Count")

    _sql_constraints = [
        ("vin_company_uniq", "unique(vin, company_id)", "This VIN is already registered in this company."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("vin", "model_id.model_year")
    def _compute_model_year(self):
        for vehicle in self:
            if vehicle.model_id.model_year:
                vehicle.model_year = vehicle.model_id.model_year
            elif vehicle.vin and not vehicle.model_year:
                vehicle.model_year = vin_tools.vin_model_year(vehicle.vin) or False

    @api.depends("odometer_ids.value", "odometer_ids.date")
    def _compute_mileage(self):
        for vehicle in self:
            readings = vehicle.odometer_ids.sorted(lambda r: (r.date, r.id))
            last = readings[-1:] if readings else readings
            vehicle.mileage = last.value if last else 0
            vehicle.mileage_date = last.date if last else False

    @api.depends("purchase_date", "model_id.warranty_years", "model_id.warranty_km")
    def _compute_warranty(self):
        for vehicle in self:
            model = vehicle.model_id
            if vehicle.purchase_date and model.warranty_years:
                vehicle.warranty_end_date = vehicle.purchase_date + relativedelta(years=model.warranty_years)
            if model.warranty_km and not vehicle.warranty_end_km:
                vehicle.warranty_end_km = model.warranty_km

    @api.depends("warranty_end_date", "warranty_end_km", "mileage")
    def _compute_in_warranty(self):
        today = fields.Date.context_today(self)
        for vehicle in self:
            vehicle.in_warranty = vehicle._is_in_warranty(today, vehicle.mileage)

    def _search_in_warranty(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on warranty supports only 'is set' and 'is not set'."))
        today = fields.Date.context_today(self)
        self.flush_model(["warranty_end_date", "warranty_end_km", "mileage"])
        # the same rule as _is_in_warranty, as a sub-select (public SQL, no record per vehicle)
        in_warranty = SQL(
            """(SELECT id FROM auto_vehicle
                 WHERE warranty_end_date >= %(today)s
                   AND (warranty_end_km IS NULL OR warranty_end_km = 0
                        OR warranty_end_km >= COALESCE(mileage, 0)))""",
            today=today,
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", in_warranty)]

    def _compute_followup_count(self):
        counts = dict(
            self.env["auto.followup"]._read_group(
                [("vehicle_id", "in", self.ids), ("state", "in", ("planned", "open"))], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.followup_count = counts.get(vehicle, 0)

    @api.depends("vin", "plate_number", "model_id")
    def _compute_display_name(self):
        for vehicle in self:
            label = vehicle.plate_number or vehicle.vin or ""
            if vehicle.model_id:
                label = f"{label} {vehicle.model_id.series_id.display_name or ''}".strip()
            vehicle.display_name = label

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("vin", "company_id")
    def _check_vin(self):
        for vehicle in self:
            vehicle.company_id._auto_validate_vin(vehicle.vin)

    @api.model
    def _check_vin_available(self, pairs, exclude_ids=()):
        """Refuse a VIN already registered in the company (or twice in one batch), naming the vehicle there.

        :param pairs: list of ``(normalized_vin, company_id)`` about to be written
        """
        pairs = [(vin, company_id) for vin, company_id in pairs if vin]
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                raise ValidationError(_("The VIN %(vin)s appears twice in what you are saving.", vin=pair[0]))
            seen.add(pair)
        # sudo: the duplicate may be a vehicle this user cannot read; only its label is revealed
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("vin", "in", [vin for vin, _company in pairs]),
                    ("company_id", "in", list({company_id for _vin, company_id in pairs})),
                    ("id", "not in", list(exclude_ids)),
                ]
            )
        )
        by_key = {(vehicle.vin, vehicle.company_id.id): vehicle for vehicle in existing}
        for pair in pairs:
            other = by_key.get(pair)
            if other:
                raise ValidationError(
                    _(
                        "The VIN %(vin)s is already registered for the vehicle %(vehicle)s (owner: %(owner)s). "
                        "Open that vehicle instead of creating a second one.",
                        vin=pair[0],
                        vehicle=other.display_name,
                        owner=other.partner_id.display_name or _("dealer stock"),
                    )
                )

    @api.constrains("purchase_date", "warranty_end_date", "warranty_end_km")
    def _check_dates(self):
        for vehicle in self:
            if vehicle.warranty_end_km < 0:
                raise ValidationError(
                    _("The warranty mileage of %(vehicle)s cannot be negative.", vehicle=vehicle.display_name)
                )
            if vehicle.purchase_date and vehicle.purchase_date > fields.Date.context_today(vehicle):
                raise ValidationError(
                    _(
                        "The purchase date of %(vehicle)s is in the future (%(date)s).",
                        vehicle=vehicle.display_name,
                        date=vehicle.purchase_date,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "vin" in vals:
                vals["vin"] = vin_tools.normalize_vin(vals["vin"])
            if vals.get("plate_number"):
                vals["plate_number"] = self._normalize_plate(vals["plate_number"])
        self._check_vin_available(
            [(vals.get("vin"), vals.get("company_id") or self.env.company.id) for vals in vals_list]
        )
        vehicles = super().create(vals_list)
        owned = vehicles.filtered("partner_id")
        if owned:
            self.env["auto.vehicle.ownership"].create(
                [
                    {
                        "vehicle_id": vehicle.id,
                        "partner_id": vehicle.partner_id.id,
                        "date_start": vehicle.purchase_date or fields.Date.context_today(self),
                    }
                    for vehicle in owned
                ]
            )
        return vehicles

    def write(self, vals):
        if "vin" in vals:
            vals["vin"] = vin_tools.normalize_vin(vals["vin"])
        if vals.get("plate_number"):
            vals["plate_number"] = self._normalize_plate(vals["plate_number"])
        if "vin" in vals or "company_id" in vals:
            self._check_vin_available(
                [(vals.get("vin", v.vin), vals.get("company_id", v.company_id.id)) for v in self], exclude_ids=self.ids
            )
        changed_owner = self.env["auto.vehicle"]
        if "partner_id" in vals:
            changed_owner = self.filtered(lambda v: v.partner_id.id != vals["partner_id"])
        previous_owners = {vehicle.id: vehicle.partner_id.id for vehicle in changed_owner if vehicle.partner_id}
        result = super().write(vals)
        # auto_ownership_recorded: the caller writes the ownership lines itself (a legacy transfer, dated)
        if changed_owner and not self.env.context.get("auto_ownership_recorded"):
            changed_owner._record_owner_change()
        if previous_owners:
            self.browse(list(previous_owners))._followups_to_new_owner(previous_owners)
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {
            "default_vehicle_id": self.id,
            "default_partner_id": self.partner_id.id,
            "search_default_filter_pending": 1,
        }
        return action

    def action_add_odometer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Odometer Reading"),
            "res_model": "auto.vehicle.odometer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_vehicle_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _normalize_plate(self, plate):
        """Upper case, no spaces; a Chinese plate keeps its middle dot (川A·12345)."""
        plate = "".join(str(plate).split()).upper().replace("．", "·").replace("•", "·")
        return plate

    def _followups_to_new_owner(self, previous_owners):
        """After a change of owner (过户): the follow-ups still to do about the car itself (a maintenance or an
        insurance reminder: the vehicle and no other subject) are the new owner's calls; those about a record
        (a lead, a contract, a service order) stay with the customer of that record. A car with no owner any
        more (traded in, back in the dealership's stock) has nobody to remind: its calls are cancelled.

        :param previous_owners: ``{vehicle_id: previous owner id}``
        """
        # sudo: the follow-ups are the consultants' and the advisors'; whoever records the new owner moves them
        followups = (
            self.env["auto.followup"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "in", self.ids),
                    ("state", "in", ("planned", "open")),
                    ("res_model", "=", False),
                    ("partner_id", "in", list(set(previous_owners.values()))),
                ]
            )
        )
        moves, ownerless = {}, []
        for followup in followups:
            vehicle = followup.vehicle_id
            if followup.partner_id.id != previous_owners.get(vehicle.id):
                continue
            if vehicle.partner_id:
                moves.setdefault(vehicle.partner_id.id, []).append(followup.id)
            else:
                ownerless.append(followup.id)
        for partner_id, followup_ids in moves.items():
            followups.browse(followup_ids).write({"partner_id": partner_id})
        followups.browse(ownerless)._cancel()

    def _record_owner_change(self):
        """Close the current ownership line and open one for the new owner, in batch."""
        today = fields.Date.context_today(self)
        Ownership = self.env["auto.vehicle.ownership"]
        current = Ownership.search([("vehicle_id", "in", self.ids), ("date_end", "=", False)])
        current.write({"date_end": today})
        Ownership.create(
            [{"vehicle_id": v.id, "partner_id": v.partner_id.id, "date_start": today} for v in self if v.partner_id]
        )

    def _hand_over_to_customer(self, delivery_date=None, mileage=None, reference=None):
        """The hand-off of a delivered vehicle to its owner (交车): one step, extended by the addons that care.

        Defined here, in the lowest addon that knows the vehicle; the sales addon calls it when a contract's
        vehicle is delivered, after-sales extends it with the return visit. Each vehicle must have its owner
        (``partner_id``) set. Sets the purchase date (the warranty starts: its end date and km follow), the
        state of a customer vehicle, the odometer at delivery and the owner's last visit.

        :param delivery_date: the day the customer took the vehicle (default today)
        :param mileage: the odometer at delivery (default the last known reading, else 0)
        :param reference: the delivery's reference, noted on the odometer reading
        :return: the vehicles handed over
        """
        vehicles = self.filtered("partner_id")
        if not vehicles:
            return vehicles
        day = fields.Date.to_date(delivery_date) or fields.Date.context_today(self)
        day = min(day, fields.Date.context_today(self))
        vehicles.filtered(lambda v: v.purchase_date != day).write({"purchase_date": day})
        readings = []
        for vehicle in vehicles:
            value = vehicle.mileage if mileage is None else mileage
            if vehicle.mileage_date != day or vehicle.mileage != value:
                readings.append(
                    {"vehicle_id": vehicle.id, "value": value, "date": day, "source": "sale", "note": reference}
                )
        if readings:
            self.env["auto.vehicle.odometer"].create(readings)
        owners = vehicles.partner_id.filtered(lambda p: not p.auto_last_visit_date or p.auto_last_visit_date < day)
        if owners:
            owners.write({"auto_last_visit_date": day})
        vehicles._hand_over_state()
        return vehicles

    def _hand_over_state(self):
        """The state of a handed-over vehicle; the inventory addon derives it from stock instead."""
        self.filtered(lambda v: v.state in ("in_stock", "sold")).write({"state": "customer"})

    def _is_in_warranty(self, on_date, mileage):
        """In warranty on ``on_date`` at ``mileage`` km: before the end date and under the end mileage."""
        self.ensure_one()
        if not self.warranty_end_date or on_date > self.warranty_end_date:
            return False
        return not self.warranty_end_km or (mileage or 0) <= self.warranty_end_km

    @api.model
    def _vin_error_message(self, error):
        """The translated message of a :class:`~..tools.vin.VinError` (templates live in tools/vin.py)."""
        return self.env._(error.template, **error.params)  # pylint: disable=translation-required

    def _legacy_imported(self):
        """Vehicles created or updated by a legacy import (数据迁移): derive what follows from their imported
        history. The warranty follows from the purchase date by its compute; after-sales extends this with the
        maintenance reminders and the insurance expiry."""
        return self
