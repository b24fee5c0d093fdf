from odoo.tests import TransactionCase, new_test_user

from ..tools.vin import vin_check_digit


class AutoCrmCustomerCase(TransactionCase):
    """Users for each role, a small catalog and customers, shared by the tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"auto_vin_check_digit_policy": "region", "auto_followup_escalation_days": 2})
        cls.manager = new_test_user(
            cls.env, login="auto_mgr", name="Sales Manager Wang", groups="auto_crm_customer.group_sales_manager"
        )
        cls.consultant = new_test_user(
            cls.env, login="auto_c1", name="Consultant Li", groups="auto_crm_customer.group_sales_consultant"
        )
        cls.consultant2 = new_test_user(
            cls.env, login="auto_c2", name="Consultant Zhao", groups="auto_crm_customer.group_sales_consultant"
        )
        cls.advisor = new_test_user(
            cls.env, login="auto_sa", name="Advisor Chen", groups="auto_crm_customer.group_service_advisor"
        )
        cls.company.auto_followup_manager_id = cls.manager
        cls.brand = cls.env["auto.vehicle.brand"].create({"name": "Test Brand BYD"})
        cls.series = cls.env["auto.vehicle.series"].create({"name": "Qin PLUS", "brand_id": cls.brand.id})
        cls.model = cls.env["auto.vehicle.model"].create(
            {
                "name": "DM-i 55km",
                "series_id": cls.series.id,
                "model_year": 2023,
                "warranty_years": 3,
                "warranty_km": 100000,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "张伟",
                "auto_customer_type": "individual",
                "mobile": "138 0013 8000",
                "user_id": cls.consultant.id,
            }
        )
        cls.customer2 = cls.env["res.partner"].create(
            {
                "name": "王芳",
                "auto_customer_type": "individual",
                "mobile": "+86 139-0013-9000",
                "user_id": cls.consultant2.id,
            }
        )

    @classmethod
    def _vin(cls, prefix, serial):
        """A valid VIN: 8-char prefix (WMI + VDS), check digit, model year P (2023), plant 0, serial."""
        body = f"{prefix}P0{serial:06d}"
        draft = body[:8] + "0" + body[8:]
        return draft[:8] + vin_check_digit(draft) + draft[9:]
