from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import vin as vin_tools
from ..tools.rfm import TierSettings

VIN_POLICY_CHECK_DIGIT = {"region": None, "always": True, "never": False}


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_vin_check_digit_policy = fields.Selection(
        [
            ("region", "Where the region requires it (North America, China)"),
            ("always", "Always"),
            ("never", "Never"),
        ],
        string="VIN Check Digit",
        default="region",
        required=True,
    )
    auto_tier_key_value_share = fields.Float("Key Tier: Value Share (%)", default=80.0)
    auto_tier_key_customer_share = fields.Float("Key Tier: Customer Share (%)", default=20.0)
    auto_tier_potential_min_score = fields.Integer("Potential Tier: Minimum RFM Score", default=10)
    auto_tier_window_months = fields.Integer("RFM Window (months)", default=36)
    auto_followup_manager_id = fields.Many2one("res.users", string="Follow-up Escalation Manager")
    auto_followup_escalation_days = fields.Integer("Escalate After (days overdue)", default=2)

    @api.constrains(
        "auto_tier_key_value_share",
        "auto_tier_key_customer_share",
        "auto_tier_potential_min_score",
        "auto_tier_window_months",
        "auto_followup_escalation_days",
    )
    def _check_auto_crm_settings(self):
        for company in self:
            for share in (company.auto_tier_key_value_share, company.auto_tier_key_customer_share):
                if not 0 < share <= 100:
                    raise ValidationError(
                        _("Tier shares are percentages between 0 and 100 (got %(value)s).", value=share)
                    )
            if not 3 <= company.auto_tier_potential_min_score <= 15:
                raise ValidationError(
                    _(
                        "The RFM score adds three scores from 1 to 5: the potential tier threshold must be between "
                        "3 and 15 (got %(value)s).",
                        value=company.auto_tier_potential_min_score,
                    )
                )
            if company.auto_tier_window_months <= 0:
                raise ValidationError(_("The RFM window must be at least one month."))
            if company.auto_followup_escalation_days < 0:
                raise ValidationError(_("The escalation delay cannot be negative."))

    def _auto_vin_check_digit(self):
        self.ensure_one()
        return VIN_POLICY_CHECK_DIGIT[self.auto_vin_check_digit_policy or "region"]

    def _auto_validate_vin(self, value):
        """Validate a VIN with this company's policy; return it normalized or raise a translated ValidationError.

        Every place a VIN enters (forms, imports, other addons) goes through here.
        """
        company = self[:1] or self.env.company
        try:
            return vin_tools.validate_vin(value, check_digit=company._auto_vin_check_digit())
        except vin_tools.VinError as error:
            raise ValidationError(self.env["auto.vehicle"]._vin_error_message(error)) from error

    def _auto_tier_settings(self):
        self.ensure_one()
        return TierSettings(
            key_value_share=self.auto_tier_key_value_share,
            key_customer_share=self.auto_tier_key_customer_share,
            potential_min_score=self.auto_tier_potential_min_score,
        )
