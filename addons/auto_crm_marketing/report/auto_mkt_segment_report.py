from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.res_partner import GENDERS, OCCUPATIONS

AGE_BANDS = [
    ("a_under_25", "Under 25"),
    ("b_25_34", "25-34"),
    ("c_35_44", "35-44"),
    ("d_45_54", "45-54"),
    ("e_55_plus", "55 and over"),
    ("unknown", "Unknown"),
]
CUSTOMER_TIERS = [("key", "Key (Gold)"), ("potential", "Potential (Silver)"), ("ordinary", "Ordinary")]


class AutoMktSegmentReport(models.Model):
    """One row per dealership customer with the data marketing segments by (客户细分)."""

    _name = "auto.mkt.segment.report"
    _description = "Customer Segments"
    _auto = False
    _order = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    customer_tier = fields.Selection(CUSTOMER_TIERS, readonly=True)
    gender = fields.Selection(GENDERS, readonly=True)
    occupation = fields.Selection(OCCUPATIONS, readonly=True)
    age_band = fields.Selection(AGE_BANDS, readonly=True)
    state_id = fields.Many2one("res.country.state", string="Province", readonly=True)
    city = fields.Char(readonly=True)
    model_id = fields.Many2one("auto.vehicle.model", string="Model Owned (latest)", readonly=True)
    brand_id = fields.Many2one("auto.vehicle.brand", string="Brand Owned (latest)", readonly=True)
    contact_consent = fields.Boolean("Agrees to Marketing Contact", readonly=True)
    customer_count = fields.Integer("Customers", readonly=True)
    lifetime_value = fields.Float(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT p.id AS id,
                           p.id AS partner_id,
                           p.user_id,
                           p.company_id,
                           p.auto_customer_tier AS customer_tier,
                           p.auto_gender AS gender,
                           p.auto_occupation AS occupation,
                           CASE
                               WHEN p.auto_birthday IS NULL THEN 'unknown'
                               WHEN age(CURRENT_DATE, p.auto_birthday) < interval '25 years' THEN 'a_under_25'
                               WHEN age(CURRENT_DATE, p.auto_birthday) < interval '35 years' THEN 'b_25_34'
                               WHEN age(CURRENT_DATE, p.auto_birthday) < interval '45 years' THEN 'c_35_44'
                               WHEN age(CURRENT_DATE, p.auto_birthday) < interval '55 years' THEN 'd_45_54'
                               ELSE 'e_55_plus'
                           END AS age_band,
                           p.state_id,
                           p.city,
                           latest.model_id,
                           latest.brand_id,
                           COALESCE(p.auto_contact_consent, FALSE) AS contact_consent,
                           1 AS customer_count,
                           COALESCE(p.auto_lifetime_value, 0) AS lifetime_value
                      FROM res_partner p
                      LEFT JOIN LATERAL (
                          SELECT v.model_id, v.brand_id FROM auto_vehicle v
                           WHERE v.partner_id = p.id AND v.active
                           ORDER BY v.purchase_date DESC NULLS LAST, v.id DESC LIMIT 1
                      ) latest ON TRUE
                     WHERE p.auto_customer_type IS NOT NULL AND p.active
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
