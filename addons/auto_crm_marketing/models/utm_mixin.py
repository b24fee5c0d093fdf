from odoo import api, models


class UtmMixin(models.AbstractModel):
    _inherit = "utm.mixin"

    @api.model
    def _get_unique_names(self, model_name, names):
        if model_name == "utm.campaign":
            # sudo: a campaign's identifier is unique over every campaign, the ones the record rules hide from
            # the user included (a consultant creating "Open Day" while marketing runs its own "Open Day")
            return super(UtmMixin, self.sudo())._get_unique_names(model_name, names)
        return super()._get_unique_names(model_name, names)
