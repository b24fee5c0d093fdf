from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COST_KINDS = [("planned", "Planned"), ("actual", "Actual")]
COST_CATEGORIES = [
    ("venue", "Venue and Booth"),
    ("media", "Media and Advertising"),
    ("gifts", "Gifts and Promotions"),
    ("printing", "Printing and Materials"),
    ("catering", "Catering"),
    ("staff", "Staff and Hosts"),
    ("other", "Other"),
]


class AutoMktCampaignCost(models.Model):
    """A planned or actual cost of a campaign; an actual cost may come from a vendor bill."""

    _name = "auto.mkt.campaign.cost"
    _description = "Campaign Cost"
    _order = "campaign_id, kind desc, date, id"
    _check_company_auto = True

    campaign_id = fields.Many2one("utm.campaign", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(COST_KINDS, required=True, default="planned", index=True)
    category = fields.Selection(COST_CATEGORIES, required=True, default="other")
    name = fields.Char("Description", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    vendor_id = fields.Many2one("res.partner")
    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        domain=[("move_type", "in", ("in_invoice", "in_refund"))],
        index="btree_not_null",
        check_company=True,
        groups="account.group_account_invoice",
        help="The vendor bill of this cost: its untaxed amount becomes the actual cost.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.company.currency_id)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    amount_company = fields.Monetary(
        "Amount in Company Currency",
        compute="_compute_amount_company",
        store=True,
        currency_field="company_currency_id",
    )

    @api.depends("amount", "currency_id", "date", "company_id")
    def _compute_amount_company(self):
        for line in self:
            company = line.company_id or self.env.company
            line.amount_company = (
                line.currency_id._convert(
                    line.amount, company.currency_id, company, line.date or fields.Date.context_today(self)
                )
                if line.currency_id
                else line.amount
            )

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    _("The cost %(name)s cannot be negative: enter a refund as a line of its own kind.", name=line.name)
                )

    @api.constrains("kind", "move_id")
    def _check_move(self):
        for line in self.sudo():
            # sudo: marketing checks the kind of a bill it may not read
            if line.move_id and line.kind != "actual":
                raise ValidationError(_("Only an actual cost comes from a vendor bill, not a planned one."))

    @api.onchange("move_id")
    def _onchange_move_id(self):
        if self.move_id:
            self.kind = "actual"
            self.vendor_id = self.move_id.partner_id
            self.currency_id = self.move_id.currency_id
            self.amount = self.move_id.amount_untaxed
            self.date = self.move_id.invoice_date or self.move_id.date
            if not self.name:
                self.name = self.move_id.name
