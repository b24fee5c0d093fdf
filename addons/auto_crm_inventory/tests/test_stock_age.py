from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutoCrmInventoryCase

AGE_FIELDS = ["stock_age_days", "stock_age_bucket", "stock_age_bucket_label"]


@tagged("post_install", "-at_install")
class TestStockAge(AutoCrmInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.auto_stock_carrying_cost = 40.0
        cls.vehicles = cls.env["auto.vehicle"]
        # received 10, 45, 75 and 120 days before 2025-06-30
        for serial, day, location in (
            (1, "2025-06-20", cls.showroom),
            (2, "2025-05-16", cls.showroom),
            (3, "2025-04-16", cls.yard),
            (4, "2025-03-02", cls.yard),
        ):
            with freeze_time(f"{day} 09:00:00"):
                vin = cls._vin("LGXC16DF", 100 + serial)
                cls._receive([vin], location=location, price=100000.0 + serial)
                cls.vehicles |= cls.env["auto.vehicle"].search([("vin", "=", vin)])

    @freeze_time("2025-06-30 10:00:00")
    def test_vehicle_age_and_buckets(self):
        self.vehicles.invalidate_recordset(AGE_FIELDS)
        self.assertEqual(self.vehicles.mapped("stock_age_days"), [10, 45, 75, 120])
        self.assertEqual(self.vehicles.mapped("stock_age_bucket"), ["1", "2", "3", "4"])
        self.assertEqual(self.vehicles.mapped("stock_age_bucket_label"), ["0-30", "31-60", "61-90", "> 90"])
        self.assertEqual(self.vehicles.mapped("carrying_cost"), [400.0, 1800.0, 3000.0, 4800.0])

    @freeze_time("2025-06-30 10:00:00")
    def test_configured_buckets(self):
        self.company.write({"auto_stock_age_limit_1": 15, "auto_stock_age_limit_2": 50, "auto_stock_age_limit_3": 150})
        self.vehicles.invalidate_recordset(AGE_FIELDS)
        self.assertEqual(self.vehicles.mapped("stock_age_bucket"), ["1", "2", "3", "3"])
        report = self.env["auto.vehicle.stock.report"].search([("vehicle_id", "in", self.vehicles.ids)])
        self.assertEqual(sorted(report.mapped("age_bucket_label")), ["0-15", "16-50", "51-150", "51-150"])

    @freeze_time("2025-06-30 10:00:00")
    def test_report_by_bucket_location_and_value(self):
        Report = self.env["auto.vehicle.stock.report"]
        domain = [("vehicle_id", "in", self.vehicles.ids)]
        by_bucket = dict(Report._read_group(domain, ["age_bucket"], ["__count"]))
        self.assertEqual(by_bucket, {"1": 1, "2": 1, "3": 1, "4": 1})
        by_area = dict(Report._read_group(domain, ["stock_area"], ["__count"]))
        self.assertEqual(by_area, {"showroom": 2, "yard": 2})
        [(value, cost)] = Report._read_group(domain, [], ["stock_value:sum", "carrying_cost:sum"])
        self.assertAlmostEqual(value, 400010.0)
        self.assertAlmostEqual(cost, 40.0 * (10 + 45 + 75 + 120))
        days = Report.search(domain).mapped("age_days")
        self.assertEqual(sorted(days), [10, 45, 75, 120])

    @freeze_time("2025-08-01 10:00:00")
    def test_age_moves_with_the_clock(self):
        self.vehicles.invalidate_recordset(AGE_FIELDS)
        self.assertEqual(self.vehicles.mapped("stock_age_days"), [42, 77, 107, 152])
        self.assertEqual(self.vehicles.mapped("stock_age_bucket"), ["2", "3", "4", "4"])

    def test_bad_bucket_limits_refused(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "increasing"):
            self.company.auto_stock_age_limit_2 = 10

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_stock_age_query_count(self):
        """Reading the stock age of 10 or 100 vehicles, and the report, takes the same queries."""
        small = self._stock_quickly([self._vin("LGXD16DF", i) for i in range(10)])
        large = self._stock_quickly([self._vin("LGXE16DF", i) for i in range(100)], location=self.yard)
        self.env.flush_all()

        def read_age(vehicles):
            def run():
                vehicles.read(["vin", "stock_age_days", "stock_age_bucket", "carrying_cost", "stock_value", "state"])
                self.env["auto.vehicle.stock.report"].search_read(
                    [("vehicle_id", "in", vehicles.ids)], ["model_id", "age_days", "age_bucket", "stock_value"]
                )

            return run

        self._queries(read_age(small))  # warm the caches that do not depend on the volume
        expected = self._queries(read_age(small))
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            read_age(large)()
