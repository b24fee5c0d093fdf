from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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
    # searched through the unique key below, which begins with it (no index of its own)
    res_model = fields.Char("Source Model")
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

    def _insert_values(self, vals_list):
        """Create value records with one COPY (:func:`..tools.bulk.copy_rows`); return them.

        A value record is plain (no compute stored, no create override, one unique key the database checks):
        the ORM would build a record per amount only to find its currency's rounding. The date rule is checked
        here, the amount rounded to the company's currency, as the ORM would.
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
        # what depends on the value records (the customer's lifetime value) is recomputed as after a create
        records.modified(["partner_id", "amount", "date", "company_id"])
        return records

    @api.model
    def _insert_from_query(self, query):
        """Create the value records a query selects, in one statement, and recompute their customers' lifetime
        value; a source already fed keeps its record. For value derived from records already in the database:
        the legacy import's history lines, a million of them, are never loaded into Python for it.

        :param query: an :class:`~odoo.tools.SQL` selecting ``partner_id, date, value_type, amount, description,
            origin, res_model, res_id, company_id`` (one row per source record); a row with no amount is skipped,
            the amount is rounded to the company's currency and the date may not be in the future, as in
            :meth:`_insert_values`
        :return: the number of records created
        """
        self.check_access("create")
        self.flush_model()
        self.env["res.company"].flush_model(["currency_id"])
        self.env["res.currency"].flush_model(["rounding"])
        created = self.env.execute_query(
            SQL(
                """
                INSERT INTO auto_customer_value (partner_id, date, value_type, amount, description, origin,
                                                 res_model, res_id, company_id,
                                                 create_uid, write_uid, create_date, write_date)
                SELECT source.partner_id, source.date, source.value_type,
                       ROUND(source.amount / currency.rounding) * currency.rounding,
                       source.description, source.origin, source.res_model, source.res_id, source.company_id,
                       %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM (%(query)s) AS source
                  JOIN res_company company ON company.id = source.company_id
                  JOIN res_currency currency ON currency.id = company.currency_id
                 WHERE source.amount <> 0
                    ON CONFLICT (res_model, res_id, value_type) DO NOTHING
                RETURNING partner_id, date
                """,
                query=query,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        today = fields.Date.context_today(self)
        future = max((day for _partner_id, day in created), default=today)
        if future > today:
            raise ValidationError(_("A value record cannot be dated in the future (%(date)s).", date=future))
        self.invalidate_model()
        self._recompute_partners({partner_id for partner_id, _day in created})
        return len(created)

    @api.model
    def _recompute_partners(self, partner_ids):
        """Set the lifetime value and last purchase or service of the customers ``partner_ids`` from their value
        records in one statement (as :meth:`res.partner._compute_lifetime_value` does record by record), after
        value records were inserted by SQL."""
        partner_ids = list(partner_ids)
        if not partner_ids:
            return
        self.flush_model(["partner_id", "amount", "date"])
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner partner
                   SET auto_lifetime_value = totals.amount, auto_last_value_date = totals.last
                  FROM (%s) AS totals
                 WHERE partner.id = totals.partner_id
                """,
                self._sql_partner_totals(partner_ids),
            )
        )
        partners = self.env["res.partner"].browse(partner_ids)
        partners.invalidate_recordset(["auto_lifetime_value", "auto_last_value_date"])
        partners.modified(["auto_lifetime_value", "auto_last_value_date"])

    @api.model
    def _sql_partner_totals(self, partner_ids):
        """``(partner_id, amount, last)``: the sum of the value records of each of ``partner_ids`` (0 without
        any) and the date of the latest (NULL without any)."""
        return SQL(
            """
            SELECT partner.id AS partner_id, COALESCE(SUM(value.amount), 0) AS amount, MAX(value.date) AS last
              FROM unnest(%s::int[]) AS partner(id)
              LEFT JOIN auto_customer_value value ON value.partner_id = partner.id
             GROUP BY partner.id
            """,
            list(partner_ids),
        )
