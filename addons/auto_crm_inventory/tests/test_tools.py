from odoo.tests import BaseCase, tagged

from ..tools.abc_classification import abc_classify
from ..tools.stock_age import age_bucket, bucket_label, check_limits


@tagged("post_install", "-at_install")
class TestInventoryTools(BaseCase):
    def test_age_buckets_default(self):
        self.assertEqual(
            [age_bucket(days) for days in (0, 30, 31, 60, 61, 90, 91, 400)], ["1", "1", "2", "2", "3", "3", "4", "4"]
        )
        self.assertEqual(bucket_label("2"), "31-60")
        self.assertEqual(bucket_label("4"), "> 90")

    def test_age_buckets_configured(self):
        limits = check_limits((15, 45, 120))
        self.assertEqual(age_bucket(16, limits), "2")
        self.assertEqual(age_bucket(100, limits), "3")
        self.assertEqual(bucket_label("3", limits), "46-120")
        with self.assertRaises(ValueError):
            check_limits((30, 30, 90))

    def test_abc(self):
        classes = abc_classify({"p1": 8000, "p2": 1500, "p3": 500, "p4": 0})
        self.assertEqual(classes, {"p1": "a", "p2": "b", "p3": "c", "p4": "c"})
        self.assertEqual(abc_classify({"x": 0.0}), {"x": "c"})
        with self.assertRaises(ValueError):
            abc_classify({}, a_share=90, b_share=80)
