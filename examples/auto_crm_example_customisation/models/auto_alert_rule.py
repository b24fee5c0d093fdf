from odoo import fields, models

STOCK_STATES = ("in_stock", "reserved", "demo")


class AutoAlertRule(models.Model):
    """An indicator of its own: a selection value and its ``_alert_subjects_<indicator>()`` method.

    The engine of the customer addon evaluates it nightly (one open alert per vehicle, pushed to the
    recipients, resolved by itself when a bay is given).
    """

    _inherit = "auto.alert.rule"

    indicator = fields.Selection(
        selection_add=[("vehicle_without_bay", "Vehicle in stock without a parking bay for N days")],
        ondelete={"vehicle_without_bay": "cascade"},
    )

    def _alert_subjects_vehicle_without_bay(self):
        today = fields.Date.context_today(self)
        cutoff = fields.Datetime.to_datetime(fields.Date.subtract(today, days=int(self.threshold)))
        vehicles = self.env["auto.vehicle"].search_fetch(
            [
                ("state", "in", STOCK_STATES),
                ("parking_bay", "=", False),
                ("stock_in_date", "<", cutoff),
                ("company_id", "=", self.company_id.id),
            ],
            ["vin", "stock_in_date"],
        )
        # translated once, filled per vehicle
        template = self.env._("%(vin)s has had no parking bay for %(days)s days since it was received.")
        subjects = []
        for vehicle in vehicles:
            days = (today - vehicle.stock_in_date.date()).days
            subjects.append(
                {
                    "res_model": "auto.vehicle",
                    "res_id": vehicle.id,
                    "subject_name": vehicle.vin,
                    "value": days,
                    "message": template % {"vin": vehicle.vin, "days": days},
                }
            )
        return subjects
