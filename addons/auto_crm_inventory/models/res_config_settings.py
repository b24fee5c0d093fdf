from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_stock_age_limit_1 = fields.Integer(related="company_id.auto_stock_age_limit_1", readonly=False)
    auto_stock_age_limit_2 = fields.Integer(related="company_id.auto_stock_age_limit_2", readonly=False)
    auto_stock_age_limit_3 = fields.Integer(related="company_id.auto_stock_age_limit_3", readonly=False)
    auto_stock_carrying_cost = fields.Monetary(related="company_id.auto_stock_carrying_cost", readonly=False)
    auto_part_abc_a_share = fields.Float(related="company_id.auto_part_abc_a_share", readonly=False)
    auto_part_abc_b_share = fields.Float(related="company_id.auto_part_abc_b_share", readonly=False)
