from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.auto_crm_customer.tests.common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestUpgradeOpportunities(AutoCrmCustomerCase):
    """A known fleet: which owners get an upgrade lead, with which reason and trade-in estimate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.company.write(
            {
                "auto_upgrade_age_years": 5,
                "auto_upgrade_mileage_km": 100000,
                "auto_upgrade_warranty_days": 60,
                "auto_upgrade_loan_days": 60,
                "auto_upgrade_repair_cost": 10000,
            }
        )
        Model = cls.env["auto.vehicle.model"]
        cls.model.write({"list_price": 100000, "model_year": 2020})
        cls.model_high = Model.create(
            {"name": "DM-i 120km", "series_id": cls.series.id, "model_year": 2024, "list_price": 150000}
        )
        cls.model_top = Model.create(
            {"name": "DM-i 200km", "series_id": cls.series.id, "model_year": 2025, "list_price": 200000}
        )
        other_brand = cls.env["auto.vehicle.brand"].create({"name": "Upgrade Other Brand"})
        other_series = cls.env["auto.vehicle.series"].create({"name": "Other", "brand_id": other_brand.id})
        Model.create({"name": "Other Top", "series_id": other_series.id, "list_price": 300000})
        cls.env["auto.mkt.depreciation"].create(
            {
                "brand_id": cls.brand.id,
                "line_ids": [
                    fields.Command.create({"age_years": age, "residual_percent": percent})
                    for age, percent in ((1, 80), (3, 60), (5, 45), (8, 30))
                ],
            }
        )
        cls.owner = cls.env["res.partner"].create({"name": "车主 刘洋", "auto_customer_type": "individual"})

        def vehicle(serial, years_ago, **vals):
            return cls.env["auto.vehicle"].create(
                {
                    "vin": cls._vin("LGXC16UP", serial),
                    "model_id": cls.model.id,
                    "partner_id": cls.owner.id,
                    "user_id": cls.consultant.id,
                    "state": "customer",
                    "purchase_date": cls.today - relativedelta(years=years_ago, days=10),
                    **vals,
                }
            )

        cls.old = vehicle(1, 6)
        cls.high_mileage = vehicle(2, 2)
        cls.young = vehicle(3, 1)
        cls.warranty = vehicle(4, 2, purchase_date=cls.today - relativedelta(years=3) + relativedelta(days=30))
        cls.costly = vehicle(5, 2)
        cls.env["auto.vehicle.odometer"].create({"vehicle_id": cls.high_mileage.id, "value": 120000, "date": cls.today})
        repair = cls.env["repair.order"].create({"auto_vehicle_id": cls.costly.id, "user_id": cls.advisor.id})
        # a finished order of 12,000 this year: its amounts come from lines, set here directly
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE repair_order SET state = 'done', auto_date_done = now() - interval '30 days', "
            "auto_amount_total = 12000 WHERE id = %s",
            [repair.id],
        )
        repair.invalidate_recordset()
        cls.fleet = cls.old | cls.high_mileage | cls.young | cls.warranty | cls.costly

    def _leads(self):
        return self.env["crm.lead"].search([("auto_upgrade_vehicle_id", "in", self.fleet.ids)])

    def test_right_owners_reasons_and_estimates(self):
        self.env["auto.vehicle"]._upgrade_run(batch_size=7)
        leads = {lead.auto_upgrade_vehicle_id: lead for lead in self._leads()}
        self.assertEqual(set(leads), {self.old, self.high_mileage, self.warranty, self.costly})
        old = leads[self.old]
        self.assertIn("Vehicle age", old.auto_upgrade_reason)
        # 6 years: a third of the way from 45% (5 years) to 30% (8 years) = 40% of 100,000
        self.assertEqual(old.auto_upgrade_estimate, 40000)
        self.assertEqual(old.user_id, self.consultant)
        self.assertEqual(old.partner_id, self.owner)
        self.assertEqual(old.auto_upgrade_model_ids, self.model_high | self.model_top)
        self.assertEqual(old.auto_model_id, self.model_high)
        self.assertIn(self.company._auto_upgrade_tag(), old.tag_ids)
        self.assertIn("Mileage", leads[self.high_mileage].auto_upgrade_reason)
        # 2 years: halfway from 80% to 60%
        self.assertEqual(leads[self.high_mileage].auto_upgrade_estimate, 70000)
        self.assertIn("Warranty ending", leads[self.warranty].auto_upgrade_reason)
        self.assertNotIn("Vehicle age", leads[self.warranty].auto_upgrade_reason)
        self.assertIn("Repair costs", leads[self.costly].auto_upgrade_reason)

    def test_second_run_creates_no_duplicate(self):
        first = self.env["auto.vehicle"]._upgrade_run()
        self.assertEqual(len(first.filtered(lambda lead: lead.auto_upgrade_vehicle_id in self.fleet)), 4)
        self.assertFalse(self.env["auto.vehicle"]._upgrade_run())
        self.assertEqual(len(self._leads()), 4)
        # a lost (archived) upgrade lead no longer blocks a new one
        self._leads().filtered(lambda lead: lead.auto_upgrade_vehicle_id == self.old).action_set_lost()
        again = self.env["auto.vehicle"]._upgrade_run()
        self.assertEqual(again.auto_upgrade_vehicle_id, self.old)

    def test_thresholds_switch_reasons_off(self):
        self.company.write({"auto_upgrade_age_years": 0, "auto_upgrade_repair_cost": 0})
        self.env["auto.vehicle"]._upgrade_run()
        self.assertEqual(self._leads().auto_upgrade_vehicle_id, self.high_mileage | self.warranty)

    def test_reception_tells_advisor_and_consultant(self):
        self.env["auto.vehicle"]._upgrade_run()
        lead = self._leads().filtered(lambda lead: lead.auto_upgrade_vehicle_id == self.old)
        repair = self.env["repair.order"].with_user(self.advisor).create({"auto_vehicle_id": self.old.id})
        self.assertIn("Upgrade opportunity", repair.auto_upgrade_notice)
        self.assertIn("40,000", repair.auto_upgrade_notice)
        activity = lead.activity_ids.filtered(lambda a: a.user_id == self.consultant)
        self.assertEqual(len(activity), 1)
        self.assertIn(repair.name, activity.note)
        self.assertIn("Upgrade opportunity", repair.message_ids[:1].body)
        young_repair = self.env["repair.order"].with_user(self.advisor).create({"auto_vehicle_id": self.young.id})
        self.assertFalse(young_repair.auto_upgrade_notice)
