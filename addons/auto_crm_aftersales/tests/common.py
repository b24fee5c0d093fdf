from datetime import date

from odoo.tests import new_test_user

from odoo.addons.auto_crm_customer.tests.common import AutoCrmCustomerCase


class AftersalesCase(AutoCrmCustomerCase):
    """The customer addon's users and catalog, plus service roles and two customer vehicles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_manager = new_test_user(
            cls.env, login="as_mgr", name="Service Manager Sun", groups="auto_crm_customer.group_service_manager"
        )
        cls.advisor2 = new_test_user(
            cls.env, login="as_sa2", name="Advisor Huang", groups="auto_crm_customer.group_service_advisor"
        )
        cls.technician = new_test_user(
            cls.env,
            login="as_tech",
            name="Technician Ma",
            groups="auto_crm_aftersales.group_technician",
        )
        cls.relations = new_test_user(
            cls.env,
            login="as_cr",
            name="Customer Relations Luo",
            groups="auto_crm_aftersales.group_customer_relations",
        )
        cls.company.write(
            {"auto_followup_manager_id": cls.service_manager.id, "auto_return_visit_user_id": cls.relations.id}
        )
        cls.model.write({"service_interval_km": 10000, "service_interval_months": 12})
        # keep the shipped rules (birthday, insurance...) out of the way of the counts
        cls.env["auto.followup.rule"].search([]).active = False
        Vehicle = cls.env["auto.vehicle"]
        cls.vehicle = Vehicle.create(
            {
                "vin": cls._vin("LGXC16DF", 1),
                "plate_number": "川A·12345",
                "model_id": cls.model.id,
                "partner_id": cls.customer.id,
                "purchase_date": date(2024, 1, 10),
                "state": "customer",
            }
        )
        cls.vehicle2 = Vehicle.create(
            {
                "vin": cls._vin("LGXC16DF", 2),
                "plate_number": "川A·67890",
                "model_id": cls.model.id,
                "partner_id": cls.customer2.id,
                "purchase_date": date(2020, 1, 10),
                "state": "customer",
            }
        )

    @classmethod
    def _order(cls, vehicle=None, user=None, **vals):
        vehicle = vehicle or cls.vehicle
        return cls.env["repair.order"].create(
            {
                "auto_vehicle_id": vehicle.id,
                "user_id": (user or cls.advisor).id,
                **vals,
            }
        )
