from odoo import _, api, fields, models
from odoo.exceptions import UserError

WORKLIST_KINDS = [
    ("followup", "Follow-up"),
    ("birthday", "Birthday"),
]
WORKLIST_TEAMS = [("sales", "Sales"), ("service", "Service")]


class AutoWorklistItem(models.Model):
    """One line of a user's worklist for today, ranked and explained.

    Materialised by ``auto.worklist.registry._worklist_refresh()`` when the user (or their manager) opens the
    worklist: the items of a user are replaced each time, so they are never edited by hand.
    """

    _name = "auto.worklist.item"
    _description = "Worklist Item"
    _order = "user_id, rank, id"
    _rec_name = "name"

    user_id = fields.Many2one("res.users", string="Responsible", required=True, index=True, ondelete="cascade")
    team = fields.Selection(WORKLIST_TEAMS, index=True, help="Whose managers see this item.")
    kind = fields.Selection(WORKLIST_KINDS, required=True, index=True)
    rank = fields.Integer(aggregator=False, help="Place in the user's list for today: 1 first.")
    score = fields.Float(digits=(16, 1), aggregator=False, help="The higher, the higher in the list.")
    name = fields.Char("To Do", required=True)
    reason = fields.Char("Why", help="Why this item is here, and why in this place.")
    res_model = fields.Char("Record Model", required=True)
    res_id = fields.Many2oneReference("Record", model_field="res_model", required=True)
    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="cascade")
    date_due = fields.Date("Due")
    overdue_days = fields.Integer("Days Overdue", aggregator="max")
    is_overdue = fields.Boolean("Overdue", compute="_compute_is_overdue", store=True)
    overdue_count = fields.Integer("Overdue Items", compute="_compute_is_overdue", store=True, aggregator="sum")
    due_count = fields.Integer("Items", default=1, aggregator="sum")
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("overdue_days")
    def _compute_is_overdue(self):
        for item in self:
            item.is_overdue = item.overdue_days > 0
            item.overdue_count = 1 if item.overdue_days > 0 else 0

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_open_my_worklist(self):
        """Today's worklist of the current user, built afresh."""
        self.env["auto.worklist.registry"]._worklist_refresh(self.env.user)
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_worklist_item_action")
        action["domain"] = [("user_id", "=", self.env.uid)]
        return action

    @api.model
    def action_open_team_worklists(self):
        """The worklists of the manager's team, built afresh, grouped by member: who is behind."""
        members = self.env["auto.worklist.registry"]._worklist_team_users()
        self.env["auto.worklist.registry"]._worklist_refresh(members)
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_worklist_item_action_team")
        action["domain"] = [("user_id", "in", members.ids)]
        return action

    def action_refresh(self):
        """Build the list shown again: the user's own, or the team's on the managers' screen."""
        registry = self.env["auto.worklist.registry"]
        if self.env.context.get("auto_worklist_team"):
            registry._worklist_refresh(registry._worklist_team_users())
        else:
            registry._worklist_refresh(self.env.user)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_record(self):
        """Open the record of the item, to act on it."""
        self.ensure_one()
        if self.res_model not in self.env:
            raise UserError(_("This item's record no longer exists: refresh the worklist."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(_("This item's record no longer exists: refresh the worklist."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_record_outcome(self):
        """For a follow-up: record its outcome with the follow-up engine's own action."""
        self.ensure_one()
        if self.res_model != "auto.followup":
            return self.action_open_record()
        return self.env["auto.followup"].browse(self.res_id).action_done()
