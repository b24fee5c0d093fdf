from odoo import api, models

UTM_FIELDS = ("campaign_id", "source_id", "medium_id")


class AutoTestDrive(models.Model):
    """Test drives carry the campaign, source and medium (Odoo's utm), taken from their lead."""

    _name = "auto.test.drive"
    _inherit = ["auto.test.drive", "utm.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        lead_ids = {vals["lead_id"] for vals in vals_list if vals.get("lead_id")}
        leads = {lead.id: lead for lead in self.env["crm.lead"].browse(lead_ids)}
        for vals in vals_list:
            lead = leads.get(vals.get("lead_id"))
            if lead:
                for fname in UTM_FIELDS:
                    if not vals.get(fname) and lead[fname]:
                        vals[fname] = lead[fname].id
        return super().create(vals_list)
