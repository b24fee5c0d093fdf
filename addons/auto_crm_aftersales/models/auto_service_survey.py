from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.auto_crm_customer.models.auto_satisfaction_survey_mixin import SCORES

from ..tools import satisfaction

# the factors of a service (CSI), in the order the customer answers them, and the category of the complaint a low
# score of each opens
FACTORS = {
    "score_service_quality": "service_quality",
    "score_service_initiation": "service_quality",
    "score_advisor": "attitude",
    "score_facility": "facility",
    "score_vehicle_pickup": "waiting_time",
}


class AutoServiceSurvey(models.Model):
    """The customer's answers to a return visit (客户满意度): five CSI factors and the would-recommend question."""

    _name = "auto.service.survey"
    _inherit = ["auto.satisfaction.survey.mixin"]
    _description = "Service Satisfaction Survey"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True
    _survey_score_field = "csi"

    repair_id = fields.Many2one("repair.order", string="Service Order", index="btree_not_null", check_company=True)
    partner_id = fields.Many2one(check_company=True)
    vehicle_id = fields.Many2one(check_company=True)
    advisor_id = fields.Many2one(
        "res.users", string="Service Advisor", compute="_compute_advisor_id", store=True, readonly=False, index=True
    )
    score_service_quality = fields.Selection(
        SCORES, string="Service Quality", required=True, help="Was the work done right, the first time?"
    )
    score_service_initiation = fields.Selection(
        SCORES, string="Service Initiation", required=True, help="Booking, welcome and reception of the vehicle."
    )
    score_advisor = fields.Selection(
        SCORES,
        string="Service Advisor Score",
        required=True,
        help="Explanations, courtesy and follow-through of the service advisor.",
    )
    score_facility = fields.Selection(
        SCORES, string="Service Facility", required=True, help="Lounge, cleanliness and convenience of the dealership."
    )
    score_vehicle_pickup = fields.Selection(
        SCORES, string="Vehicle Pick-up", required=True, help="Vehicle ready on time, clean, charges explained."
    )
    csi = fields.Float(
        "CSI",
        compute="_compute_figures",
        store=True,
        aggregator="avg",
        help="Average of the five factor scores, scaled to 100.",
    )
    nps_category = fields.Selection(
        [("promoter", "Promoter"), ("passive", "Passive"), ("detractor", "Detractor")],
        string="NPS Group",
        compute="_compute_figures",
        store=True,
    )
    ticket_id = fields.Many2one("auto.service.ticket", string="Complaint Opened", readonly=True, copy=False)

    @api.depends("repair_id.user_id")
    def _compute_advisor_id(self):
        for survey in self:
            survey.advisor_id = survey.repair_id.user_id or survey.advisor_id

    def _compute_figures(self):
        result = super()._compute_figures()
        for survey in self:
            survey.nps_category = satisfaction.nps_category(survey.nps_score)
        return result

    @api.onchange("repair_id")
    def _onchange_repair_id(self):
        if self.repair_id:
            self.partner_id = self.repair_id.partner_id
            self.vehicle_id = self.repair_id.auto_vehicle_id

    @api.model
    def _create_from_customer(self, repair, values):
        """The customer's own answers to the survey of their done service order (from the portal), once per order.

        :param repair: the service order, done, whose owner answers
        :param values: the five scores, the would-recommend score and the comment
        :return: the survey
        """
        if repair.state != "done":
            raise UserError(_("The survey of a service order is answered once the work is done."))
        if self.search_count([("repair_id", "=", repair.id)], limit=1):
            raise UserError(_("The survey of service order %(order)s has already been answered.", order=repair.name))
        return self.create(
            {
                **self._customer_answers(values),
                "repair_id": repair.id,
                "partner_id": repair.partner_id.id,
                "vehicle_id": repair.auto_vehicle_id.id,
                "company_id": repair.company_id.id,
            }
        )

    @api.model
    def _survey_factors(self):
        return tuple(FACTORS)

    def _low_score_thresholds(self):
        self.ensure_one()
        return self.company_id.auto_survey_low_score, self.company_id.auto_survey_low_nps

    def _hand_off_low_scores(self):
        followups = super()._hand_off_low_scores()
        self._open_low_score_tickets()
        return followups

    def _open_low_score_tickets(self):
        """A low score opens a complaint ticket for customer relations."""
        vals_list, surveys = [], []
        for survey in self:
            if not survey._is_low_score():
                continue
            low = survey._low_factors()
            labels = [survey._fields[field].get_description(self.env)["string"] for field in low]
            details = ", ".join(f"{label}: {survey[field]}" for label, field in zip(labels, low, strict=True))
            if survey._is_low_nps():
                details = ", ".join(filter(None, [details, _("Would recommend: %(score)s", score=survey.nps_score)]))
            vals_list.append(
                {
                    "subject": _("Low satisfaction score: %(details)s", details=details),
                    "ticket_type": "complaint",
                    "channel": "phone",
                    "category": FACTORS[low[0]] if low else "service_quality",
                    "severity": "high",
                    "partner_id": survey.partner_id.id,
                    "vehicle_id": survey.vehicle_id.id,
                    "repair_id": survey.repair_id.id,
                    "survey_id": survey.id,
                    "user_id": survey.company_id.auto_return_visit_user_id.id or False,
                    "description": survey.comment or False,
                    "company_id": survey.company_id.id,
                }
            )
            surveys.append(survey)
        if not vals_list:
            return self.env["auto.service.ticket"]
        # sudo: the ticket is opened by the survey itself, whoever records the answers
        tickets = self.env["auto.service.ticket"].sudo().create(vals_list)
        for survey, ticket in zip(surveys, tickets, strict=True):
            survey.ticket_id = ticket
        return tickets
