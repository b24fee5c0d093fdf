from odoo import _, _lt, api, models
from odoo.tools import float_compare, float_is_zero

from odoo.addons.auto_crm_customer.models.auto_legacy_import import _static_files
from odoo.addons.auto_crm_customer.tools import legacy_import as legacy
from odoo.addons.auto_crm_customer.tools import phone as phone_tools


class AutoLegacyImport(models.Model):
    _inherit = "auto.legacy.import"

    @api.model
    def _legacy_templates(self):
        templates = super()._legacy_templates()
        templates["receivable"] = {
            "name": _lt("Open Receivables"),
            "sequence": 50,
            "files": _static_files("auto_crm_sales", "receivables"),
            "columns": [
                {
                    "key": "mobile",
                    "headers": ("客户手机", "Customer Mobile"),
                    "required": True,
                    "example": "13800138000",
                },
                {"key": "name", "headers": ("客户姓名", "Customer"), "example": "张伟"},
                {"key": "reference", "headers": ("合同号", "Contract"), "required": True, "example": "HT2024-0088"},
                {"key": "due_date", "headers": ("到期日期", "Due Date"), "required": True, "example": "2025-06-30"},
                {"key": "amount", "headers": ("应收金额", "Amount"), "required": True, "example": "158000.00"},
                {"key": "paid", "headers": ("已收金额", "Paid"), "example": "150000.00"},
                {"key": "user_login", "headers": ("顾问账号", "Consultant Login"), "example": "consultant"},
            ],
        }
        return templates

    def _legacy_plan_receivable(self, rows, run):
        """Each row is what a customer still owes on a contract of the legacy system. It becomes a delivered
        contract (a sale order in the contract state "delivered", with one "legacy receivable" fee line for what
        is still to receive) whose payment plan is one balance instalment due on the row's due date: the
        receivables worklist, the reminder ladder and the overdue alert read exactly these instalments. The
        contract reference (``auto_legacy_ref``) makes a second import change nothing."""
        customers = self._legacy_customers_by_mobile(
            phone_tools.normalize_mobile(values.get("mobile")) for _row, values in rows
        )
        references = [values.get("reference") for _row, values in rows if values.get("reference")]
        # sudo: contracts of every consultant, by the general manager
        existing = {
            order.auto_legacy_ref: order
            for order in self.env["sale.order"]
            .sudo()
            .search_fetch(
                [("auto_legacy_ref", "in", references), ("company_id", "=", self.company_id.id)],
                ["auto_legacy_ref", "partner_id", "amount_total"],
            )
        }
        logins = {values.get("user_login") for _row, values in rows if values.get("user_login")}
        users = {
            user.login: user.id
            for user in self.env["res.users"].sudo().search_fetch([("login", "in", list(logins))], ["login"])
        }
        rounding = self.company_id.currency_id.rounding
        seen = run["seen"].setdefault("receivables", set())
        outcomes = []
        for row, values in rows:
            parsed = {}
            partner, refusal = self._legacy_customer_refusal(row, values, "mobile", "name", customers)
            if not refusal and not values.get("reference"):
                refusal = self._refuse(row, "reference", "", _("Give the contract or reference of the receivable."))
            if not refusal:
                parsed, refusal = self._parse_cells(
                    row,
                    values,
                    {
                        "due_date": lambda v: legacy.parse_date(v, required=True),
                        "amount": lambda v: legacy.parse_amount(v, required=True),
                        "paid": legacy.parse_amount,
                    },
                )
            if refusal:
                outcomes.append(refusal)
                continue
            residual = parsed["amount"] - (parsed["paid"] or 0.0)
            if float_compare(residual, 0.0, precision_rounding=rounding) <= 0:
                outcomes.append(
                    self._refuse(
                        row,
                        "paid",
                        values.get("paid"),
                        _(
                            "Nothing is left to receive (paid %(paid)s of %(amount)s): leave the row out.",
                            paid=parsed["paid"] or 0.0,
                            amount=parsed["amount"],
                        ),
                    )
                )
                continue
            user_id = partner.user_id.id or self.env.uid
            if values.get("user_login"):
                user_id = users.get(values["user_login"])
                if not user_id:
                    outcomes.append(self._refuse(row, "user_login", values["user_login"], _("No user has this login.")))
                    continue
            reference = values["reference"]
            order = existing.get(reference)
            if order:
                if order.partner_id != partner:
                    outcomes.append(
                        self._refuse(
                            row,
                            "reference",
                            reference,
                            _("This contract is already imported for %(customer)s.", customer=order.partner_id.name),
                        )
                    )
                elif float_is_zero(order.amount_total - residual, precision_rounding=rounding):
                    outcomes.append({"row": row, "action": "unchanged", "record_id": order.id})
                else:
                    outcomes.append(
                        self._refuse(
                            row,
                            "paid",
                            values.get("paid"),
                            _(
                                "This contract is already imported with %(imported)s to receive: record what the "
                                "customer paid since as a payment of its invoice, not by importing it again.",
                                imported=order.amount_total,
                            ),
                        )
                    )
                continue
            if reference in seen:
                outcomes.append(
                    self._refuse(
                        row, "reference", reference, _("This contract is already on an earlier row of the file.")
                    )
                )
                continue
            seen.add(reference)
            outcomes.append(
                {
                    "row": row,
                    "action": "create",
                    "vals": {
                        "partner_id": partner.id,
                        "user_id": user_id,
                        "company_id": self.company_id.id,
                        "auto_legacy_ref": reference,
                        "origin": reference,
                        "due_date": parsed["due_date"],
                        "residual": residual,
                        "note": _(
                            "Contract %(reference)s of the legacy system: %(amount)s, of which %(paid)s received.",
                            reference=reference,
                            amount=parsed["amount"],
                            paid=parsed["paid"] or 0.0,
                        ),
                    },
                }
            )
        return outcomes

    def _legacy_apply_receivable(self, outcomes, run):
        product = self.env.ref("auto_crm_sales.product_legacy_receivable")
        vals_list = []
        for outcome in outcomes:
            if outcome["action"] != "create":
                continue
            vals = dict(outcome["vals"])
            due_date, residual, note = vals.pop("due_date"), vals.pop("residual"), vals.pop("note")
            vals_list.append(
                dict(
                    vals,
                    state="sale",
                    auto_contract_state="delivered",
                    auto_date_signed=due_date if due_date < run["today"] else run["today"],
                    note=note,
                    order_line=[
                        (0, 0, {"product_id": product.id, "name": note, "product_uom_qty": 1, "price_unit": residual})
                    ],
                    auto_payment_plan_line_ids=[
                        (0, 0, {"kind": "balance", "name": note, "amount": residual, "due_date": due_date})
                    ],
                )
            )
        # sudo: contracts of every consultant, by the general manager; no mail per imported contract
        self.env["sale.order"].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(vals_list)

    def _legacy_finish_receivable(self, run):
        """The instalments coming due go into the reminder ladder now (the daily cron would do it tomorrow)."""
        company = self.company_id
        if company.auto_receivable_plan_id:
            self.env["auto.payment.plan.line"].sudo().with_company(company)._schedule_receivable_reminders(company)
