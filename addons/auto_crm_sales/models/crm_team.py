from odoo import api, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        # the sales managers' record rules read the teams (res.users.auto_managed_team_ids)
        self.env["crm.team"]._auto_team_rules_changed()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "active", "company_id"} & vals.keys():
            self.env["crm.team"]._auto_team_rules_changed()
        return res

    @api.model
    def _auto_team_rules_changed(self):
        """The sales managers' record rules read the teams (res.users.auto_managed_team_ids): a change of a
        team's leader or members clears the cached rules and the computed teams."""
        self.env["res.users"].invalidate_model(["auto_managed_team_ids", "auto_team_user_ids"])
        self.env.registry.clear_cache()


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["crm.team"]._auto_team_rules_changed()
        return members

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "crm_team_id", "active"} & vals.keys():
            self.env["crm.team"]._auto_team_rules_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["crm.team"]._auto_team_rules_changed()
        return res
