from odoo import _lt, api, models

from odoo.addons.auto_crm_customer.tools.kpi import KpiSource

from .sale_order import DELIVERED_STATES, SIGNED_STATES


class AutoKpiRegistry(models.AbstractModel):
    """The KPIs of the showroom: leads, test drives, contracts and receivables."""

    _inherit = "auto.kpi.registry"

    @api.model
    def _kpi_catalogue(self):
        return {
            **super()._kpi_catalogue(),
            "leads_handled": {"name": _lt("Leads Handled"), "unit": "count", "direction": "higher"},
            "first_response_hours": {"name": _lt("First Response (hours)"), "unit": "hours", "direction": "lower"},
            "test_drives": {"name": _lt("Test Drives"), "unit": "count", "direction": "higher"},
            "lead_conversion": {"name": _lt("Lead-to-Sale Conversion"), "unit": "percent", "direction": "higher"},
            "units_delivered": {"name": _lt("Units Delivered"), "unit": "count", "direction": "higher"},
            "gross_profit": {"name": _lt("Gross Profit"), "unit": "amount", "direction": "higher"},
            "receivables_on_time": {
                "name": _lt("Receivables Collected on Time"),
                "unit": "percent",
                "direction": "higher",
            },
        }

    def _kpi_leads_handled(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource("crm.lead", "user_id", [("create_date", ">=", start), ("create_date", "<", stop)])

    def _kpi_first_response_hours(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "crm.lead",
            "user_id",
            [("create_date", ">=", start), ("create_date", "<", stop), ("auto_date_first_response", "!=", False)],
            measure="auto_first_response_hours:avg",
        )

    def _kpi_test_drives(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "auto.test.drive",
            "user_id",
            [("date_start", ">=", start), ("date_start", "<", stop), ("state", "=", "done")],
        )

    def _kpi_lead_conversion(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "crm.lead",
            "user_id",
            [("create_date", ">=", start), ("create_date", "<", stop), ("type", "=", "opportunity")],
            success=[("stage_id.is_won", "=", True)],
        )

    def _kpi_units_delivered(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "sale.order.line",
            "salesman_id",
            [
                ("auto_lot_id", "!=", False),
                ("order_id.auto_contract_state", "in", DELIVERED_STATES),
                ("order_id.effective_date", ">=", start),
                ("order_id.effective_date", "<", stop),
            ],
            measure="qty_delivered:sum",
        )

    def _kpi_gross_profit(self, date_from, date_to):
        start, stop = self._kpi_datetime_bounds(date_from, date_to)
        return KpiSource(
            "sale.order",
            "user_id",
            [
                ("auto_is_vehicle_sale", "=", True),
                ("auto_contract_state", "in", DELIVERED_STATES),
                ("effective_date", ">=", start),
                ("effective_date", "<", stop),
            ],
            measure="auto_gross_profit:sum",
        )

    def _kpi_receivables_on_time(self, date_from, date_to):
        """The share of the amount falling due in the period that has been received, in the company's currency:
        the instalments of signed contracts (a quotation's proposed plan is owed by no one yet, a cancelled
        contract's by no one any more)."""
        return KpiSource(
            "auto.payment.plan.line",
            "user_id",
            [("due_date", ">=", date_from), ("due_date", "<=", date_to), ("contract_state", "in", SIGNED_STATES)],
            ratio=("amount_paid_company:sum", "amount_company:sum"),
        )

    @api.model
    def _kpi_targets(self, code, user_ids, date_from, date_to):
        """Units delivered: a consultant's target is the monthly target of their sales team over the period
        (``auto.sales.target``), shared equally among the team's members being scored."""
        targets = super()._kpi_targets(code, user_ids, date_from, date_to)
        if code != "units_delivered" or not user_ids:
            return targets
        # sudo: the scorecards read the team memberships and targets of every consultant being scored
        members = (
            self.env["crm.team.member"]
            .sudo()
            .search_fetch(
                [("user_id", "in", list(user_ids)), ("crm_team_id.active", "=", True)],
                ["user_id", "crm_team_id"],
                order="id",
            )
        )
        team_of_user = {}
        for member in members:
            team_of_user.setdefault(member.user_id.id, member.crm_team_id.id)
        units = self.env["auto.sales.target"].sudo()._team_units(set(team_of_user.values()), date_from, date_to)
        team_size = {}
        for team_id in team_of_user.values():
            team_size[team_id] = team_size.get(team_id, 0) + 1
        for user_id, team_id in team_of_user.items():
            if team_id in units:
                targets[user_id] = round(units[team_id] / team_size[team_id], 2)
        return targets
