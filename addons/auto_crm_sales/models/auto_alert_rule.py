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
        # translated once, filled in per instalment (thousands of subjects a night)
        template = self.env._("%(amount)s of %(order)s is %(days)s days overdue.")
        return [
            {
                "res_model": "auto.payment.plan.line",
                "res_id": line_id,
                "subject_name": f"{order_name} - {partner_name}",
                "value": days,
                "message": template % {"amount": residual, "order": order_name, "days": days},
            }
            for line_id, order_name, partner_name, residual, days in self.env.cr.fetchall()
        ]
