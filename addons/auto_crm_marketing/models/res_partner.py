from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GENDERS = [("male", "Male"), ("female", "Female")]
OCCUPATIONS = [
    ("civil_servant", "Civil Servant"),
    ("employee", "Company Employee"),
    ("business_owner", "Business Owner"),
    ("professional", "Professional (Doctor, Lawyer, Engineer)"),
    ("teacher", "Teacher"),
    ("self_employed", "Self-employed"),
    ("retired", "Retired"),
    ("student", "Student"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_gender = fields.Selection(GENDERS, string="Customer Gender")
    auto_occupation = fields.Selection(OCCUPATIONS, string="Occupation")
    auto_contact_consent = fields.Boolean(
        "Agrees to Marketing Contact",
        tracking=True,
        help="The customer agreed to be contacted about campaigns and events; target lists leave out the others.",
    )
    auto_consent_date = fields.Date("Consent Given On")

    @api.constrains("auto_contact_consent", "auto_consent_date")
    def _check_auto_consent_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.auto_consent_date and partner.auto_consent_date > today:
                raise ValidationError(
                    _(
                        "The consent date of %(name)s is in the future (%(date)s): enter the day the customer agreed.",
                        name=partner.display_name,
                        date=partner.auto_consent_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("auto_contact_consent") and not vals.get("auto_consent_date"):
                vals["auto_consent_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("auto_contact_consent") and "auto_consent_date" not in vals:
            vals = dict(vals, auto_consent_date=fields.Date.context_today(self))
        return super().write(vals)
