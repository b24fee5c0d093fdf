from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AutoContractVersion(models.Model):
    """A signed version of a sales contract, kept readable after amendments."""

    _name = "auto.contract.version"
    _description = "Contract Version"
    _order = "order_id, version desc"

    order_id = fields.Many2one("sale.order", string="Contract", required=True, index=True, ondelete="cascade")
    version = fields.Integer(required=True)
    reason = fields.Text(required=True)
    snapshot = fields.Json("Signed Content", readonly=True)
    content_html = fields.Html("Signed Version", compute="_compute_content_html", sanitize=False)
    diff_html = fields.Html("Changes from the Previous Version", readonly=True, sanitize=False)
    amount_total = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    approved_by_id = fields.Many2one("res.users", readonly=True)
    date_signed = fields.Date("Signed On", readonly=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("order_version_uniq", "unique(order_id, version)", "Each version number is used once per contract."),
    ]

    @api.depends("snapshot")
    def _compute_content_html(self):
        for version in self:
            version.content_html = self._lines_html((version.snapshot or {}).get("lines", []))

    def write(self, vals):
        if set(vals) & {"snapshot", "version", "amount_total", "order_id"}:
            raise UserError(_("A signed contract version cannot be changed: amend the contract instead."))
        return super().write(vals)

    @api.model
    def _lines_html(self, lines):
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                line.get("product"),
                line.get("vin"),
                line.get("quantity"),
                line.get("price_unit"),
                line.get("discount"),
                line.get("subtotal"),
            )
            for line in lines
        )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("Product"),
            _("VIN"),
            _("Quantity"),
            _("Unit Price"),
            _("Discount (%)"),
            _("Subtotal"),
        )
        return Markup('<table class="table table-sm">%s%s</table>') % (header, rows)

    @api.model
    def _diff_html(self, old, new):
        """The differences between two snapshots, one list item per change."""
        changes = []

        def keyed(lines):
            # the same product may appear twice: number its occurrences
            seen, result = {}, {}
            for line in lines:
                base = (line.get("product") or "", line.get("vin") or "")
                seen[base] = seen.get(base, 0) + 1
                result[(*base, seen[base])] = line
            return result

        old_lines = keyed(old.get("lines", []))
        new_lines = keyed(new.get("lines", []))
        labels = {
            "quantity": _("quantity"),
            "price_unit": _("unit price"),
            "discount": _("discount (%)"),
            "subtotal": _("subtotal"),
        }
        for line_key, line in new_lines.items():
            before = old_lines.get(line_key)
            name = " ".join(filter(None, line_key[:2]))
            if not before:
                changes.append(_("Added: %(line)s (%(subtotal)s)", line=name, subtotal=line.get("subtotal")))
                continue
            for field, label in labels.items():
                if before.get(field) != line.get(field):
                    changes.append(
                        _(
                            "%(line)s: %(field)s %(old)s → %(new)s",
                            line=name,
                            field=label,
                            old=before.get(field),
                            new=line.get(field),
                        )
                    )
        for line_key, line in old_lines.items():
            if line_key not in new_lines:
                changes.append(
                    _(
                        "Removed: %(line)s (%(subtotal)s)",
                        line=" ".join(filter(None, line_key[:2])),
                        subtotal=line.get("subtotal"),
                    )
                )
        for field, label in (
            ("amount_total", _("Contract total")),
            ("loan_amount", _("Loan amount")),
            ("loan_term_months", _("Loan term (months)")),
            ("loan_rate", _("Loan rate")),
        ):
            if old.get(field) != new.get(field):
                changes.append(_("%(field)s: %(old)s → %(new)s", field=label, old=old.get(field), new=new.get(field)))
        if old.get("plan") != new.get("plan"):
            changes.append(_("Payment plan changed"))
        if not changes:
            return Markup("<p>%s</p>") % _("No change")
        return Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % escape(c) for c in changes)
