from odoo import api, fields, models

from ..models.auto_followup import FOLLOWUP_OUTCOMES


class AutoFollowupDoneWizard(models.TransientModel):
    _name = "auto.followup.done.wizard"
    _description = "Follow-up Outcome"

    followup_ids = fields.Many2many("auto.followup", string="Follow-ups", required=True)
    outcome = fields.Selection(FOLLOWUP_OUTCOMES, required=True)
    note = fields.Text(required=True, help="What was said or agreed: required to close a follow-up.")
    reschedule_date = fields.Date("New Date")
    script = fields.Text(compute="_compute_script")

    @api.depends("followup_ids")
    def _compute_script(self):
        for wizard in self:
            wizard.script = wizard.followup_ids[:1].script

    def action_confirm(self):
        self.ensure_one()
        self.followup_ids._close(self.outcome, self.note, self.reschedule_date)
        return {"type": "ir.actions.act_window_close"}
