from odoo import fields, models


class AutoAlertRule(models.Model):
    _inherit = "auto.alert.rule"

    indicator = fields.Selection(
        selection_add=[("receivable_overdue", "Instalment overdue for more than N days")],
        ondelete={"receivable_overdue": "cascade"},
    )

    def _alert_subjects_receivable_overdue(self):
        today = fields.Date.context_today(self)
        self.env["auto.payment.plan.line"].flush_model()
        self.env.cr.execute(
            self.env["auto.payment.plan.line"]._receivable_overdue_sql(self.company_id.id, today, int(self.threshold))
        )
        rows = self.env.cr.fetchall()
        # translated once, filled in per instalment (thousands of subjects a night)
        template = self.env._("%(amount)s of %(order)s is %(days)s days overdue.")
        # one number format per currency (a handful), not one formatting call per subject
        currencies = self.env["res.currency"].browse(list({row[4] for row in rows} | {row[6] for row in rows}))
        formats = {currency.id: f"{{:,.{currency.decimal_places}f}} {currency.name}" for currency in currencies}
        subjects = []
        for line_id, order_name, partner_name, residual_company, company_currency, residual, currency, days in rows:
            # the company's currency, as every receivable total; the contract's own amount when it differs
            amount = formats[company_currency].format(residual_company)
            if currency != company_currency:
                amount = f"{amount} ({formats[currency].format(residual)})"
            subjects.append(
                {
                    "res_model": "auto.payment.plan.line",
                    "res_id": line_id,
                    "subject_name": f"{order_name} - {partner_name}",
                    "value": days,
                    "message": template % {"amount": amount, "order": order_name, "days": days},
                }
            )
        return subjects
