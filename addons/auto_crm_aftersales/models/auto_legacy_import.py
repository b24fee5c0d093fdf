import operator
from collections import defaultdict

from odoo import _, _lt, api, models
from odoo.tools import SQL, split_every

from odoo.addons.auto_crm_customer.models.auto_legacy_import import _static_files
from odoo.addons.auto_crm_customer.tools import bulk
from odoo.addons.auto_crm_customer.tools import legacy_import as legacy
from odoo.addons.auto_crm_customer.tools import vin as vin_tools

POLICY_TYPE_LABELS = {
    "compulsory": ("交强险", "Compulsory (CTPL)", "Compulsory"),
    "commercial": ("商业险", "Commercial"),
    "both": ("交强险+商业险", "全险", "交强险和商业险", "Compulsory and Commercial"),
    "warranty": ("保修", "延保", "延长保修", "厂家保修", "Warranty", "Extended Warranty"),
}
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
        templates["policy"] = {
            "name": _lt("Warranty and Insurance Policies"),
            "sequence": 35,
            "files": _static_files("auto_crm_aftersales", "policies"),
            "columns": [
                {"key": "vin", "headers": ("车架号", "VIN"), "required": True, "example": "LSVAB4BR7PN123456"},
                {"key": "policy_type", "headers": ("类型", "Type"), "required": True, "example": "商业险"},
                {"key": "insurer", "headers": ("保险公司", "承保方", "Insurer"), "example": "中国人保"},
                {
                    "key": "number",
                    "headers": ("保单号", "Policy Number"),
                    "required": True,
                    "example": "PDAA2024310000001",
                },
                {"key": "date_start", "headers": ("开始日期", "Start"), "required": True, "example": "2024-06-01"},
                {"key": "date_end", "headers": ("结束日期", "End"), "required": True, "example": "2025-05-31"},
                {"key": "amount", "headers": ("金额", "Amount"), "example": "4860.00"},
            ],
        }
        return templates

    # ------------------------------------------------------------------
    # Warranty and insurance policies
    # ------------------------------------------------------------------
    def _legacy_plan_policy(self, rows, run):
        """An insurance row becomes an ``auto.insurance.policy`` (keyed by its number and insurer, as the
        policy's own unique constraint); a warranty row (manufacturer's or extended warranty) moves the vehicle's
        warranty end date to the policy's end when it is later (the warranty state follows from it). A row whose
        policy is already recorded with the same values is unchanged."""
        check_digit = self.company_id._auto_vin_check_digit()
        vehicles = self._legacy_vehicles_by_vin(
            [vin_tools.normalize_vin(values.get("vin")) for _row, values in rows], ["warranty_end_date", "partner_id"]
        )
        insurer_names = {values.get("insurer") for _row, values in rows if values.get("insurer")}
        # sudo: the insurers are companies any department may have recorded
        insurers = {
            partner.name: partner.id
            for partner in self.env["res.partner"]
            .sudo()
            .search_fetch([("name", "in", list(insurer_names)), ("is_company", "=", True)], ["name"], order="id")[::-1]
        }
        Policy = self.env["auto.insurance.policy"].sudo()  # sudo: the general manager imports for the workshop
        numbers = [values.get("number") for _row, values in rows if values.get("number")]
        policies = {
            (policy.name, policy.insurer_id.name): policy
            for policy in Policy.search_fetch(
                [("name", "in", numbers)],
                ["name", "insurer_id", "vehicle_id", "policy_type", "date_start", "date_end", "premium"],
            )
        }
        seen = run["seen"].setdefault("policies", set())
        warranty_ends = run.setdefault("warranty_ends", {})
        outcomes = []
        for row, values in rows:
            vehicle, refusal = self._legacy_vehicle_of(row, values, vehicles, check_digit)
            if refusal:
                outcomes.append(refusal)
                continue
            parsed, refusal = self._parse_cells(
                row,
                values,
                {
                    "policy_type": lambda v: legacy.parse_choice(v, POLICY_TYPE_LABELS, required=True),
                    "number": lambda v: legacy.clean(v) or legacy.parse_integer(v, required=True),
                    "date_start": lambda v: legacy.parse_date(v, required=True),
                    "date_end": lambda v: legacy.parse_date(v, required=True),
                    "amount": legacy.parse_amount,
                },
            )
            if refusal:
                outcomes.append(refusal)
                continue
            if parsed["date_end"] < parsed["date_start"]:
                outcomes.append(
                    self._refuse(
                        row,
                        "date_end",
                        values.get("date_end"),
                        _("The policy ends before it starts: check the start and end dates."),
                    )
                )
                continue
            number = parsed["number"]
            if parsed["policy_type"] == "warranty":
                key = ("warranty", vehicle.id, number)
                current = warranty_ends.get(vehicle.id, vehicle.warranty_end_date)
                if key in seen or (current and current >= parsed["date_end"]):
                    outcomes.append({"row": row, "action": "unchanged"})
                    continue
                seen.add(key)
                warranty_ends[vehicle.id] = parsed["date_end"]
                outcomes.append(
                    {
                        "row": row,
                        "action": "update",
                        "record_id": vehicle.id,
                        "vals": {"warranty_end_date": parsed["date_end"]},
                        "note": _(
                            "Warranty %(number)s of the legacy system: %(start)s to %(end)s, %(amount)s.",
                            number=number,
                            start=parsed["date_start"],
                            end=parsed["date_end"],
                            amount=parsed["amount"] or 0.0,
                        ),
                    }
                )
                continue
            insurer = values.get("insurer")
            if not insurer:
                outcomes.append(self._refuse(row, "insurer", "", _("Give the insurer of an insurance policy.")))
                continue
            vals = {
                "vehicle_id": vehicle.id,
                "policy_type": parsed["policy_type"],
                "date_start": parsed["date_start"],
                "date_end": parsed["date_end"],
                "premium": parsed["amount"] or 0.0,
            }
            policy = policies.get((number, insurer))
            if policy:
                if policy.vehicle_id != vehicle:
                    outcomes.append(
                        self._refuse(
                            row,
                            "number",
                            number,
                            _(
                                "This policy number of this insurer is already recorded for the vehicle %(vehicle)s.",
                                vehicle=policy.vehicle_id.display_name,
                            ),
                        )
                    )
                    continue
                changes = {key: value for key, value in vals.items() if key != "vehicle_id" and policy[key] != value}
                outcomes.append(
                    {
                        "row": row,
                        "action": "update" if changes else "unchanged",
                        "record_id": policy.id,
                        "vals": changes,
                    }
                )
                continue
            if (number, insurer) in seen:
                outcomes.append(
                    self._refuse(
                        row, "number", number, _("This policy number is already on an earlier row of the file.")
                    )
                )
                continue
            seen.add((number, insurer))
            vals.update(name=number, company_id=self.company_id.id)
            outcomes.append(
                {"row": row, "action": "create", "vals": vals, "insurer": insurer, "insurer_id": insurers.get(insurer)}
            )
        return outcomes

    def _legacy_apply_policy(self, outcomes, run):
        Policy = self.env["auto.insurance.policy"].sudo().with_context(tracking_disable=True)  # sudo: see plan
        Vehicle = self.env["auto.vehicle"].sudo()
        to_create = [o for o in outcomes if o["action"] == "create"]
        # the insurers the dealership has not recorded yet: one company each
        missing = sorted({o["insurer"] for o in to_create if not o["insurer_id"]})
        new_insurers = self.env["res.partner"].sudo().create([{"name": name, "is_company": True} for name in missing])
        insurer_ids = dict(zip(missing, new_insurers.ids, strict=True))
        Policy.create([dict(o["vals"], insurer_id=o["insurer_id"] or insurer_ids[o["insurer"]]) for o in to_create])
        updates = [o for o in outcomes if o["action"] == "update"]
        warranties = [o for o in updates if "warranty_end_date" in o["vals"]]
        self._legacy_write_grouped(Policy, [(o["record_id"], o["vals"]) for o in updates if o not in warranties])
        self._legacy_write_grouped(Vehicle, [(o["record_id"], o["vals"]) for o in warranties])
        for outcome in warranties:
            # the amount and the period of the legacy warranty stay on the vehicle's history (its chatter)
            Vehicle.browse(outcome["record_id"]).message_post(body=outcome["note"])

    def _legacy_plan_service_history(self, rows, run):
        """Each row is a line of a legacy order; its key (order and line number, or order and work) makes a
        second import of the same file change nothing. The vehicle must exist (import the vehicles first) and
        the mileage must not go back against the odometer readings before that day."""
        today = run["today"]
        company = self.company_id
        check_digit = company._auto_vin_check_digit()
        History = self.env["auto.service.history"].sudo()  # sudo: the general manager imports for the workshop
        # each row's VIN and key, worked out once (a vehicle's lines come together: its VIN once for all of them)
        normalized = {raw: vin_tools.normalize_vin(raw) for raw in {values.get("vin") for _row, values in rows}}
        rows = [(row, values, normalized[values.get("vin")], _line_key(values)) for row, values in rows]
        vins = set(normalized.values())
        self.env["auto.vehicle"].flush_model(["vin", "partner_id", "company_id"])
        vehicles = {
            vin: (vehicle_id, partner_id)
            for vehicle_id, vin, partner_id, company_id in self.env.execute_query(_sql_vehicles(list(vins)))
            if company_id == company.id
        }
        keys = {key for _row, _values, _vin, key in rows}
        History.flush_model(["legacy_key", "company_id"])
        done_keys = {
            key
            for key, company_id in self.env.execute_query(_sql_existing_keys(list(keys)))
            if company_id == company.id
        }
        readings = defaultdict(list)
        self.env["auto.vehicle.odometer"].flush_model(["vehicle_id", "date", "value"])
        History.flush_model(["vehicle_id", "date", "mileage"])
        for vehicle_id, day, value in self.env.execute_query(
            _sql_readings([vehicle_id for vehicle_id, _partner in vehicles.values()])
        ):
            readings[vehicle_id].append((day, value))
        parsers = {
            "date": lambda v: legacy.parse_date(v, today=today, required=True),
            "mileage": legacy.parse_integer,
            "amount": legacy.parse_amount,
            "service_type": lambda v: legacy.parse_choice(v, SERVICE_TYPE_LABELS, default="maintenance"),
        }
        cells = run.setdefault("cells", {})
        batch_keys = set()
        outcomes = []
        for row, values, vin, key in rows:
            vehicle, refusal = self._legacy_vehicle_of(row, values, vehicles, check_digit, vin=vin)
            if refusal:
                outcomes.append(refusal)
                continue
            if not values.get("description"):
                outcomes.append(self._refuse(row, "description", "", _("Say what was done on this line.")))
                continue
            parsed, refusal = self._parse_cells(row, values, parsers, cache=cells)
            if refusal:
                outcomes.append(refusal)
                continue
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
        """Write the batch's history lines. What follows from them, for a vehicle's whole history (its odometer,
        its next maintenance reminder) and for its owner (the value of the legacy orders), is derived once, at
        the end of the import (:meth:`_legacy_finish_service_history`): a file sorted by date spreads a vehicle
        and an order over many batches."""
        vals_list = [outcome["vals"] for outcome in outcomes if outcome["action"] == "create"]
        if not vals_list:
            return
        self._insert_service_history(vals_list)
        # fresh statistics of the table while the import fills it, each time the lines written by this run have
        # doubled (as PostgreSQL advises for a bulk load): with the statistics of an empty table the planner
        # would look the next batches' keys up by reading every line
        written = run["lines_written"] = run.get("lines_written", 0) + len(vals_list)
        if written >= 2 * run.get("analyzed_at", ANALYZE_FIRST // 2):
            self.env.cr.execute(SQL("ANALYZE auto_service_history"))
            run["analyzed_at"] = written

    def _insert_service_history(self, vals_list):
        """Write the history lines of a batch with one COPY.

        ``auto.service.history`` is a plain record (no compute, no constraint but its unique key, no create
        override) and every value was checked by the plan: the ORM's per-record work would be most of the time
        of an import of a million lines (bench/bench_import.py).
        """
        self.env["auto.service.history"].check_access("create")
        bulk.copy_rows(
            self.env,
            "auto_service_history",
            HISTORY_COLUMNS,
            list(map(operator.itemgetter(*HISTORY_COLUMNS), vals_list)),  # False is NULL, as None
            constants={"import_id": self.id},
        )
        self.env["auto.service.history"].invalidate_model()

    def _legacy_finish_service_history(self, run):
        """After the last batch, a chunk of vehicles at a time, each chunk committed: each vehicle of the import
        gets the odometer readings of its imported history (its first and last mileage, unless already known),
        its customer a value record per legacy order (and so its lifetime value), and then, from its whole
        history, its next maintenance reminder (:meth:`auto.vehicle._legacy_imported`). Every step is
        idempotent: a resumed import goes over the chunks again. Then the customer tiers follow from the
        imported value."""
        History = self.env["auto.service.history"]
        History.flush_model(["import_id", "vehicle_id", "date", "mileage", "order_ref"])
        self.env["auto.vehicle.odometer"].flush_model(["vehicle_id", "date", "value"])
        # statistics of the lines just loaded (as PostgreSQL advises after a bulk load), for the plans of the
        # queries by import and vehicle below; autovacuum would come to it later
        self.env.cr.execute(SQL("ANALYZE auto_service_history"))
        vehicle_ids = [
            vehicle_id
            for (vehicle_id,) in self.env.execute_query(
                SQL(
                    "SELECT DISTINCT vehicle_id FROM auto_service_history WHERE import_id = %s ORDER BY vehicle_id",
                    self.id,
                )
            )
        ]
        Odometer = self.env["auto.vehicle.odometer"].sudo()  # sudo: the general manager imports for the workshop
        Vehicle = self.env["auto.vehicle"].sudo()
        for chunk in split_every(FINISH_CHUNK, vehicle_ids, list):
            # the readings in one COPY: checked as typed readings are (no mileage going back), then the vehicles'
            # mileage recomputed from them
            reading_ids = bulk.copy_rows(
                self.env,
                "auto_vehicle_odometer",
                ["vehicle_id", "date", "value", "note"],
                self.env.execute_query(_sql_new_readings(self.id, chunk)),
                constants={"source": "import", "company_id": self.company_id.id},
            )
            # the customers' value: one record per legacy order with an amount (keyed by its first line), then
            # their lifetime value; sudo: value records are derived data only the customer addon's engine writes
            self.env["auto.customer.value"].sudo()._insert_from_query(_sql_order_values(self.id, chunk))
            readings = Odometer.browse(reading_ids)
            Vehicle.browse(chunk).invalidate_recordset(["odometer_ids"])
            readings._check_value()
            # their vehicles' mileage follows (their company was written with them: not "vehicle_id", which would
            # recompute it on every reading)
            readings.modified(["date", "value"])
            Vehicle.browse(chunk)._legacy_imported()
            self.env.flush_all()
            self._legacy_commit()
            self.env.invalidate_all()
        self.env["res.partner"].with_company(self.company_id)._recompute_customer_tiers()


HISTORY_COLUMNS = [
    "vehicle_id", "partner_id", "order_ref", "date", "mileage", "service_type", "description", "amount",
    "legacy_key", "company_id",
]  # fmt: skip
# vehicles whose odometer and reminders are derived together at the end of a service-history import
FINISH_CHUNK = 5000
# the history lines an import writes before it first refreshes the table's statistics (then at each doubling)
ANALYZE_FIRST = 1000


def _line_key(values):
    return f"{values.get('order_ref')}/{values.get('line_no') or values.get('description')}"


# The company is compared in Python, not in SQL: while a million lines are imported the planner's statistics of
# the table lag behind, and a company condition lets it scan the company's index for every batch (all its lines)
# instead of looking each key up in the unique index (VIN or key first).
def _sql_vehicles(vins):
    return SQL("SELECT id, vin, partner_id, company_id FROM auto_vehicle WHERE vin = ANY(%s)", vins)


def _sql_existing_keys(keys):
    return SQL("SELECT legacy_key, company_id FROM auto_service_history WHERE legacy_key = ANY(%s)", keys)


def _sql_readings(vehicle_ids):
    """The known mileages of the vehicles: their odometer readings and their history lines imported before."""
    return SQL(
        "SELECT vehicle_id, date, value FROM auto_vehicle_odometer WHERE vehicle_id = ANY(%s) "
        "UNION SELECT vehicle_id, date, mileage FROM auto_service_history WHERE vehicle_id = ANY(%s) AND mileage > 0",
        vehicle_ids,
        vehicle_ids,
    )


def _sql_order_values(import_id, vehicle_ids):
    """The value of each legacy order of the vehicles' history lines of an import, for its owner (the commercial
    entity of the lines' customer), as :meth:`auto.customer.value._insert_from_query` takes it: dated by the
    order's last line, keyed by its first."""
    return SQL(
        """
        SELECT COALESCE(partner.commercial_partner_id, partner.id) AS partner_id, MAX(line.date) AS date,
               'service' AS value_type, SUM(line.amount) AS amount, line.order_ref AS description,
               line.order_ref AS origin, 'auto.service.history' AS res_model, MIN(line.id) AS res_id,
               line.company_id
          FROM auto_service_history line
          JOIN res_partner partner ON partner.id = line.partner_id
         WHERE line.import_id = %s AND line.vehicle_id = ANY(%s)
         GROUP BY COALESCE(partner.commercial_partner_id, partner.id), line.order_ref, line.company_id
        """,
        import_id,
        vehicle_ids,
    )


def _sql_new_readings(import_id, vehicle_ids):
    """The first and the last mileage of each vehicle's history lines of an import (by date, then mileage), as
    (vehicle, date, value, legacy order), unless the vehicle's odometer has that reading already."""
    return SQL(
        """
        WITH lines AS (
            SELECT vehicle_id, date, mileage, order_ref,
                   ROW_NUMBER() OVER (PARTITION BY vehicle_id ORDER BY date, mileage, id) AS first,
                   ROW_NUMBER() OVER (PARTITION BY vehicle_id ORDER BY date DESC, mileage DESC, id DESC) AS last
              FROM auto_service_history
             WHERE import_id = %s AND vehicle_id = ANY(%s) AND mileage > 0
        )
        SELECT DISTINCT ON (l.vehicle_id, l.date, l.mileage) l.vehicle_id, l.date, l.mileage, l.order_ref
          FROM lines l
         WHERE (l.first = 1 OR l.last = 1)
           AND NOT EXISTS (
                SELECT 1 FROM auto_vehicle_odometer o
                 WHERE o.vehicle_id = l.vehicle_id AND o.date = l.date AND o.value = l.mileage
           )
         ORDER BY l.vehicle_id, l.date, l.mileage
        """,
        import_id,
        vehicle_ids,
    )
