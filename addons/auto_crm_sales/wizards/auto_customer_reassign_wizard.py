from odoo import _, api, fields, models


class AutoCustomerReassignWizard(models.TransientModel):
    _inherit = "auto.customer.reassign.wizard"

    reassign_leads = fields.Boolean("Open Leads", default=True)
    lead_count = fields.Integer(compute="_compute_lead_count")

    @api.depends("user_from_id")
    def _compute_lead_count(self):
        for wizard in self:
            wizard.lead_count = wizard.user_from_id and self.env["crm.lead"].search_count(wizard._lead_domain())

    def _lead_domain(self):
        return [("user_id", "=", self.user_from_id.id), ("probability", "<", 100)]

    def _reassign_records(self):
        counts = super()._reassign_records()
        if self.reassign_leads:
            leads = self.env["crm.lead"].search(self._lead_domain())
            leads.write({"user_id": self.user_to_id.id})
            counts.append((_("leads"), len(leads)))
        return counts
