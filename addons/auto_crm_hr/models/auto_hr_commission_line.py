from odoo import fields, models

LINE_KINDS = [("sale", "Vehicle Delivered"), ("clawback", "Claw-back")]


class AutoHrCommissionLine(models.Model):
    _name = "auto.hr.commission.line"
    _description = "Commission Line"
    _order = "commission_id, kind desc, id"

    commission_id = fields.Many2one("auto.hr.commission", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(LINE_KINDS, required=True, default="sale")
    order_id = fields.Many2one("sale.order", string="Contract", index=True, ondelete="restrict")
    units = fields.Float("Vehicles", digits=(16, 2))
    gross_profit = fields.Monetary(currency_field="currency_id")
    amount = fields.Monetary("Commission Amount", currency_field="currency_id")
    clawback_of_id = fields.Many2one(
        "auto.hr.commission.line", string="Clawed Back Line", index="btree_not_null", ondelete="restrict"
    )
    clawback_line_ids = fields.One2many("auto.hr.commission.line", "clawback_of_id", string="Claw-backs")
    currency_id = fields.Many2one(related="commission_id.currency_id")
    user_id = fields.Many2one(related="commission_id.user_id", store=True, string="User")
    team_leader_user_id = fields.Many2one(related="commission_id.team_leader_user_id", store=True)
    company_id = fields.Many2one(related="commission_id.company_id", store=True, index=True)
