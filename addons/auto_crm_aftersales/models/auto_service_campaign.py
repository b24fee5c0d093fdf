from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

CAMPAIGN_KINDS = [("recall", "Recall"), ("service_campaign", "Service Campaign")]
CAMPAIGN_STATES = [("draft", "Draft"), ("open", "In Progress"), ("closed", "Closed")]


class AutoServiceCampaign(models.Model):
    """A recall (召回) or service campaign (服务活动) of the manufacturer: the vehicles it concerns, the owners told,
    and each vehicle's work done on a service order."""

    _name = "auto.service.campaign"
    _description = "Recall or Service Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.followup.subject.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        "Manufacturer Reference", tracking=True, help="The manufacturer's or the authority's campaign number."
    )
    kind = fields.Selection(CAMPAIGN_KINDS, default="recall", required=True, tracking=True)
    state = fields.Selection(CAMPAIGN_STATES, default="draft", required=True, tracking=True, index=True)
    description = fields.Text(
        "What the Owner Is Told",
        help="What is wrong and what the dealership will do, free of charge: shown to the owner on the portal.",
    )
    instructions = fields.Text("Workshop Instructions", help="The operation the technician carries out.")
    model_ids = fields.Many2many("auto.vehicle.model", string="Vehicle Models", required=True)
    purchase_date_from = fields.Date("Sold From", help="Only vehicles sold on or after this date (empty: any).")
    purchase_date_to = fields.Date("Sold Until", help="Only vehicles sold on or before this date (empty: any).")
    date_start = fields.Date("Starts On", default=fields.Date.context_today, required=True, tracking=True)
    date_end = fields.Date("Ends On", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Calls the owners of the vehicles concerned (follow-ups) and watches the completion.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    vehicle_line_ids = fields.One2many("auto.service.campaign.vehicle", "campaign_id", string="Vehicles")
    vehicle_count = fields.Integer("Vehicles Concerned", compute="_compute_counts")
    done_count = fields.Integer("Vehicles Done", compute="_compute_counts")
    completion_rate = fields.Float("Completion (%)", compute="_compute_counts", digits=(16, 1))

    @api.depends("vehicle_line_ids.state")
    def _compute_counts(self):
        counts = {
            (campaign.id, state): count
            for campaign, state, count in self.env["auto.service.campaign.vehicle"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
            )
        }
        for campaign in self:
            done = counts.get((campaign.id, "done"), 0)
            total = done + counts.get((campaign.id, "open"), 0)
            campaign.vehicle_count = total
            campaign.done_count = done
            campaign.completion_rate = 100.0 * done / total if total else 0.0

    @api.constrains("purchase_date_from", "purchase_date_to", "date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if (
                campaign.purchase_date_from
                and campaign.purchase_date_to
                and (campaign.purchase_date_from > campaign.purchase_date_to)
            ):
                raise ValidationError(_("%(campaign)s: 'Sold From' is after 'Sold Until'.", campaign=campaign.name))
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(_("%(campaign)s ends before it starts.", campaign=campaign.name))

    def action_open(self):
        """Open the campaign: its vehicles are found and the owners are to be called."""
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(_("Only a draft campaign can be opened."))
        self.write({"state": "open"})
        self.action_find_vehicles()
        self._notify_owners()

    def action_close(self):
        self.write({"state": "closed"})

    def action_reset_draft(self):
        if self.filtered(lambda c: c.state != "closed"):
            raise UserError(_("Only a closed campaign can be reopened as draft."))
        self.write({"state": "draft"})

    def action_find_vehicles(self):
        """Add every vehicle of the campaign's models (sold in its dates) that is not on it yet; one search and
        one batch create per campaign, whatever the number of vehicles."""
        Line = self.env["auto.service.campaign.vehicle"]
        for campaign in self:
            domain = [
                ("model_id", "in", campaign.model_ids.ids),
                ("company_id", "=", campaign.company_id.id),
                ("state", "!=", "scrapped"),
                ("id", "not in", campaign.vehicle_line_ids.vehicle_id.ids),
            ]
            if campaign.purchase_date_from:
                domain.append(("purchase_date", ">=", campaign.purchase_date_from))
            if campaign.purchase_date_to:
                domain.append(("purchase_date", "<=", campaign.purchase_date_to))
            vehicles = self.env["auto.vehicle"].search(domain)
            Line.create([{"campaign_id": campaign.id, "vehicle_id": vehicle.id} for vehicle in vehicles])
        return True

    def action_notify_owners(self):
        self._notify_owners()
        return True

    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_aftersales.auto_service_campaign_vehicle_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    def _notify_owners(self):
        """One call (follow-up of the plan for campaign notices) per owner's vehicle still to be done; idempotent."""
        lines = self.vehicle_line_ids.filtered(lambda line: line.state == "open" and line.partner_id)

        def subject(line):
            return {
                "partner_id": line.partner_id.id,
                "vehicle_id": line.vehicle_id.id,
                "res_model": line.campaign_id._name,
                "res_id": line.campaign_id.id,
                "user_id": (line.campaign_id.user_id or line.vehicle_id.user_id).id,
                "trigger_date": fields.Date.context_today(self),
                "trigger_key": f"service_campaign{line.campaign_id.id}:vehicle{line.vehicle_id.id}",
            }

        # sudo: the calls are customer relations' follow-ups, which a service advisor opening a campaign may not
        # create (plans and other users' follow-ups)
        return self.env["auto.followup"].sudo()._schedule_for_purpose("service_campaign_notice", lines, subject)
