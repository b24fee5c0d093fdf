from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    auto_managed_team_ids = fields.Many2many(
        "crm.team",
        string="Sales Teams Led or Joined",
        compute="_compute_auto_managed_team_ids",
        help="The sales teams whose leads, quotations, contracts and receivables a sales manager sees.",
    )
    auto_team_user_ids = fields.Many2many(
        "res.users",
        string="Sales Team Colleagues",
        compute="_compute_auto_managed_team_ids",
        help="The leaders and members of the sales teams the user leads or belongs to.",
    )

    @api.depends_context("uid")
    def _compute_auto_managed_team_ids(self):
        # sudo: record rules read the user's own teams before any right on crm.team is checked
        teams_by_user = {}
        for team in (
            self.env["crm.team"]
            .sudo()
            .search(["|", ("user_id", "in", self.ids), ("crm_team_member_ids.user_id", "in", self.ids)])
        ):
            for user in team.user_id | team.member_ids:
                teams_by_user.setdefault(user.id, self.env["crm.team"])
                teams_by_user[user.id] |= team
        for user in self:
            teams = teams_by_user.get(user.id, self.env["crm.team"])
            user.auto_managed_team_ids = teams
            user.auto_team_user_ids = teams.user_id | teams.member_ids | user
