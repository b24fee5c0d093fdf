from collections import defaultdict

from odoo import _, _lt, api, models
from odoo.tools import SQL

from odoo.addons.auto_crm_customer.models.auto_legacy_import import _static_files
from odoo.addons.auto_crm_customer.tools import legacy_import as legacy
from odoo.addons.auto_crm_customer.tools import vin as vin_tools

SERVICE_TYPE_LABELS = {
    "maintenance": ("保养", "首保", "定保", "Maintenance"),
    "repair": ("维修", "一般维修", "Repair"),
    "warranty": ("保修", "索赔", "Warranty"),
    "insurance": ("保险理赔", "保险", "Insurance Claim"),
    "recall": ("召回", "Recall"),
    "accident": ("事故", "钣喷", "Accident"),
}


class AutoLegacyImport(models.Model):
    _inherit = "auto.legacy.import"

    @api.model
    def _legacy_templates(self):
        templates = super()._legacy_templates()
        templates["service_history"] = {
            "name": _lt("Service History"),
            "sequence": 30,
            "files": _static_files("auto_crm_aftersales", "service_history"),
            "columns": [
                {"key": "order_ref", "headers": ("工单号", "Order"), "required": True, "example": "WX20230512001"},
                {"key": "line_no", "headers": ("行号", "Line"), "example": "1"},
                {"key": "vin", "headers": ("车架号", "VIN"), "required": True, "example": "LSVAB4BR7PN123456"},
                {"key": "date", "headers": ("日期", "进厂日期", "Date"), "required": True, "example": "2023-05-12"},
                {"key": "mileage", "headers": ("进厂里程", "里程", "Mileage"), "example": "15000"},
                {"key": "service_type", "headers": ("类型", "维修类型", "Type"), "example": "保养"},
                {
                    "key": "description",
                    "headers": ("项目", "维修项目", "Work Done"),
                    "required": True,
                    "example": "更换机油机滤",
                },
                {"key": "amount", "headers": ("金额", "Amount"), "example": "480.00"},
            ],
        }
        return templates

    def _legacy_plan_service_history(self, rows, run):
        """Each row is a line of a legacy order; its key (order and line number, or order and work) makes a
        second import of the same file change nothing. The vehicle must exist (import the vehicles first) and
        the mileage must not go back against the odometer readings before that day."""
        today = run["today"]
        company = self.company_id
        History = self.env["auto.service.history"].sudo()  # sudo: the general manager imports for the workshop
        row_vins = {row: vin_tools.normalize_vin(values.get("vin")) for row, values in rows}
        vins = set(row_vins.values())
        self.env["auto.vehicle"].flush_model(["vin", "partner_id", "company_id"])
        vehicles = {
            vin: (vehicle_id, partner_id)
            for vehicle_id, vin, partner_id in self.env.execute_query(_sql_vehicles(company.id, list(vins)))
        }
        keys = {_line_key(values) for _row, values in rows}
        History.flush_model(["legacy_key", "company_id"])
        done_keys = {key for (key,) in self.env.execute_query(_sql_existing_keys(company.id, list(keys)))}
        readings = defaultdict(list)
        self.env["auto.vehicle.odometer"].flush_model(["vehicle_id", "date", "value"])
        for vehicle_id, day, value in self.env.execute_query(
            _sql_readings([vehicle_id for vehicle_id, _partner in vehicles.values()])
        ):
            readings[vehicle_id].append((day, value))
        batch_keys = set()
        outcomes = []
        for row, values in rows:
            vehicle = vehicles.get(row_vins[row])
            if not vehicle:
                outcomes.append(
                    self._refuse(
                        row,
                        "vin",
                        values.get("vin"),
                        _("No vehicle has this VIN: import the vehicles first, or correct the VIN."),
                    )
                )
                continue
            if not values.get("description"):
                outcomes.append(self._refuse(row, "description", "", _("Say what was done on this line.")))
                continue
            parsed, refusal = self._parse_cells(
                row,
                values,
                {
                    "date": lambda v: legacy.parse_date(v, today=today, required=True),
                    "mileage": legacy.parse_integer,
                    "amount": legacy.parse_amount,
                    "service_type": lambda v: legacy.parse_choice(v, SERVICE_TYPE_LABELS, default="maintenance"),
                },
            )
            if refusal:
                outcomes.append(refusal)
                continue
            key = _line_key(values)
            if key in done_keys or key in batch_keys:
                outcomes.append({"row": row, "action": "unchanged"})
                continue
            vehicle_id, partner_id = vehicle
            mileage = parsed["mileage"]
            if mileage:
                before = max((value for day, value in readings[vehicle_id] if day <= parsed["date"]), default=0)
                if before > mileage:
                    outcomes.append(
                        self._refuse(
                            row,
                            "mileage",
                            values.get("mileage"),
                            _(
                                "The mileage %(value)s km is lower than the reading of %(last)s km on or before "
                                "%(date)s: an odometer does not go back.",
                                value=mileage,
                                last=before,
                                date=parsed["date"],
                            ),
                        )
                    )
                    continue
                readings[vehicle_id].append((parsed["date"], mileage))
            batch_keys.add(key)
            outcomes.append(
                {
                    "row": row,
                    "action": "create",
                    "vals": {
                        "vehicle_id": vehicle_id,
                        "partner_id": partner_id,
                        "order_ref": values["order_ref"],
                        "date": parsed["date"],
                        "mileage": mileage or 0,
                        "service_type": parsed["service_type"],
                        "description": values["description"],
                        "amount": parsed["amount"] or 0.0,
                        "legacy_key": key,
                        "company_id": company.id,
                    },
                }
            )
        return outcomes

    def _legacy_apply_service_history(self, outcomes, run):
        vals_list = [outcome["vals"] for outcome in outcomes if outcome["action"] == "create"]
        if not vals_list:
            return
        line_ids = self._insert_service_history(vals_list)
        # the odometer: the first and the last reading of each vehicle's history in this batch (the daily mileage
        # and the current mileage follow from them), unless already known
        readings = {}
        for vals in vals_list:
            if vals["mileage"]:
                first, last = readings.get(vals["vehicle_id"], (None, None))
                reading = (vals["date"], vals["mileage"], vals["order_ref"])
                first = reading if first is None or reading[:2] < first[:2] else first
                last = reading if last is None or reading[:2] > last[:2] else last
                readings[vals["vehicle_id"]] = (first, last)
        known = {
            (vehicle_id, day, value) for vehicle_id, day, value in self.env.execute_query(_sql_readings(list(readings)))
        }
        new_readings = {
            (vehicle_id, day, value, order_ref)
            for vehicle_id, pair in readings.items()
            for day, value, order_ref in pair
            if (vehicle_id, day, value) not in known
        }
        self.env["auto.vehicle.odometer"].sudo().create(
            [
                {"vehicle_id": vehicle_id, "date": day, "value": value, "source": "import", "note": order_ref}
                for vehicle_id, day, value, order_ref in sorted(new_readings)
            ]
        )
        # the customer's value: one record per legacy order of the batch, keyed by its first line
        orders = {}
        for line_id, vals in zip(line_ids, vals_list, strict=True):
            if not vals["partner_id"] or not vals["amount"]:
                continue
            order = orders.setdefault((vals["partner_id"], vals["order_ref"]), dict(res_id=line_id, amount=0.0))
            order["amount"] += vals["amount"]
            order["date"] = vals["date"]
        if orders:
            partners = self.env["res.partner"].browse([partner_id for partner_id, _ref in orders]).sudo()
            commercial = {partner.id: partner.commercial_partner_id.id for partner in partners}
            # sudo: value records are derived data only the customer addon's engine writes
            self.env["auto.customer.value"].sudo()._feed(
                [
                    {
                        "partner_id": commercial.get(partner_id) or partner_id,
                        "amount": order["amount"],
                        "date": order["date"],
                        "value_type": "service",
                        "description": order_ref,
                        "origin": order_ref,
                        "res_model": "auto.service.history",
                        "res_id": order["res_id"],
                        "company_id": self.company_id.id,
                    }
                    for (partner_id, order_ref), order in orders.items()
                ]
            )
        self.env["auto.vehicle"].browse(sorted({vals["vehicle_id"] for vals in vals_list}))._legacy_imported()

    def _insert_service_history(self, vals_list):
        """Write the history lines of a batch with one multi-row INSERT; return their ids in order.

        ``auto.service.history`` is a plain record (no compute, no constraint but its unique key, no create
        override) and every value was checked by the plan: the ORM's per-record work would be most of the time
        of an import of a million lines (bench/bench_import.py).
        """
        columns = [
            "vehicle_id", "partner_id", "order_ref", "date", "mileage", "service_type", "description", "amount",
            "legacy_key", "company_id",
        ]  # fmt: skip
        self.env["auto.service.history"].check_access("create")
        now = self.env.cr.now()
        uid = self.env.uid
        params = []
        for vals in vals_list:
            params.extend(_null(vals[column]) for column in columns)
            params.extend((uid, uid, now, now))
        placeholders = ", ".join(["(" + ", ".join(["%s"] * (len(columns) + 4)) + ")"] * len(vals_list))
        ids = [
            line_id
            for (line_id,) in self.env.execute_query(
                SQL(
                    "INSERT INTO auto_service_history (%s, create_uid, write_uid, create_date, write_date) "
                    "VALUES %s RETURNING id",
                    SQL(", ").join(SQL.identifier(column) for column in columns),
                    SQL(placeholders, *params),  # placeholders only: every value is a parameter
                )
            )
        ]
        self.env["auto.service.history"].invalidate_model()
        return ids

    def _legacy_finish_service_history(self, run):
        self.env["res.partner"].with_company(self.company_id)._recompute_customer_tiers()


def _null(value):
    return None if value is False else value


def _line_key(values):
    return f"{values.get('order_ref')}/{values.get('line_no') or values.get('description')}"


def _sql_vehicles(company_id, vins):
    return SQL("SELECT id, vin, partner_id FROM auto_vehicle WHERE company_id = %s AND vin = ANY(%s)", company_id, vins)


def _sql_existing_keys(company_id, keys):
    return SQL(
        "SELECT legacy_key FROM auto_service_history WHERE company_id = %s AND legacy_key = ANY(%s)", company_id, keys
    )


def _sql_readings(vehicle_ids):
    return SQL("SELECT vehicle_id, date, value FROM auto_vehicle_odometer WHERE vehicle_id = ANY(%s)", vehicle_ids)
