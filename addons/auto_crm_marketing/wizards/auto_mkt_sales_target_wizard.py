from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# contracts whose vehicle was handed over (auto_crm_sales' DELIVERED_STATES)
DELIVERED_STATES = ("delivered", "closed")


class AutoMktSalesTargetWizard(models.TransientModel):
    """Monthly sales targets per team (and per model) from a forecast (预测结果应用): the forecast units of each
    month, shared among the teams by their part of the deliveries of the last twelve months."""

    _name = "auto.mkt.sales.target.wizard"
    _description = "Sales Targets from a Forecast"

    forecast_id = fields.Many2one("auto.mkt.forecast", required=True, readonly=True)
    per_model = fields.Boolean("Also per Model", default=True, help="Also a target per vehicle model and month.")
    line_ids = fields.One2many("auto.mkt.sales.target.wizard.line", "wizard_id", string="Teams")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        forecast = self.env["auto.mkt.forecast"].browse(values.get("forecast_id") or self.env.context.get("active_id"))
        if forecast and "line_ids" in fields_list:
            values["forecast_id"] = forecast.id
            values["line_ids"] = [
                fields.Command.create({"team_id": team.id, "share": share})
                for team, share in self._default_shares(forecast).items()
            ]
        return values

    @api.constrains("line_ids")
    def _check_shares(self):
        for wizard in self:
            if any(line.share < 0 for line in wizard.line_ids):
                raise ValidationError(_("A team's share of the forecast cannot be negative."))
            if wizard.line_ids and abs(sum(wizard.line_ids.mapped("share")) - 100.0) > 0.01:
                raise ValidationError(
                    _(
                        "The teams' shares add up to %(total)s %%: they must make 100 %%.",
                        total=round(sum(wizard.line_ids.mapped("share")), 2),
                    )
                )

    def action_apply(self):
        self.ensure_one()
        forecast = self.forecast_id
        if not forecast.computed:
            raise UserError(_("Compute the forecast first."))
        if not self.line_ids:
            raise UserError(_("Add at least one sales team to share the forecast among."))
        targets = self._create_targets()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_sales.auto_sales_target_action")
        action["domain"] = [("id", "in", targets.ids)]
        action["context"] = {}
        return action

    @api.model
    def _create_from_forecast(self, forecast_ids, per_model=True):
        """The targets of each forecast with the teams' default shares (used by the demo data)."""
        targets = self.env["auto.sales.target"]
        for forecast in self.env["auto.mkt.forecast"].browse(forecast_ids):
            shares = self._default_shares(forecast)
            if not shares or not forecast.computed:
                continue
            wizard = self.create(
                {
                    "forecast_id": forecast.id,
                    "per_model": per_model,
                    "line_ids": [fields.Command.create({"team_id": t.id, "share": s}) for t, s in shares.items()],
                }
            )
            targets |= wizard._create_targets()
        return targets

    @api.model
    def _default_shares(self, forecast):
        """Each team's part (%) of the vehicles delivered in the twelve months before the forecast, equal parts
        among the dealership's sales teams when nothing was delivered.

        The dealership's sales teams are those with a member or leader holding a dealership role (a consultant, a
        sales manager): Odoo's own teams (Pre-Sales, Website, Point of Sale) get no target unless they sold cars."""
        company = forecast.company_id
        teams = self.env["crm.team"].search([("company_id", "in", [company.id, False])])
        if not teams:
            return {}
        dealership_teams = teams.filtered(lambda team: (team.member_ids | team.user_id).filtered("auto_role_id"))
        since = forecast.date - relativedelta(months=12)
        # sudo: marketing shares the forecast by the teams' deliveries, counted over contracts of every team
        delivered = dict(
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("team_id", "in", teams.ids),
                    ("auto_contract_state", "in", DELIVERED_STATES),
                    ("effective_date", ">=", since),
                    ("company_id", "=", company.id),
                ],
                ["team_id"],
                ["__count"],
            )
        )
        total = sum(delivered.values())
        if not total:
            teams = dealership_teams or teams
            return {team: round(100.0 / len(teams), 2) for team in teams}
        shares = {team: round(count * 100.0 / total, 2) for team, count in delivered.items()}
        # rounding: the first team takes what is left, so that the shares make 100 %
        first = next(iter(shares))
        shares[first] = round(shares[first] + 100.0 - sum(shares.values()), 2)
        return shares

    def _create_targets(self):
        """Create or update one target per team and month (and per team, month and model)."""
        self.ensure_one()
        forecast = self.forecast_id
        lines = forecast.line_ids.filtered(lambda line: line.kind == "forecast")
        if not self.per_model:
            lines = lines.filtered("is_total")
        wanted = {}
        for line in lines:
            for team_line in self.line_ids:
                key = (team_line.team_id.id, line.month, line.model_id.id or False)
                wanted[key] = round(line.units * team_line.share / 100.0)
        Target = self.env["auto.sales.target"]
        existing = Target.search(
            [
                ("team_id", "in", self.line_ids.team_id.ids),
                ("month", "in", list({line.month for line in lines})),
                ("company_id", "=", forecast.company_id.id),
            ]
        )
        origin = forecast.name
        to_update = {}
        for target in existing:
            key = (target.team_id.id, target.month, target.model_id.id or False)
            if key in wanted:
                units = wanted.pop(key)
                to_update[units] = to_update.get(units, Target.browse()) | target
        targets = Target.browse()
        for units, records in to_update.items():  # one write per distinct number of units
            records.write({"target_units": units, "origin": origin})
            targets |= records
        targets |= Target.create(
            [
                {
                    "company_id": forecast.company_id.id,
                    "team_id": team_id,
                    "month": month,
                    "model_id": model_id,
                    "target_units": units,
                    "origin": origin,
                }
                for (team_id, month, model_id), units in wanted.items()
            ]
        )
        forecast.message_post(
            body=_("%(count)s sales targets created or updated from this forecast.", count=len(targets))
        )
        return targets


class AutoMktSalesTargetWizardLine(models.TransientModel):
    _name = "auto.mkt.sales.target.wizard.line"
    _description = "Sales Targets from a Forecast: Team Share"

    wizard_id = fields.Many2one("auto.mkt.sales.target.wizard", required=True, ondelete="cascade")
    team_id = fields.Many2one("crm.team", string="Sales Team", required=True)
    share = fields.Float("Share (%)", digits=(16, 2))
