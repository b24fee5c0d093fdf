from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging two customers with the same mobile is how duplicates are fixed.

        The mobile uniqueness check is suspended while the source partners still
        exist, then made on the merged customer. Vehicles, follow-ups and value
        records follow the merged customer through Odoo's generic foreign-key update.
        """
        result = super(BasePartnerMergeAutomaticWizard, self.with_context(auto_crm_skip_mobile_unique=True))._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        survivors = self.env["res.partner"].browse(partner_ids).exists()
        survivors._check_customer_mobile()
        return result
