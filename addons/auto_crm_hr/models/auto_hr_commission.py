import base64
import csv
import io

import xlsxwriter

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

from odoo.addons.auto_crm_sales.models.sale_order import DELIVERED_STATES

COMMISSION_STATES = [("draft", "To Approve"), ("approved", "Approved")]
PAYROLL_COLUMNS = (
    _lt("Employee"),
    _lt("Employee Number"),
    _lt("Team"),
    _lt("Period"),
    _lt("Commission"),
    _lt("Currency"),
)


class AutoHrCommission(models.Model):
    """An employee's commission for an appraisal period: one line per vehicle delivered (amount per unit and
    share of its gross profit, times the CSI multiplier), and the claw-back of contracts cancelled after an
    approved payout. Approved by the general manager, then exported for payroll."""

    _name = "auto.hr.commission"
    _description = "Commission"
    _inherit = ["mail.thread"]
    _order = "period_id desc, employee_id"
    _rec_name = "employee_name"

    period_id = fields.Many2one("auto.hr.period", required=True, index=True, ondelete="restrict")
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="restrict")
    employee_name = fields.Char(related="employee_id.name", string="Employee Name")
    user_id = fields.Many2one("res.users", required=True, index=True)
    department_id = fields.Many2one("hr.department", string="Team", index=True)
    team_leader_user_id = fields.Many2one(related="department_id.manager_id.user_id", store=True, string="Team Leader")
    plan_id = fields.Many2one("auto.hr.commission.plan", required=True, ondelete="restrict")
    state = fields.Selection(COMMISSION_STATES, default="draft", required=True, tracking=True, index=True)
    line_ids = fields.One2many("auto.hr.commission.line", "commission_id", string="Lines")
    csi = fields.Float("CSI of the Period", digits=(5, 2), readonly=True)
    multiplier = fields.Float(digits=(4, 2), readonly=True, default=1.0)
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        "Commission", compute="_compute_amount_total", store=True, currency_field="currency_id", tracking=True
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("employee_period_unique", "unique(period_id, employee_id)", "An employee has one commission per period."),
    ]

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for commission in self:
            commission.amount_total = sum(commission.line_ids.mapped("amount"))

    def write(self, vals):
        if set(vals) - {"state", "approved_by_id", "date_approved"} and self.filtered(lambda c: c.state == "approved"):
            raise UserError(_("An approved commission is frozen: it goes to payroll as it is."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda c: c.state == "approved"):
            raise UserError(_("An approved commission is kept for payroll: it cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        if not self.env.user.has_group("auto_crm_customer.group_dealership_manager"):
            raise AccessError(_("Only the general manager approves commissions."))
        self.filtered(lambda c: c.state == "draft").write(
            {"state": "approved", "approved_by_id": self.env.uid, "date_approved": fields.Datetime.now()}
        )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _compute_for_periods(self, periods):
        """Compute the draft commissions of these periods in batch (approved ones are left as they are)."""
        periods._check_hr_rights()
        registry = self.env["auto.kpi.registry"]
        for period in periods:
            plans = self.env["auto.hr.commission.plan"].search([("company_id", "=", period.company_id.id)])
            if not plans:
                continue
            plan_by_role = {plan.role_id: plan for plan in plans}
            employees = self.env["hr.employee"].search(
                [
                    ("auto_role_id", "in", plans.role_id.ids),
                    ("user_id", "!=", False),
                    ("company_id", "=", period.company_id.id),
                ]
            )
            existing = self.search([("period_id", "=", period.id)])
            approved_employees = existing.filtered(lambda c: c.state == "approved").employee_id
            existing.filtered(lambda c: c.state == "draft").unlink()
            employees -= approved_employees
            if not employees:
                continue
            users = employees.user_id
            start, stop = registry._kpi_datetime_bounds(period.date_from, period.date_to)
            # sudo: HR computes payroll figures from contracts it does not otherwise browse (no sales rights)
            Order = self.env["sale.order"].sudo()
            orders = Order.search_fetch(
                [
                    ("user_id", "in", users.ids),
                    ("auto_is_vehicle_sale", "=", True),
                    ("auto_contract_state", "in", DELIVERED_STATES),
                    ("effective_date", ">=", start),
                    ("effective_date", "<", stop),
                ],
                ["user_id", "auto_gross_profit"],
            )
            units = dict(
                self.env["sale.order.line"]
                .sudo()
                ._read_group(
                    [("order_id", "in", orders.ids), ("auto_lot_id", "!=", False)], ["order_id"], ["qty_delivered:sum"]
                )
            )
            orders_by_user = orders.grouped("user_id")
            # claw-back: contracts cancelled after an approved payout not yet clawed back (sudo: the state of
            # the contracts, as above)
            Line = self.env["auto.hr.commission.line"].sudo()
            paid = Line.search(
                [
                    ("commission_id.state", "=", "approved"),
                    ("commission_id.user_id", "in", users.ids),
                    ("kind", "=", "sale"),
                    ("order_id.auto_contract_state", "=", "cancelled"),
                    ("clawback_line_ids", "=", False),
                ]
            )
            paid_by_user = paid.grouped(lambda line: line.commission_id.user_id)
            csi_by_user = {
                line.user_id: line.value
                for line in self.env["auto.hr.scorecard.line"].search(
                    [("period_id", "=", period.id), ("code", "=", "csi"), ("has_data", "=", True)]
                )
            }
            vals_list = []
            for employee in employees:
                user = employee.user_id
                plan = plan_by_role[employee.auto_role_id]
                csi = csi_by_user.get(user)
                multiplier = 1.0 if csi is None else (plan.csi_bonus if csi >= plan.csi_target else plan.csi_malus)
                lines = []
                for order in orders_by_user.get(user, Order):
                    unit_count = units.get(order, 0.0)
                    base = unit_count * plan.amount_per_unit + order.auto_gross_profit * plan.profit_share / 100.0
                    lines.append(
                        {
                            "kind": "sale",
                            "order_id": order.id,
                            "units": unit_count,
                            "gross_profit": order.auto_gross_profit,
                            "amount": float_round(base * multiplier, precision_digits=2),
                        }
                    )
                for line in paid_by_user.get(user, Line):
                    lines.append(
                        {
                            "kind": "clawback",
                            "order_id": line.order_id.id,
                            "clawback_of_id": line.id,
                            "units": -line.units,
                            "gross_profit": -line.gross_profit,
                            "amount": -line.amount,
                        }
                    )
                if not lines:
                    continue
                vals_list.append(
                    {
                        "period_id": period.id,
                        "employee_id": employee.id,
                        "user_id": user.id,
                        "department_id": employee.department_id.id,
                        "plan_id": plan.id,
                        "csi": csi or 0.0,
                        "multiplier": multiplier,
                        "line_ids": [fields.Command.create(line) for line in lines],
                    }
                )
            self.with_context(mail_create_nolog=True, tracking_disable=True).create(vals_list)
        return True

    def _payroll_rows(self):
        rows = []
        for commission in self.sorted(lambda c: (c.period_id.date_from, c.employee_id.name or "")):
            rows.append(
                (
                    commission.employee_id.name,
                    commission.employee_id.barcode or commission.employee_id.identification_id or "",
                    commission.department_id.name or "",
                    commission.period_id.name,
                    commission.amount_total,
                    commission.currency_id.name,
                )
            )
        return rows

    def _export_payroll(self, file_format):
        """The approved commissions as a file a payroll office loads: one row per employee and period."""
        if self.filtered(lambda c: c.state != "approved"):
            raise UserError(_("Only approved commissions go to payroll: have the general manager approve them."))
        # translated here, in the exporting user's language: _lt finds the language in the caller's ``self``,
        # which a comprehension (a frame of its own) does not have
        header = []
        for column in PAYROLL_COLUMNS:
            header.append(str(column))
        rows = self._payroll_rows()
        if file_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            # a BOM: Excel opens the Chinese names of a UTF-8 CSV correctly only with it
            content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
            mimetype = "text/csv"
        else:
            buffer = io.BytesIO()
            workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
            sheet = workbook.add_worksheet(_("Commissions"))
            bold = workbook.add_format({"bold": True})
            money = workbook.add_format({"num_format": "#,##0.00"})
            sheet.write_row(0, 0, header, bold)
            for index, row in enumerate(rows, start=1):
                sheet.write_row(index, 0, row[:4])
                sheet.write_number(index, 4, row[4], money)
                sheet.write(index, 5, row[5])
            sheet.set_column(0, 3, 18)
            workbook.close()
            content = buffer.getvalue()
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = _(
            "commissions-%(periods)s.%(ext)s",
            periods="-".join(sorted(set(self.period_id.mapped("name")))),
            ext=file_format,
        )
        return self.env["ir.attachment"].create(
            {"name": name, "datas": base64.b64encode(content), "mimetype": mimetype, "res_model": self._name}
        )

    def action_export_csv(self):
        return self._download(self._export_payroll("csv"))

    def action_export_xlsx(self):
        return self._download(self._export_payroll("xlsx"))

    def _download(self, attachment):
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "new"}
