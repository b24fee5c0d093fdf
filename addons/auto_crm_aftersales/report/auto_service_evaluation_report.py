from odoo import fields, models, tools


class AutoServiceEvaluationReport(models.Model):
    """Service evaluation, one line per finished service order: times, first-time fix, CSI and NPS.

    Averaged in pivot and graph views by advisor and month: response and resolve
    hours, first-time-fix rate (%), CSI (0-100) and NPS (-100 to 100).
    """

    _name = "auto.service.evaluation.report"
    _description = "Service Evaluation"
    _auto = False
    _order = "date_done desc"

    repair_id = fields.Many2one("repair.order", string="Service Order", readonly=True)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("auto.vehicle", readonly=True)
    brand_id = fields.Many2one("auto.vehicle.brand", readonly=True)
    service_type = fields.Selection(
        [
            ("maintenance", "Maintenance"),
            ("repair", "Repair"),
            ("warranty", "Warranty"),
            ("insurance", "Insurance Claim"),
            ("recall", "Recall"),
            ("accident", "Accident"),
        ],
        readonly=True,
    )
    date_done = fields.Date("Completed On", readonly=True)
    response_hours = fields.Float(
        "Response (hours)", readonly=True, aggregator="avg", help="From reception to the start of work."
    )
    resolve_hours = fields.Float(
        "Time to Resolve (hours)", readonly=True, aggregator="avg", help="From reception to completion."
    )
    first_time_fix_rate = fields.Float("First-time Fix (%)", readonly=True, aggregator="avg")
    csi = fields.Float("CSI", readonly=True, aggregator="avg")
    nps = fields.Float("NPS", readonly=True, aggregator="avg")
    survey_count = fields.Integer("Surveys", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    amount_total = fields.Float("Revenue", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT r.id AS id,
                       r.id AS repair_id,
                       r.user_id AS advisor_id,
                       r.partner_id AS partner_id,
                       r.auto_vehicle_id AS vehicle_id,
                       v.brand_id AS brand_id,
                       r.auto_service_type AS service_type,
                       r.auto_date_done::date AS date_done,
                       EXTRACT(EPOCH FROM (COALESCE(r.auto_date_started, r.auto_date_done)
                         - r.auto_date_received)) / 3600.0
                           AS response_hours,
                       EXTRACT(EPOCH FROM (r.auto_date_done - r.auto_date_received)) / 3600.0 AS resolve_hours,
                       CASE WHEN r.auto_first_time_fix THEN 100.0 ELSE 0.0 END AS first_time_fix_rate,
                       s.csi AS csi,
                       s.nps AS nps,
                       COALESCE(s.survey_count, 0) AS survey_count,
                       1 AS order_count,
                       r.auto_amount_total AS amount_total,
                       r.company_id AS company_id
                  FROM repair_order r
             LEFT JOIN auto_vehicle v ON v.id = r.auto_vehicle_id
             LEFT JOIN (
                        SELECT repair_id, AVG(csi) AS csi, AVG(nps_value) AS nps, COUNT(*) AS survey_count
                          FROM auto_service_survey
                         WHERE repair_id IS NOT NULL
                      GROUP BY repair_id
                       ) s ON s.repair_id = r.id
                 WHERE r.state = 'done' AND r.auto_date_done IS NOT NULL
            )
        """)
