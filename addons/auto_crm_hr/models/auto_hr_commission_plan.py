from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoHrCommissionPlan(models.Model):
    """How a role earns its commission (提成): an amount per vehicle delivered, a share of the gross profit, a
    multiplier by the customer satisfaction of the period; a cancelled contract already paid out is clawed back."""

    _name = "auto.hr.commission.plan"
    _description = "Commission Plan"
    _inherit = ["mail.thread"]
    _order = "role_id, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    role_id = fields.Many2one(
        "res.groups",
        required=True,
        index=True,
        domain=lambda self: [("category_id", "=", self.env.ref("auto_crm_customer.module_category_dealership").id)],
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_per_unit = fields.Monetary("Per Vehicle Delivered", currency_field="currency_id", tracking=True)
    profit_share = fields.Float("Share of Gross Profit (%)", digits=(5, 2), tracking=True)
    csi_target = fields.Float(
        "CSI Threshold", default=90.0, help="CSI of the period from which the bonus multiplier applies."
    )
    csi_bonus = fields.Float("Multiplier at or above the Threshold", default=1.1, digits=(4, 2), tracking=True)
    csi_malus = fields.Float("Multiplier below the Threshold", default=1.0, digits=(4, 2), tracking=True)

    _sql_constraints = [
        ("role_company_unique", "unique(role_id, company_id)", "A role has one commission plan per company."),
    ]

    @api.constrains("amount_per_unit", "profit_share", "csi_bonus", "csi_malus", "csi_target")
    def _check_amounts(self):
        for plan in self:
            if plan.amount_per_unit < 0 or not 0 <= plan.profit_share <= 100:
                raise ValidationError(
                    _(
                        "%(plan)s: the amount per vehicle cannot be negative and the share of the gross profit is "
                        "a percentage between 0 and 100.",
                        plan=plan.name,
                    )
                )
            if plan.csi_bonus < 0 or plan.csi_malus < 0 or not 0 <= plan.csi_target <= 100:
                raise ValidationError(
                    _(
                        "%(plan)s: the multipliers cannot be negative and the CSI threshold is between 0 and 100.",
                        plan=plan.name,
                    )
                )
