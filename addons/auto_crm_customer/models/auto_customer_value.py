from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import bulk


class AutoCustomerValue(models.Model):
    """What a customer brought to the dealership: the input of the RFM tiers.

    This is the one extension point other addons feed (vehicle sales, service
    revenue...) through :meth:`_feed`; they never write tiers themselves.
    """

    _name = "auto.customer.value"
    _description = "Customer Value Record"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value_type = fields.Selection(
        [("sale", "Vehicle Sale"), ("service", "Service"), ("other", "Other")],
        string="Type",
        required=True,
        default="other",
    )
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    description = fields.Char()
    origin = fields.Char("Source Document")
    res_model = fields.Char("Source Model", index=True)
    res_id = fields.Many2oneReference("Source Record", model_field="res_model")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "source_uniq",
            "unique(res_model, res_id, value_type)",
            "A source document feeds one value record per type.",
        ),
    ]

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.date > today:
                raise ValidationError(_("A value record cannot be dated in the future (%(date)s).", date=record.date))

    @api.model
    def _feed(self, vals_list):
        """Create or update value records from other addons, keyed by their source document.

        Each dict holds ``partner_id``, ``amount``, ``date``, ``value_type`` and
        ``res_model``/``res_id`` of the source; feeding the same source again
        updates its record instead of counting it twice; an amount of 0 removes it.
        """
        keyed = [v for v in vals_list if v.get("res_model") and v.get("res_id")]
        existing = {}
        if keyed:
            records = self.search(
                [
                    ("res_model", "in", list({v["res_model"] for v in keyed})),
                    ("res_id", "in", list({v["res_id"] for v in keyed})),
                ]
            )
            existing = {(r.res_model, r.res_id, r.value_type): r for r in records}
        to_create, to_remove, to_write = [], self.browse(), defaultdict(list)
        for vals in vals_list:
            record = existing.get((vals.get("res_model"), vals.get("res_id"), vals.get("value_type", "other")))
            if record and not vals.get("amount"):
                to_remove |= record
            elif record:
                # one write per set of identical values (a re-fed batch often moves many records alike)
                to_write[tuple(sorted(vals.items()))].append(record.id)
            elif vals.get("amount"):
                to_create.append(vals)
        for items, record_ids in to_write.items():
            self.browse(record_ids).write(dict(items))
        to_remove.unlink()
        return self._insert_values(to_create)

    def _insert_values(self, vals_list, recompute=True):
        """Create value records with one COPY (:func:`..tools.bulk.copy_rows`); return them.

        A value record is plain (no compute stored, no create override, one unique key the database checks):
        the ORM would build a record per amount only to find its currency's rounding, which is most of the
        time of a legacy import feeding a value per historical order. The date rule is checked here, the amount
        rounded to the company's currency, as the ORM would.

        :param recompute: mark what depends on the new records (the customers' lifetime value) for
            recomputation, as a create would; a caller inserting many batches for the same customers passes
            False and calls :meth:`_recompute_partners` once at its end (the legacy import)
        """
        if not vals_list:
            return self.browse()
        self.check_access("create")
        columns = ["partner_id", "date", "value_type", "amount", "description", "origin", "res_model", "res_id"]
        company_ids = {vals.get("company_id") or self.env.company.id for vals in vals_list}
        currencies = {company.id: company.currency_id for company in self.env["res.company"].browse(company_ids)}
        today = fields.Date.context_today(self)
        rows = []
        for vals in vals_list:
            day = fields.Date.to_date(vals.get("date")) or today
            if day > today:
                raise ValidationError(_("A value record cannot be dated in the future (%(date)s).", date=day))
            company_id = vals.get("company_id") or self.env.company.id
            row = dict(vals, date=day, value_type=vals.get("value_type") or "other")
            row["amount"] = currencies[company_id].round(vals["amount"])
            rows.append((*(row.get(column) or None for column in columns), company_id))
        self.flush_model()
        ids = bulk.copy_rows(self.env, "auto_customer_value", [*columns, "company_id"], rows)
        self.invalidate_model()
        records = self.browse(ids)
        if recompute:
            # what depends on the value records (the customer's lifetime value) is recomputed as after a create
            records.modified(["partner_id", "amount", "date", "company_id"])
        return records

    @api.model
    def _recompute_partners(self, partner_ids):
        """Recompute what the customers ``partner_ids`` have from their value records (lifetime value, last
        purchase or service) after value records were inserted with ``recompute=False``."""
        partners = self.env["res.partner"].browse(partner_ids)
        for fname in ("auto_lifetime_value", "auto_last_value_date"):
            self.env.add_to_compute(partners._fields[fname], partners)
        partners.flush_recordset(["auto_lifetime_value", "auto_last_value_date"])
