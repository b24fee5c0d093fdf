from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import satisfaction

# the answer to each factor of a satisfaction survey (a Selection field over these)
SCORES = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]
NPS_ANSWERS = {str(score) for score in range(11)}


class AutoSatisfactionSurveyMixin(models.AbstractModel):
    """What every satisfaction survey of the dealership has in common (客户满意度): the customer's answers, 1 to 5,
    to the survey's factors and the would-recommend question (0 to 10), the survey's figure (the average of the
    factors scaled to 100) and its NPS value, the low-score detection against the company's thresholds, and the
    hand-off of a low score to the follow-up engine by the plan of a purpose.

    A survey model (after-sales' service survey, sales' delivery survey) inherits it and says what differs:

    - :meth:`_survey_factors`: its factor fields (Selection over ``SCORES``), in the order the customer answers them;
    - ``_survey_score_field``: its stored figure (a Float computed by ``_compute_figures``, e.g. ``csi``);
    - :meth:`_low_score_thresholds`: the company's thresholds of a low factor and a low would-recommend score;
    - ``_low_score_purpose`` and :meth:`_low_score_followup_subject`: the purpose of the follow-up plan a low
      score opens and what the follow-up is about (no purpose: no follow-up, the model hands low scores off its
      own way by extending :meth:`_hand_off_low_scores`).
    """

    _name = "auto.satisfaction.survey.mixin"
    _description = "Satisfaction Survey"

    # the stored figure of the survey: the average of its factors, scaled to 100
    _survey_score_field = None
    # the purpose of the follow-up plan a low score opens (a company may point its own plan at it)
    _low_score_purpose = None

    followup_id = fields.Many2one("auto.followup", string="Return Visit", index="btree_not_null", ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    vehicle_id = fields.Many2one("auto.vehicle")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    nps_score = fields.Integer(
        "Would Recommend (0-10)",
        required=True,
        default=10,
        help="How likely the customer is to recommend us to a friend, from 0 to 10.",
    )
    comment = fields.Text()
    nps_value = fields.Float(
        "NPS",
        compute="_compute_figures",
        store=True,
        aggregator="avg",
        help="+100 for a promoter, 0 for a passive, -100 for a detractor: their average is the net promoter score.",
    )

    @api.depends(lambda self: (*self._survey_factors(), "nps_score"))
    def _compute_figures(self):
        for survey in self:
            scores = [int(survey[name]) for name in survey._survey_factors() if survey[name]]
            if survey._survey_score_field:
                survey[survey._survey_score_field] = satisfaction.csi(scores) or 0.0
            survey.nps_value = satisfaction.nps_value(survey.nps_score) or 0.0

    @api.constrains("nps_score")
    def _check_nps_score(self):
        wrong = self.filtered(lambda survey: not 0 <= survey.nps_score <= 10)
        if wrong:
            raise ValidationError(
                _("The would-recommend score is from 0 to 10 (got %(score)s).", score=wrong[0].nps_score)
            )

    @api.model_create_multi
    def create(self, vals_list):
        surveys = super().create(vals_list)
        surveys._hand_off_low_scores()
        return surveys

    @api.model
    def _survey_factors(self):
        """The factor fields of the survey, in the order the customer answers them."""
        return ()

    def _low_score_thresholds(self):
        """``(factor, would-recommend)``: a factor scored at or under the first, or a would-recommend score at or
        under the second, is a low score (the company's settings of the survey)."""
        self.ensure_one()
        return 0, -1

    @api.model
    def _answers_from_form(self, form):
        """The answers of a survey form posted on the portal, or None when a question is left unanswered.

        :param form: the posted values (the factor fields, ``nps_score`` and ``comment``, as strings)
        :return: the factor scores, the would-recommend score and the comment, as the survey stores them
        """
        valid = {value for value, _label in SCORES}
        scores = {name: form.get(name) for name in self._survey_factors()}
        nps = form.get("nps_score")
        if any(score not in valid for score in scores.values()) or nps not in NPS_ANSWERS:
            return None
        return {**scores, "nps_score": int(nps), "comment": (form.get("comment") or "").strip() or False}

    @api.model
    def _customer_answers(self, values):
        """Of ``values``, only what the customer answers: the factor scores, the would-recommend score, the comment."""
        allowed = [*self._survey_factors(), "nps_score", "comment"]
        return {name: values[name] for name in allowed if name in values}

    def _low_factors(self):
        """The factors scored at or under the company's low-score threshold."""
        self.ensure_one()
        threshold = self._low_score_thresholds()[0]
        return [name for name in self._survey_factors() if self[name] and int(self[name]) <= threshold]

    def _is_low_nps(self):
        """The would-recommend score is at or under the company's threshold."""
        self.ensure_one()
        return self.nps_score <= self._low_score_thresholds()[1]

    def _is_low_score(self):
        """A factor or the would-recommend score is low: customer relations calls the customer back."""
        self.ensure_one()
        return bool(self._low_factors()) or self._is_low_nps()

    def _hand_off_low_scores(self):
        """The surveys just answered with a low score go to the people who call the customer back (on creation).

        :return: the follow-ups opened
        """
        return self._open_low_score_followups()

    def _open_low_score_followups(self):
        """A low score opens a follow-up for customer relations, by the plan of the model's purpose."""
        Followup = self.env["auto.followup"]
        if not self._low_score_purpose:
            return Followup
        # sudo: the survey's subject (a contract, a service order), for whoever records the answers
        low = self.sudo().filtered(lambda survey: survey._is_low_score())
        if not low:
            return Followup
        subjects = {
            survey.id: {
                "partner_id": survey.partner_id.id,
                "vehicle_id": survey.vehicle_id.id,
                "trigger_date": survey.date,
                **survey._low_score_followup_subject(),
            }
            for survey in low
        }
        # sudo: the follow-up is customer relations', opened by the survey itself, whoever records the answers
        followups = Followup.sudo()._schedule_for_purpose(
            self._low_score_purpose, low, lambda survey: subjects[survey.id]
        )
        first = {}
        for followup in followups:
            first.setdefault((followup.res_model, followup.res_id), followup)
        for survey in low:
            subject = subjects[survey.id]
            followup = first.get((subject.get("res_model"), subject.get("res_id")))
            if followup:
                survey._low_score_followup_opened(followup)
        return followups

    def _low_score_followup_subject(self):
        """What the follow-up of a low score is about: ``res_model``/``res_id``, ``user_id`` and ``trigger_key``
        (see ``auto.followup._schedule``); the customer, vehicle and date of the survey are added."""
        self.ensure_one()
        return {"trigger_key": f"{self._table}:{self.id}"}

    def _low_score_followup_opened(self, followup):
        """Hook: ``followup`` was opened for the low score of this survey (e.g. keep it on the survey)."""
        self.ensure_one()
