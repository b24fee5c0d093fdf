"""Every field AutoCRM adds to an Odoo model is prefixed ``auto_`` (res.partner: 27 fields).

Renamed before the registry loads the new code, so that the upgrade keeps their values, tracking history,
translations and saved filters (the column is renamed, not dropped and created again)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_fields

FIELDS = (
    "birthday",
    "customer_tier",
    "customer_type",
    "customer_value_ids",
    "followup_ids",
    "id_document_masked",
    "id_document_number",
    "id_document_type",
    "last_value_date",
    "last_visit_date",
    "lifetime_value",
    "mobile_normalized",
    "next_followup_date",
    "preferred_channel",
    "preferred_contact_time",
    "rfm_frequency_score",
    "rfm_monetary_score",
    "rfm_recency_score",
    "rfm_score",
    "source_channel",
    "tier_computed",
    "tier_history_ids",
    "tier_override",
    "tier_override_reason",
    "vehicle_count",
    "vehicle_ids",
    "wechat_id",
)


def migrate(cr, version):
    if version:
        rename_fields(
            cr,
            "auto_crm_customer",
            "res.partner",
            {name: f"auto_{name}" for name in FIELDS},
            inherited_by=("res.users",),
        )
