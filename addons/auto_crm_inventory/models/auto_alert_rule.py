from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

INVENTORY_INDICATORS = (
    "vehicle_stock_age",
    "model_stock_level",
    "part_below_min",
    "part_no_movement",
    "count_discrepancy",
)


class AutoAlertRule(models.Model):
    _inherit = "auto.alert.rule"

    indicator = fields.Selection(
        selection_add=[
            ("vehicle_stock_age", "Vehicle stock age over N days"),
            ("model_stock_level", "Vehicles of a model in stock above or below N"),
            ("part_below_min", "Part below its reorder minimum"),
            ("part_no_movement", "Part in stock with no movement for N days"),
            ("count_discrepancy", "Stock count with more than N discrepancies"),
        ],
        ondelete={indicator: "cascade" for indicator in INVENTORY_INDICATORS},
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("indicator") in INVENTORY_INDICATORS for vals in vals_list):
            self._auto_check_inventory_manager()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("indicator") in INVENTORY_INDICATORS or any(
            rule.indicator in INVENTORY_INDICATORS for rule in self
        ):
            self._auto_check_inventory_manager()
        return super().write(vals)

    def unlink(self):
        if any(rule.indicator in INVENTORY_INDICATORS for rule in self):
            self._auto_check_inventory_manager()
        return super().unlink()

    def _auto_check_inventory_manager(self):
        if self.env.su or self.env.user.has_group("auto_crm_inventory.group_inventory_manager"):
            return
        raise AccessError(_("Only an inventory manager can create or change the stock alert rules."))

    # ------------------------------------------------------------------
    # Indicators: each returns the subjects meeting the condition now, in a constant number of queries
    # ------------------------------------------------------------------
    def _alert_subjects_vehicle_stock_age(self):
        today = fields.Date.context_today(self)
        cutoff = fields.Datetime.to_datetime(fields.Date.subtract(today, days=int(self.threshold)))
        vehicles = self.env["auto.vehicle"].search_fetch(
            [
                ("state", "in", ("in_stock", "reserved", "demo")),
                ("stock_in_date", "<", cutoff),
                ("company_id", "=", self.company_id.id),
            ],
            ["vin", "stock_in_date", "stock_location_id", "model_id"],
        )
        # translated once, filled per vehicle
        template = self.env._("%(vin)s (%(model)s) has been in stock for %(days)s days, at %(location)s.")
        model_names = {model.id: model.display_name for model in vehicles.model_id}
        location_names = {location.id: location.display_name for location in vehicles.stock_location_id}
        subjects = []
        for vehicle in vehicles:
            days = (today - vehicle.stock_in_date.date()).days
            subjects.append(
                {
                    "res_model": "auto.vehicle",
                    "res_id": vehicle.id,
                    "subject_name": vehicle.vin,
                    "value": days,
                    "message": template
                    % {
                        "vin": vehicle.vin,
                        "model": model_names.get(vehicle.model_id.id) or "-",
                        "days": days,
                        "location": location_names.get(vehicle.stock_location_id.id) or "-",
                    },
                }
            )
        return subjects

    def _alert_subjects_model_stock_level(self):
        counts = dict(
            self.env["auto.vehicle"]._read_group(
                [
                    ("state", "in", ("in_stock", "reserved", "demo")),
                    ("company_id", "=", self.company_id.id),
                    ("model_id", "!=", False),
                ],
                ["model_id"],
                ["__count"],
            )
        )
        models_ = self.env["auto.vehicle.model"].search([("product_id", "!=", False)])
        above = self.comparison == "above"
        subjects = []
        for model in models_:
            count = counts.get(model, 0)
            if (count > self.threshold) if above else (count < self.threshold):
                subjects.append(
                    {
                        "res_model": "auto.vehicle.model",
                        "res_id": model.id,
                        "subject_name": model.display_name,
                        "value": count,
                        "message": self.env._(
                            "%(count)s vehicle(s) of %(model)s in stock, %(direction)s the level of %(level)s.",
                            count=count,
                            model=model.display_name,
                            level=int(self.threshold),
                            direction=self.env._("above") if above else self.env._("below"),
                        ),
                    }
                )
        return subjects

    def _alert_subjects_part_below_min(self):
        self.env["stock.quant"].flush_model(["product_id", "location_id", "quantity"])
        self.env["stock.warehouse.orderpoint"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT op.id, op.product_min_qty, op.product_max_qty, COALESCE(SUM(q.quantity), 0) AS on_hand
              FROM stock_warehouse_orderpoint op
              JOIN product_product pp ON pp.id = op.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN stock_location ol ON ol.id = op.location_id
         LEFT JOIN stock_location ql ON starts_with(ql.parent_path, ol.parent_path) AND ql.usage = 'internal'
         LEFT JOIN stock_quant q ON q.location_id = ql.id AND q.product_id = op.product_id
             WHERE op.active AND op.company_id = %(company)s AND pt.auto_product_kind = 'part'
          GROUP BY op.id, op.product_min_qty, op.product_max_qty
            HAVING COALESCE(SUM(q.quantity), 0) < op.product_min_qty
            """,
                company=self.company_id.id,
            )
        )
        rows = self.env.cr.fetchall()
        orderpoints = self.env["stock.warehouse.orderpoint"].browse([row[0] for row in rows])
        orderpoints.fetch(["product_id", "warehouse_id"])
        template = self.env._(
            "%(part)s: %(on_hand)s on hand in %(warehouse)s, below the minimum of %(minimum)s; order up to %(maximum)s."
        )
        subjects = []
        for (_id, minimum, maximum, on_hand), orderpoint in zip(rows, orderpoints, strict=True):
            part = orderpoint.product_id.display_name
            subjects.append(
                {
                    "res_model": "stock.warehouse.orderpoint",
                    "res_id": orderpoint.id,
                    "subject_name": part,
                    "value": on_hand,
                    "message": template
                    % {
                        "part": part,
                        "on_hand": on_hand,
                        "minimum": minimum,
                        "maximum": maximum,
                        "warehouse": orderpoint.warehouse_id.name,
                    },
                }
            )
        return subjects

    def _alert_subjects_part_no_movement(self):
        today = fields.Date.context_today(self)
        cutoff = fields.Datetime.to_datetime(fields.Date.subtract(today, days=int(self.threshold)))
        self.env["stock.quant"].flush_model(["product_id", "location_id", "quantity"])
        self.env["stock.move"].flush_model(["product_id", "state", "date"])
        self.env.cr.execute(
            SQL(
                """
            WITH stocked AS (
                SELECT q.product_id, SUM(q.quantity) AS on_hand
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  JOIN product_product pp ON pp.id = q.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.auto_product_kind = 'part'
                 WHERE q.company_id = %(company)s
              GROUP BY q.product_id
                HAVING SUM(q.quantity) > 0
            ), last_moves AS (
                SELECT m.product_id, MAX(m.date) AS last_move
                  FROM stock_move m
                 WHERE m.state = 'done' AND m.company_id = %(company)s
                   AND m.product_id IN (SELECT product_id FROM stocked)
              GROUP BY m.product_id
            )
            SELECT s.product_id, s.on_hand, lm.last_move
              FROM stocked s
         LEFT JOIN last_moves lm ON lm.product_id = s.product_id
             WHERE lm.last_move IS NULL OR lm.last_move < %(cutoff)s
          ORDER BY s.product_id
            """,
                company=self.company_id.id,
                cutoff=cutoff,
            )
        )
        rows = self.env.cr.fetchall()
        products = self.env["product.product"].browse([row[0] for row in rows])
        never = self.env._("never")
        template = self.env._("%(part)s: %(on_hand)s in stock, last moved %(last)s.")
        subjects = []
        for (_id, on_hand, last_move), product in zip(rows, products, strict=True):
            days = (today - last_move.date()).days if last_move else int(self.threshold) + 1
            part = product.display_name
            subjects.append(
                {
                    "res_model": "product.product",
                    "res_id": product.id,
                    "subject_name": part,
                    "value": days,
                    "message": template
                    % {
                        "part": part,
                        "on_hand": on_hand,
                        "last": fields.Date.to_string(last_move.date()) if last_move else never,
                    },
                }
            )
        return subjects

    def _alert_subjects_count_discrepancy(self):
        counts = self.env["auto.stock.count"].search_fetch(
            [
                ("state", "=", "to_approve"),
                ("discrepancy_count", ">", self.threshold),
                ("company_id", "=", self.company_id.id),
            ],
            ["name", "discrepancy_count", "missing_count", "unexpected_count", "misplaced_count", "location_id"],
        )
        return [
            {
                "res_model": "auto.stock.count",
                "res_id": count.id,
                "subject_name": count.name,
                "value": count.discrepancy_count,
                "message": self.env._(
                    "The count %(count)s of %(location)s waits for approval with %(missing)s missing, "
                    "%(unexpected)s unexpected and %(misplaced)s misplaced vehicle(s).",
                    count=count.name,
                    location=count.location_id.display_name,
                    missing=count.missing_count,
                    unexpected=count.unexpected_count,
                    misplaced=count.misplaced_count,
                ),
            }
            for count in counts
        ]
