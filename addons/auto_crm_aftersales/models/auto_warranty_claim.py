from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("paid", "Paid"),
]


class AutoWarrantyClaim(models.Model):
    """A warranty claim (索赔) to the manufacturer for a service order on a vehicle in warranty."""

    _name = "auto.warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    repair_id = fields.Many2one(
        "repair.order", string="Service Order", required=True, index=True, ondelete="restrict", check_company=True
    )
    vehicle_id = fields.Many2one(related="repair_id.auto_vehicle_id", store=True, index=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer", store=True)
    brand_id = fields.Many2one(related="vehicle_id.brand_id", string="Manufacturer", store=True)
    user_id = fields.Many2one(related="repair_id.user_id", string="Service Advisor", store=True, index=True)
    mileage = fields.Integer(related="repair_id.auto_mileage_in", string="Mileage (km)")
    failure_description = fields.Text("Failure and Cause")
    manufacturer_reference = fields.Char("Manufacturer's Reference", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount_claimed = fields.Monetary(currency_field="currency_id", tracking=True)
    amount_approved = fields.Monetary(currency_field="currency_id", tracking=True)
    state = fields.Selection(CLAIM_STATES, default="draft", required=True, index=True, tracking=True)
    date_submitted = fields.Date("Submitted On", readonly=True)
    date_decided = fields.Date("Decided On", readonly=True)
    date_paid = fields.Date("Paid On", readonly=True)
    rejection_reason = fields.Text(tracking=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)

    @api.constrains("repair_id")
    def _check_in_warranty(self):
        for claim in self:
            repair = claim.repair_id
            if not repair.auto_vehicle_id:
                raise ValidationError(_("A warranty claim needs a service order on a vehicle."))
            if not repair.auto_in_warranty:
                vehicle = repair.auto_vehicle_id
                raise ValidationError(
                    _(
                        "%(vehicle)s was out of warranty when it came in (%(date)s at %(km)s km; warranty ends "
                        "%(end)s or at %(end_km)s km): no warranty claim can be made for %(order)s.",
                        vehicle=vehicle.display_name,
                        date=repair.auto_date_received.date(),
                        km=repair.auto_mileage_in,
                        end=vehicle.warranty_end_date or _("not set"),
                        end_km=vehicle.warranty_end_km,
                        order=repair.name,
                    )
                )

    @api.constrains("amount_claimed", "amount_approved")
    def _check_amounts(self):
        for claim in self:
            if claim.amount_claimed < 0 or claim.amount_approved < 0:
                raise ValidationError(_("The amounts of claim %(name)s cannot be negative.", name=claim.name))
            if claim.amount_approved > claim.amount_claimed:
                raise ValidationError(
                    _("The approved amount of claim %(name)s exceeds the amount claimed.", name=claim.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        repairs = self.env["repair.order"].browse([v["repair_id"] for v in vals_list if v.get("repair_id")])
        amounts = {
            r.id: r.auto_amount_parts + sum(r.auto_labour_line_ids.mapped(lambda line: line.hours * line.hourly_rate))
            for r in repairs
        }
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("auto.warranty.claim") or _("New")
            if "amount_claimed" not in vals and vals.get("repair_id"):
                vals["amount_claimed"] = amounts.get(vals["repair_id"], 0.0)
        return super().create(vals_list)

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda c: c.state not in allowed)
        if wrong:
            raise UserError(
                _("The claim %(name)s cannot be %(action)s in its current state.", name=wrong[0].name, action=action)
            )

    def action_submit(self):
        self._check_state(("draft",), _("submitted"))
        for claim in self:
            if not (claim.failure_description or "").strip():
                raise UserError(
                    _("Describe the failure and its cause before submitting claim %(name)s.", name=claim.name)
                )
        self.write({"state": "submitted", "date_submitted": fields.Date.context_today(self)})

    def action_approve(self):
        self._check_state(("submitted",), _("approved"))
        for claim in self:
            vals = {"state": "approved", "date_decided": fields.Date.context_today(self)}
            if not claim.amount_approved:
                vals["amount_approved"] = claim.amount_claimed
            claim.write(vals)

    def action_reject(self):
        self._check_state(("submitted",), _("rejected"))
        for claim in self:
            if not (claim.rejection_reason or "").strip():
                raise UserError(_("Give the manufacturer's reason for rejecting claim %(name)s.", name=claim.name))
        self.write({"state": "rejected", "date_decided": fields.Date.context_today(self), "amount_approved": 0.0})

    def action_paid(self):
        self._check_state(("approved",), _("marked as paid"))
        self.write({"state": "paid", "date_paid": fields.Date.context_today(self)})

    def action_reset(self):
        self._check_state(("rejected",), _("reset to draft"))
        self.write({"state": "draft"})
