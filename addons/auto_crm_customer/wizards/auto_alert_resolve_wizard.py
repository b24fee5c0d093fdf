from odoo import fields, models


class AutoAlertResolveWizard(models.TransientModel):
    _name = "auto.alert.resolve.wizard"
    _description = "Resolve Alerts"

    alert_ids = fields.Many2many("auto.alert", string="Alerts", required=True)
    note = fields.Text("Resolution", required=True, help="What was done about it.")

    def action_resolve(self):
        self.ensure_one()
        self.alert_ids._resolve(self.note)
        return {"type": "ir.actions.act_window_close"}
