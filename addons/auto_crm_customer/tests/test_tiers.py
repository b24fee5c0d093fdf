from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AutoCrmCustomerCase

TODAY = date(2026, 6, 30)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTiers(AutoCrmCustomerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # tiers rank customers against each other: start from a dealership without demo value records
        cls.env["auto.customer.value"].search([]).unlink()
        cls.env["res.partner"]._recompute_customer_tiers()

    @classmethod
    def _make_customers(cls, count, prefix):
        return cls.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i}",
                    "auto_customer_type": "individual",
                    "mobile": f"186{prefix_number(prefix)}{i:06d}",
                    "user_id": cls.consultant.id,
                }
                for i in range(count)
            ]
        )

    def _value(self, partner, amount, days_ago, value_type="sale"):
        return {
            "partner_id": partner.id,
            "amount": amount,
            "date": TODAY - timedelta(days=days_ago),
            "value_type": value_type,
        }

    def _ten_customers(self):
        """Ten customers: one big buyer, one good one, eight small ones of which two are recent and frequent."""
        customers = self._make_customers(10, "T")
        values = [self._value(customers[0], 1000.0, 400), self._value(customers[1], 500.0, 200)]
        for index, customer in enumerate(customers[2:], start=2):
            days = 10 if index in (2, 3) else 300 + index * 10
            visits = 4 if index in (2, 3) else 1
            values += [self._value(customer, 10.0 / visits, days + v, "service") for v in range(visits)]
        self.env["auto.customer.value"].create(values)
        return customers

    def test_key_tier_is_the_top_customers_bringing_most_value(self):
        customers = self._ten_customers()
        self.env["res.partner"]._recompute_customer_tiers()
        tiers = customers.mapped("auto_customer_tier")
        # total 1580; 20% of 10 customers = 2 at most; 1000 + 500 reaches 80% (1264)
        self.assertEqual(tiers[:2], ["key", "key"])
        self.assertEqual(tiers[2:4], ["potential", "potential"], "recent and frequent: large potential")
        self.assertEqual(set(tiers[4:]), {"ordinary"})
        self.assertEqual(customers[0].auto_rfm_monetary_score, 5)
        self.assertEqual(customers[2].auto_rfm_recency_score, 5)
        self.assertEqual(customers[0].auto_lifetime_value, 1000.0)

    def test_tier_boundaries_follow_settings(self):
        customers = self._ten_customers()
        self.company.auto_tier_key_value_share = 50.0  # the big buyer alone brings 63%
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(customers[0].auto_customer_tier, "key")
        self.assertNotEqual(customers[1].auto_customer_tier, "key")
        self.company.write({"auto_tier_key_value_share": 80.0, "auto_tier_key_customer_share": 10.0})
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual((customers[:2]).mapped("auto_customer_tier")[0], "key")
        self.assertNotEqual(customers[1].auto_customer_tier, "key", "10% of 10 customers: one key customer")
        self.company.auto_tier_potential_min_score = 15
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertFalse(customers[2:].filtered(lambda p: p.auto_customer_tier == "potential"))
        with self.assertRaises(ValidationError):
            self.company.auto_tier_potential_min_score = 16
        with self.assertRaises(ValidationError):
            self.company.auto_tier_key_value_share = 120

    def test_old_value_leaves_the_window(self):
        customers = self._ten_customers()
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(customers[0].auto_customer_tier, "key")
        with freeze_time(TODAY + timedelta(days=365 * 3)):
            self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(customers[0].auto_customer_tier, "ordinary", "no value left in the 36-month window")
        self.assertEqual(customers[0].auto_rfm_score, 0)

    def test_override_needs_reason_and_survives_recompute(self):
        customers = self._ten_customers()
        self.env["res.partner"]._recompute_customer_tiers()
        small = customers[5]
        with self.assertRaises(ValidationError):
            small._set_tier_override("key", "")
        self.assertEqual(small.auto_customer_tier, "ordinary")
        wizard = (
            self.env["auto.customer.tier.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [(6, 0, small.ids)],
                    "tier": "key",
                    "reason": "Fleet buyer for the city taxi company",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(small.auto_customer_tier, "key")
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(small.auto_customer_tier, "key", "the override wins over the nightly recompute")
        self.assertEqual(small.auto_tier_computed, "ordinary")
        small._set_tier_override(False, False)
        self.assertEqual(small.auto_customer_tier, "ordinary")
        history = small.auto_tier_history_ids.sorted("id")
        self.assertEqual(history.mapped("origin"), ["manual", "manual"])
        self.assertEqual(history[0].reason, "Fleet buyer for the city taxi company")
        self.assertEqual(history[0].user_id, self.manager)

    def test_tier_changes_are_tracked(self):
        customers = self._ten_customers()
        self.env["res.partner"]._recompute_customer_tiers()
        history = self.env["auto.customer.tier.history"].search([("partner_id", "=", customers[0].id)])
        self.assertEqual(history.mapped("new_tier"), ["key"])
        self.assertEqual(history.origin, "automatic")
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(
            self.env["auto.customer.tier.history"].search_count([("partner_id", "in", customers.ids)]),
            4,
            "a second run with nothing new records nothing (2 key + 2 potential changes)",
        )

    def test_each_company_ranks_its_own_customers(self):
        customers = self._ten_customers()
        other_company = self.env["res.company"].create({"name": "Chongqing 4S Store"})
        shared = self.customer  # a contact of no company, a customer of the other store
        self.env["auto.customer.value"].create(
            {
                "partner_id": shared.id,
                "amount": 300000.0,
                "date": TODAY,
                "company_id": other_company.id,
            }
        )
        self.env["res.partner"].with_company(other_company)._recompute_customer_tiers()
        self.assertEqual(
            (shared.auto_tier_computed, shared.auto_rfm_score), ("ordinary", 3), "scored by the other store"
        )
        self.assertEqual(customers[0].auto_rfm_score, 0, "this store's customers are not ranked by the other one")
        self.env["res.partner"]._recompute_customer_tiers()
        self.assertEqual(shared.auto_rfm_score, 3, "this store's recompute does not undo the other store's scores")
        self.assertEqual(customers[0].auto_customer_tier, "key")

    def test_value_feed_is_idempotent(self):
        Value = self.env["auto.customer.value"]
        feed = {
            "partner_id": self.customer.id,
            "amount": 200000.0,
            "date": TODAY,
            "value_type": "sale",
            "res_model": "res.partner",
            "res_id": self.customer.id,
        }
        Value._feed([feed])
        Value._feed([dict(feed, amount=210000.0)])
        self.assertEqual(self.customer.auto_lifetime_value, 210000.0)
        Value._feed([dict(feed, amount=0.0)])
        self.assertEqual(self.customer.auto_lifetime_value, 0.0)

    def test_recompute_query_count_does_not_grow(self):
        Partner = self.env["res.partner"]

        def prepare(count, prefix):
            customers = self._make_customers(count, prefix)
            self.env["auto.customer.value"].create(
                [self._value(c, 100.0 + i, 5 + i % 300) for i, c in enumerate(customers)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            return customers

        prepare(10, "Q")
        queries_before = self.cr.sql_log_count
        Partner._recompute_customer_tiers()
        small_run = self.cr.sql_log_count - queries_before
        # second data set, ten times larger; first bring the first set back to ordinary
        self.env["auto.customer.value"].search([]).unlink()
        Partner._recompute_customer_tiers()
        prepare(100, "R")
        with self.assertQueryCount(small_run):
            Partner._recompute_customer_tiers()


def prefix_number(prefix):
    return f"{ord(prefix) % 100:02d}"
