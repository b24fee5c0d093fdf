from odoo import _, fields, models
from odoo.exceptions import UserError


class AutoFollowupApplyWizard(models.TransientModel):
    _name = "auto.followup.apply.wizard"
    _description = "Apply a Follow-up Plan"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    plan_id = fields.Many2one("auto.followup.plan", required=True, domain=[("target", "=", "customer")])
    trigger_date = fields.Date("Starting From", required=True, default=fields.Date.context_today)

    def action_apply(self):
        self.ensure_one()
        if not self.plan_id.step_ids:
            raise UserError(_("The plan %(plan)s has no steps yet.", plan=self.plan_id.name))
        subjects = [
            {"partner_id": partner.id, "user_id": partner.user_id.id or self.env.uid, "trigger_date": self.trigger_date}
            for partner in self.partner_ids
        ]
        followups = self.env["auto.followup"]._schedule(self.plan_id, subjects)
        followups._open_now_if_due()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("id", "in", followups.ids)]
        return action
