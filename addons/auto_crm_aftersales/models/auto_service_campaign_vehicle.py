from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoServiceCampaignVehicle(models.Model):
    """One vehicle concerned by a recall or service campaign, open until a finished service order did the work."""

    _name = "auto.service.campaign.vehicle"
    _description = "Vehicle of a Recall or Service Campaign"
    _order = "state desc, id"
    _rec_name = "campaign_id"

    campaign_id = fields.Many2one("auto.service.campaign", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(related="campaign_id.kind", store=True)
    campaign_state = fields.Selection(related="campaign_id.state", string="Campaign Status")
    vehicle_id = fields.Many2one("auto.vehicle", required=True, ondelete="cascade", index=True)
    vin = fields.Char(related="vehicle_id.vin")
    plate_number = fields.Char(related="vehicle_id.plate_number")
    model_id = fields.Many2one(related="vehicle_id.model_id", string="Vehicle Model")
    partner_id = fields.Many2one(related="vehicle_id.partner_id", string="Owner", store=True, index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    state = fields.Selection([("open", "To Do"), ("done", "Done")], default="open", required=True, index=True)
    repair_id = fields.Many2one(
        "repair.order", string="Service Order", index="btree_not_null", ondelete="set null", copy=False
    )
    date_done = fields.Date("Done On", readonly=True, copy=False)

    _sql_constraints = [
        (
            "vehicle_campaign_uniq",
            "unique(campaign_id, vehicle_id)",
            "A vehicle is on a campaign only once.",
        )
    ]

    @api.model
    def _open_domain(self, vehicles, unassigned=False):
        """The recalls and campaigns still to do on ``vehicles``: the line is to do and its campaign running;
        with ``unassigned``, not yet put on a service order either. The one definition of an open recall, for
        the vehicle's count, the reception's banner and "Do It on This Order"."""
        domain = [("vehicle_id", "in", vehicles.ids), ("state", "=", "open"), ("campaign_state", "=", "open")]
        if unassigned:
            domain.append(("repair_id", "=", False))
        return domain

    @api.depends("campaign_id", "vehicle_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.campaign_id.name} · {line.vehicle_id.display_name}"

    @api.constrains("repair_id", "vehicle_id")
    def _check_repair_vehicle(self):
        for line in self:
            if line.repair_id and line.repair_id.auto_vehicle_id != line.vehicle_id:
                raise ValidationError(
                    _(
                        "%(campaign)s is for %(vehicle)s: it cannot be done on a service order of another vehicle.",
                        campaign=line.campaign_id.name,
                        vehicle=line.vehicle_id.display_name,
                    )
                )

    def _mark_done(self):
        """The work was done: the service orders of these lines are finished."""
        self.filtered(lambda line: line.state == "open").write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
