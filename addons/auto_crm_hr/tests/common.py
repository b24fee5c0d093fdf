from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command, fields

from odoo.addons.auto_crm_sales.tests.common import AutoCrmSalesCase

CONSULTANT = "auto_crm_customer.group_sales_consultant"
SALES_MANAGER = "auto_crm_customer.group_sales_manager"
ADVISOR = "auto_crm_customer.group_service_advisor"
TECHNICIAN = "auto_crm_aftersales.group_technician"
RELATIONS = "auto_crm_aftersales.group_customer_relations"
CLERK = "auto_crm_inventory.group_stock_clerk"
HR_OFFICER = "auto_crm_hr.group_hr_officer"
GENERAL_MANAGER = "auto_crm_customer.group_dealership_manager"


class AutoCrmHrCase(AutoCrmSalesCase):
    """Staff with roles and employees in two teams, and this month's appraisal period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.month_start = cls.today.replace(day=1)
        cls.Period = cls.env["auto.hr.period"]
        cls.sales_team = cls.env["hr.department"].create({"name": "HR Test Showroom"})
        cls.service_team = cls.env["hr.department"].create({"name": "HR Test Workshop"})
        cls.c1 = cls._staff("hr_c1", "Consultant One", CONSULTANT, cls.sales_team)
        cls.c2 = cls._staff("hr_c2", "Consultant Two", CONSULTANT, cls.sales_team)
        cls.leader = cls._staff("hr_lead", "Team Leader", SALES_MANAGER, cls.sales_team)
        cls.sales_team.manager_id = cls.leader.employee_ids[:1]
        cls.sa = cls._staff("hr_sa", "Advisor One", ADVISOR, cls.service_team)
        cls.tech = cls._staff("hr_tech", "Technician One", TECHNICIAN, cls.service_team)
        cls.care = cls._staff("hr_cr", "Relations One", RELATIONS, cls.service_team)
        cls.clerk1 = cls._staff("hr_clerk", "Clerk One", CLERK, cls.service_team)
        cls.hr_user = cls._staff("hr_officer", "HR Officer", HR_OFFICER, None)
        cls.gm = cls._staff("hr_gm", "General Manager", GENERAL_MANAGER, None)
        # keep the shipped rules (birthday, insurance...) out of the way of the counts
        cls.env["auto.followup.rule"].search([]).active = False
        cls.service_vehicle = cls.env["auto.vehicle"].create(
            {
                "vin": cls._vin("LGXC16HR", 9),
                "plate_number": "川A·HR001",
                "model_id": cls.model.id,
                "partner_id": cls.customer.id,
                "state": "customer",
            }
        )
        # this month's period (the demo data may have made it already)
        cls.period = cls.Period.search(
            [("period_type", "=", "month"), ("date_from", "=", cls.month_start), ("company_id", "=", cls.company.id)]
        ) or cls.Period.create({"period_type": "month", "date_from": cls.month_start})

    @classmethod
    def _staff(cls, login, name, role_xmlid, team):
        user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name,
                    "login": login,
                    "email": f"{login}@example.com",
                    "auto_role_id": cls.env.ref(role_xmlid).id,
                }
            )
        )
        cls.env["hr.employee"].create({"name": name, "user_id": user.id, "department_id": team and team.id})
        return user

    @classmethod
    def _at(cls, day_offset=0, hour=10):
        """A moment of this month: ``day_offset`` days after its first day."""
        return datetime.combine(cls.month_start + timedelta(days=day_offset), time(hour, 0))

    @classmethod
    def _followup(cls, user, state="planned", done_at=None, day=0, plan=None):
        vals = {
            "name": "Call",
            "partner_id": cls.customer.id,
            "user_id": user.id,
            "date_scheduled": cls.month_start + timedelta(days=day),
            "plan_id": plan and plan.id,
        }
        followup = cls.env["auto.followup"].create(vals)
        if state == "done":
            with freeze_time(done_at):
                followup._close("reached", "Reached")
        elif state != "planned":
            followup.write({"state": state})
        return followup

    @classmethod
    def _test_drive(cls, user, hour, state="done"):
        return cls.env["auto.test.drive"].create(
            {
                "partner_id": cls.customer.id,
                "vehicle_id": cls.demo_vehicle.id,
                "user_id": user.id,
                "date_start": cls._at(0, hour),
                "duration": 0.5,
                "licence_number": "510117198001010011",
                "licence_expiry": cls.today + timedelta(days=900),
                "state": state,
            }
        )

    @classmethod
    def _delivered(cls, lot, price, user):
        order = cls._order(lot, price=price, user=user)
        order.order_line.filtered("auto_lot_id").write({"qty_delivered": 1})
        order.write({"auto_contract_state": "delivered", "effective_date": cls._at(1)})
        return order

    @classmethod
    def _repair(cls, user, hours=(), technician=None, done=True, **vals):
        repair = cls.env["repair.order"].create(
            {
                "auto_vehicle_id": cls.service_vehicle.id,
                "user_id": user.id,
                "auto_technician_ids": [Command.set(technician.ids)] if technician else [],
                "auto_labour_line_ids": [
                    Command.create(
                        {
                            "name": "Labour",
                            "hours": h,
                            "hourly_rate": 100.0,
                            "technician_id": technician and technician.id,
                        }
                    )
                    for h in hours
                ],
                **vals,
            }
        )
        if done:
            repair.write({"state": "done", "auto_date_done": cls._at(2)})
        return repair

    def _line(self, user, code, period=None):
        period = period or self.period
        card = self.env["auto.hr.scorecard"].search([("period_id", "=", period.id), ("user_id", "=", user.id)])
        return card.line_ids.filtered(lambda line: line.code == code)

    def _values(self, code, users):
        registry = self.env["auto.kpi.registry"]
        return registry._kpi_values(code, users.ids, self.period.date_from, self.period.date_to)
