from odoo import api, fields, models


class AutoFollowup(models.Model):
    _inherit = "auto.followup"

    # a shortcut to the subject (res_model/res_id) of a certificate's renewal reminder
    auto_hr_certification_id = fields.Many2one(
        "auto.hr.certification",
        string="Certificate",
        compute="_compute_subject_links",
        inverse="_inverse_auto_hr_certification_id",
        search="_search_auto_hr_certification_id",
    )

    @api.model
    def _subject_links(self):
        return {**super()._subject_links(), "auto_hr_certification_id": ("auto.hr.certification", {})}

    def _inverse_auto_hr_certification_id(self):
        self._subject_link_inverse("auto_hr_certification_id")

    def _search_auto_hr_certification_id(self, operator, value):
        return self._subject_link_search("auto_hr_certification_id", operator, value)
