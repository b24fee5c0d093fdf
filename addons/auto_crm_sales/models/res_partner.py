from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_licence_number = fields.Char("Driving Licence Number", copy=False)
    auto_licence_expiry = fields.Date("Licence Valid Until", copy=False)
    auto_test_drive_ids = fields.One2many(
        "auto.test.drive", "partner_id", string="Test Drives", groups="auto_crm_customer.group_sales_consultant"
    )
    auto_test_drive_count = fields.Integer(
        "Test Drive Count", compute="_compute_auto_test_drive_count", groups="auto_crm_customer.group_sales_consultant"
    )

    def _compute_auto_test_drive_count(self):
        counts = dict(
            self.env["auto.test.drive"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.auto_test_drive_count = counts.get(partner, 0)

    def action_view_auto_test_drives(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_sales.auto_test_drive_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
