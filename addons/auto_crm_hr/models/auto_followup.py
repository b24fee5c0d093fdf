from odoo import api, fields, models


class AutoFollowup(models.Model):
    _inherit = "auto.followup"

    auto_hr_certification_id = fields.Many2one(
        "auto.hr.certification", string="Certificate", index="btree_not_null", ondelete="cascade"
    )

    @api.constrains("partner_id", "vehicle_id", "auto_hr_certification_id", "date_scheduled")
    def _check_subject(self):
        return super()._check_subject()

    def _has_subject(self):
        return super()._has_subject() or bool(self.auto_hr_certification_id)
