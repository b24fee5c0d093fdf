from markupsafe import Markup

from odoo import _, api, fields, models

from .sale_order import DELIVERED_STATES

# a receivable reminder is about an instalment; its contract is the instalment's
INSTALMENT_OF_CONTRACT = {"auto.payment.plan.line": "order_id"}


class AutoFollowup(models.Model):
    _inherit = "auto.followup"

    # shortcuts to the subject (res_model/res_id): a lead, a contract, or an instalment of a contract
    lead_id = fields.Many2one(
        "crm.lead", compute="_compute_subject_links", inverse="_inverse_lead_id", search="_search_lead_id"
    )
    lead_grade_id = fields.Many2one("auto.lead.grade", readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Contract",
        compute="_compute_subject_links",
        inverse="_inverse_sale_order_id",
        search="_search_sale_order_id",
    )
    payment_plan_line_id = fields.Many2one(
        "auto.payment.plan.line",
        string="Instalment",
        compute="_compute_subject_links",
        inverse="_inverse_payment_plan_line_id",
        search="_search_payment_plan_line_id",
    )

    delivery_survey_ids = fields.One2many("auto.delivery.survey", "followup_id", string="Delivery Surveys")
    auto_delivery_order_id = fields.Many2one(
        "sale.order",
        string="Delivery Survey to Record",
        compute="_compute_auto_delivery_order_id",
        help="The delivered contract of the customer's car whose delivery survey is not answered yet: recorded on "
        "this call (the delivery return visit, 交车回访).",
    )

    def init(self):
        # the receivable cron looks for the reminders coming due among many other follow-ups
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS auto_followup_receivable_due_idx
            ON auto_followup (date_scheduled) WHERE state = 'planned' AND res_model = 'auto.payment.plan.line'
            """
        )

    @api.model
    def _subject_links(self):
        return {
            **super()._subject_links(),
            "lead_id": ("crm.lead", {}),
            "sale_order_id": ("sale.order", INSTALMENT_OF_CONTRACT),
            "payment_plan_line_id": ("auto.payment.plan.line", {}),
        }

    @api.depends("vehicle_id", "res_model", "res_id", "state")
    def _compute_auto_delivery_order_id(self):
        todo = self.filtered(lambda f: f.state in ("planned", "open") and (f.vehicle_id or f.sale_order_id))
        # sudo: whoever makes the call sees whether the owner's delivery survey is still to record, not the order
        lines = self.env["sale.order.line"].sudo()
        if todo.vehicle_id:
            lines = lines.search_fetch(
                [
                    ("auto_vehicle_id", "in", todo.vehicle_id.ids),
                    ("order_id.auto_contract_state", "in", DELIVERED_STATES),
                ],
                ["auto_vehicle_id", "order_id"],
            )
        delivered = todo.sale_order_id.sudo().filtered(lambda o: o.auto_contract_state in DELIVERED_STATES)
        orders = lines.order_id | delivered
        answered = set()
        if orders:
            answered = {
                order.id
                for [order] in self.env["auto.delivery.survey"]
                .sudo()
                ._read_group([("order_id", "in", orders.ids)], ["order_id"])
            }
        by_vehicle = {line.auto_vehicle_id.id: line.order_id for line in lines}
        for followup in self:
            order = self.env["sale.order"].sudo()
            if followup in todo:
                order = (followup.sale_order_id.sudo() & delivered) or by_vehicle.get(followup.vehicle_id.id, order)
            followup.auto_delivery_order_id = order.id if order and order.id not in answered else False

    def action_record_delivery_survey(self):
        """Record the owner's answers to the delivery survey on this call (交车回访)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Delivery Satisfaction"),
            "res_model": "auto.delivery.survey",
            "view_mode": "form",
            "views": [(self.env.ref("auto_crm_sales.auto_delivery_survey_view_form").id, "form")],
            "target": "new",
            "context": {
                "default_followup_id": self.id,
                "default_order_id": self.auto_delivery_order_id.id,
                "default_channel": "phone",
            },
        }

    def _inverse_lead_id(self):
        self._subject_link_inverse("lead_id")

    def _search_lead_id(self, operator, value):
        return self._subject_link_search("lead_id", operator, value)

    def _inverse_sale_order_id(self):
        self._subject_link_inverse("sale_order_id")

    def _search_sale_order_id(self, operator, value):
        return self._subject_link_search("sale_order_id", operator, value)

    def _inverse_payment_plan_line_id(self):
        self._subject_link_inverse("payment_plan_line_id")

    def _search_payment_plan_line_id(self, operator, value):
        return self._subject_link_search("payment_plan_line_id", operator, value)

    def _copy_subject_vals(self):
        vals = super()._copy_subject_vals()
        vals["lead_grade_id"] = self.lead_grade_id.id
        return vals

    @api.model
    def _schedule(self, plan, subjects, steps=None):
        followups = super()._schedule(plan, subjects, steps=steps)
        finance_steps = followups.filtered(lambda f: f.plan_step_id.responsible == "finance")
        for company in finance_steps.company_id:
            in_company = finance_steps.filtered(lambda f, c=company: f.company_id == c)
            finance = company.auto_finance_user_id or plan._escalation_user()
            if finance:
                in_company.write({"user_id": finance.id})
        return followups

    def _close(self, outcome, note, reschedule_date=False):
        result = super()._close(outcome, note, reschedule_date=reschedule_date)
        lead_followups = self.filtered("lead_id")
        if lead_followups:
            leads = lead_followups.lead_id
            now = fields.Datetime.now()
            leads.filtered(lambda lead: not lead.auto_date_first_response).write({"auto_date_first_response": now})
            if outcome != "rescheduled":
                # the cadence goes on: the next follow-up of the lead's grade, from today
                leads._auto_schedule_cadence()
        return result

    def _open_now_if_due(self):
        due = super()._open_now_if_due()
        receivable = due.filtered("payment_plan_line_id")
        if receivable:
            bodies = {}
            for followup in receivable:
                line = followup.payment_plan_line_id
                bodies.setdefault(followup.sale_order_id.id, []).append(
                    _(
                        'Receivable reminder "%(step)s" for %(user)s: %(amount)s due on %(date)s.',
                        step=followup.name,
                        user=followup.user_id.name or "",
                        amount=line.amount_residual,
                        date=line.due_date,
                    )
                )
            orders = self.env["sale.order"].browse(list(bodies))
            # the reminders are logged on the contract too; access was checked on the follow-ups
            orders._message_log_batch(
                bodies={order_id: Markup("<br/>").join(texts) for order_id, texts in bodies.items()}
            )
        return due
