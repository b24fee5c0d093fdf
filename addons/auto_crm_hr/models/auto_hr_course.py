from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COURSE_KINDS = [
    ("product", "Product Knowledge"),
    ("sales", "Sales Skills"),
    ("technical", "Technical"),
    ("service", "Service Skills"),
    ("safety", "Safety and Compliance"),
]


class AutoHrCourse(models.Model):
    """A training course (培训课程); an OEM course of a brand certifies for that brand's vehicles."""

    _name = "auto.hr.course"
    _description = "Training Course"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    kind = fields.Selection(COURSE_KINDS, required=True, default="product")
    brand_id = fields.Many2one(
        "auto.vehicle.brand",
        string="OEM Brand",
        index="btree_not_null",
        help="The brand this course certifies for: a technician without a valid certificate of the brand is "
        "warned when assigned to one of its service orders.",
    )
    description = fields.Html()
    passing_score = fields.Float(default=60.0, help="Assessment score from which the course is passed (0-100).")
    certificate_validity_months = fields.Integer(
        "Certificate Valid (months)", default=24, help="0: the course gives no certificate."
    )
    session_ids = fields.One2many("auto.hr.training.session", "course_id", string="Sessions")
    kpi_ids = fields.One2many("auto.hr.kpi", "course_id", string="Suggested for KPIs")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    @api.constrains("passing_score", "certificate_validity_months")
    def _check_scores(self):
        for course in self:
            if not 0 <= course.passing_score <= 100:
                raise ValidationError(_("The passing score of %(course)s is between 0 and 100.", course=course.name))
            if course.certificate_validity_months < 0:
                raise ValidationError(_("The validity of a certificate cannot be negative."))
