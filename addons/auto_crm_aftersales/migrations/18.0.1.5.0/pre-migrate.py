"""Every field AutoCRM adds to an Odoo model is prefixed ``auto_`` (repair.order: 34 fields).

Renamed before the registry loads the new code, so that the upgrade keeps their values, tracking history,
translations and saved filters (the column is renamed, not dropped and created again)."""

from odoo.addons.auto_crm_customer.tools.upgrade import rename_fields

FIELDS = (
    "amount_labour",
    "amount_parts",
    "amount_total",
    "appointment_id",
    "claim_count",
    "comeback_ids",
    "comeback_of_id",
    "currency_id",
    "date_done",
    "date_received",
    "date_started",
    "first_time_fix",
    "followup_ids",
    "in_warranty",
    "insurance_claim_number",
    "insurance_policy_id",
    "labour_line_ids",
    "last_mileage",
    "mileage_correction_reason",
    "mileage_in",
    "odometer_id",
    "promised_date",
    "return_visit_count",
    "service_type",
    "survey_ids",
    "technician_ids",
    "ticket_count",
    "ticket_ids",
    "vehicle_id",
    "vehicle_lookup",
    "vehicle_model_id",
    "vehicle_plate",
    "vehicle_vin",
    "warranty_claim_ids",
)


def migrate(cr, version):
    if version:
        rename_fields(cr, "auto_crm_aftersales", "repair.order", {name: f"auto_{name}" for name in FIELDS})
