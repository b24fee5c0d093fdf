from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_mkt_approval_threshold = fields.Monetary(
        "Campaign Budget Needing the General Manager",
        currency_field="currency_id",
        default=50000.0,
        help="A campaign whose planned budget is above this amount is approved by the general manager; "
        "the marketing manager approves the others.",
    )
    auto_mkt_churn_days = fields.Integer(
        "Churned After (days)",
        default=365,
        help="A customer with no visit, purchase or service for this many days counts as churned.",
    )

    # Upgrade opportunities (置换/增购): the thresholds of the nightly job
    auto_upgrade_age_years = fields.Integer(
        "Upgrade: Vehicle Age (years)", default=5, help="A car this many years old or older is an upgrade opportunity."
    )
    auto_upgrade_mileage_km = fields.Integer(
        "Upgrade: Mileage (km)", default=100000, help="A car with this mileage or more is an upgrade opportunity."
    )
    auto_upgrade_warranty_days = fields.Integer(
        "Upgrade: Days around Warranty End",
        default=90,
        help="A car whose warranty ends within this many days, or ended less than this many days ago.",
    )
    auto_upgrade_loan_days = fields.Integer(
        "Upgrade: Days around Loan End",
        default=90,
        help="A car whose purchase loan (the financing term of its sales contract) ends within this many days, "
        "or ended less than this many days ago.",
    )
    auto_upgrade_repair_cost = fields.Monetary(
        "Upgrade: Repair Costs in 12 Months",
        currency_field="currency_id",
        default=10000,
        help="A car whose finished service orders of the last 12 months cost this much or more.",
    )
    auto_upgrade_tag_id = fields.Many2one(
        "crm.tag",
        string="Upgrade Opportunity Tag",
        help="The tag of the leads the upgrade job opens.",
    )

    def _auto_upgrade_tag(self):
        """The company's upgrade tag: the one set in the settings, else the one shipped (found by its name
        in English, the key it is created with), created when missing."""
        self.ensure_one()
        if self.auto_upgrade_tag_id:
            return self.auto_upgrade_tag_id
        Tag = self.env["crm.tag"].sudo().with_context(lang="en_US")
        tag = Tag.search([("name", "=", "Upgrade Opportunity")], limit=1) or Tag.create({"name": "Upgrade Opportunity"})
        self.sudo().auto_upgrade_tag_id = tag
        return tag
