from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import stock_age


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_stock_age_limit_1 = fields.Integer("Stock Age: First Bucket Up To (days)", default=stock_age.DEFAULT_LIMITS[0])
    auto_stock_age_limit_2 = fields.Integer(
        "Stock Age: Second Bucket Up To (days)", default=stock_age.DEFAULT_LIMITS[1]
    )
    auto_stock_age_limit_3 = fields.Integer("Stock Age: Third Bucket Up To (days)", default=stock_age.DEFAULT_LIMITS[2])
    auto_stock_carrying_cost = fields.Monetary(
        "Carrying Cost per Vehicle and Day",
        currency_field="currency_id",
        default=50.0,
        help="What one vehicle in stock costs per day (financing, insurance, space); "
        "multiplied by the days in stock to give the carrying cost so far.",
    )
    auto_part_abc_a_share = fields.Float("ABC: Class A Share (%)", default=80.0)
    auto_part_abc_b_share = fields.Float("ABC: Classes A and B Share (%)", default=95.0)

    @api.constrains("auto_stock_age_limit_1", "auto_stock_age_limit_2", "auto_stock_age_limit_3")
    def _check_auto_stock_age_limits(self):
        for company in self:
            try:
                company._auto_stock_age_limits()
            except ValueError as error:
                raise ValidationError(
                    _(
                        "The stock age buckets must be positive and increasing, e.g. 30, 60 and 90 days "
                        "(got %(first)s, %(second)s and %(third)s).",
                        first=company.auto_stock_age_limit_1,
                        second=company.auto_stock_age_limit_2,
                        third=company.auto_stock_age_limit_3,
                    )
                ) from error

    @api.constrains("auto_stock_carrying_cost", "auto_part_abc_a_share", "auto_part_abc_b_share")
    def _check_auto_inventory_numbers(self):
        for company in self:
            if company.auto_stock_carrying_cost < 0:
                raise ValidationError(_("The carrying cost per day cannot be negative."))
            if not 0 < company.auto_part_abc_a_share <= company.auto_part_abc_b_share <= 100:
                raise ValidationError(
                    _(
                        "The ABC shares are percentages: 0 < class A share <= classes A and B share <= 100 "
                        "(got %(a)s and %(b)s).",
                        a=company.auto_part_abc_a_share,
                        b=company.auto_part_abc_b_share,
                    )
                )

    def _auto_stock_age_limits(self):
        self.ensure_one()
        return stock_age.check_limits(
            (self.auto_stock_age_limit_1, self.auto_stock_age_limit_2, self.auto_stock_age_limit_3)
        )
