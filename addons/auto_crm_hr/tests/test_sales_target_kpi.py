from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import CONSULTANT, AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestSalesTargetKpi(AutoCrmHrCase):
    """The units-delivered KPI takes its target from the monthly target of the consultant's sales team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["auto.hr.kpi"].search([]).active = False
        cls.kpi_units = cls.env["auto.hr.kpi"].create(
            {
                "name": "Units",
                "code": "units_delivered",
                "role_id": cls.env.ref(CONSULTANT).id,
                "weight": 100,
                "target": 5,
                "direction": "higher",
                "unit": "count",
            }
        )
        cls.crm_team = cls.env["crm.team"].create(
            {"name": "HR Target Showroom", "member_ids": [(6, 0, (cls.c1 | cls.c2).ids)]}
        )

    def _target(self, user):
        card = self.env["auto.hr.scorecard"].search([("period_id", "=", self.period.id), ("user_id", "=", user.id)])
        return card.line_ids.filtered(lambda line: line.code == "units_delivered").target

    def test_team_target_shared_by_its_consultants_else_the_fixed_target(self):
        self.period.action_compute_scorecards()
        self.assertEqual(self._target(self.c1), 5.0, "no team target: the KPI's own target")
        Target = self.env["auto.sales.target"]
        Target.create({"team_id": self.crm_team.id, "month": self.month_start, "target_units": 18})
        # a per-model breakdown does not add to the team's all-models target; another month does not count
        Target.create(
            [
                {"team_id": self.crm_team.id, "month": self.month_start, "model_id": self.model.id, "target_units": 7},
                {"team_id": self.crm_team.id, "month": self.month_start - relativedelta(months=1), "target_units": 40},
            ]
        )
        self.period.action_compute_scorecards()
        self.assertEqual((self._target(self.c1), self._target(self.c2)), (9.0, 9.0))
