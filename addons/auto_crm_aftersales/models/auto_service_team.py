from odoo import fields, models


class AutoServiceTeam(models.Model):
    """A team handling customer feedback and complaints (customer relations, workshop, parts...)."""

    _name = "auto.service.team"
    _description = "Customer Care Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    leader_id = fields.Many2one("res.users", string="Team Leader", domain=[("share", "=", False)])
    member_ids = fields.Many2many("res.users", string="Members", domain=[("share", "=", False)])
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
