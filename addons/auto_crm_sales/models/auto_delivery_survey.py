from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.auto_crm_customer.models.auto_satisfaction_survey_mixin import SCORES

from .sale_order import DELIVERED_STATES

# the factors of a delivery (交车满意度), in the order the customer answers them
FACTORS = (
    "score_explanation",
    "score_ceremony",
    "score_paperwork",
    "score_vehicle_condition",
    "score_promise",
    "score_overall",
)
# the purpose of the follow-up plan a low score opens (a company may point its own plan at it)
LOW_SCORE_PURPOSE = "delivery_survey_low_score"
CHANNELS = [("portal", "Portal"), ("phone", "Phone")]


class AutoDeliverySurvey(models.Model):
    """The owner's answers about the delivery of their car (交车满意度): six factors and would-recommend.

    Kept apart from the service survey (CSI) of after-sales: its own figure, delivery satisfaction, by
    consultant. Answered once per contract, on the portal or on the phone during the delivery return visit.
    """

    _name = "auto.delivery.survey"
    _inherit = ["auto.satisfaction.survey.mixin"]
    _description = "Delivery Satisfaction Survey"
    _order = "date desc, id desc"
    _rec_name = "order_id"
    _check_company_auto = True
    _survey_score_field = "score"
    _low_score_purpose = LOW_SCORE_PURPOSE

    order_id = fields.Many2one(
        "sale.order", string="Contract", required=True, index=True, ondelete="cascade", check_company=True
    )
    user_id = fields.Many2one("res.users", string="Consultant", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", index="btree_not_null")
    channel = fields.Selection(CHANNELS, default="phone", required=True, string="Answered By")
    score_explanation = fields.Selection(
        SCORES,
        string="Explanation of the Car",
        required=True,
        help="The consultant's explanation of the car and its functions.",
    )
    score_ceremony = fields.Selection(
        SCORES, string="Delivery Ceremony", required=True, help="The handover of the car and the delivery ceremony."
    )
    score_paperwork = fields.Selection(
        SCORES, string="Paperwork and Payment", required=True, help="The documents, registration and payment process."
    )
    score_vehicle_condition = fields.Selection(
        SCORES, string="Condition of the Car", required=True, help="The car delivered in perfect condition, clean."
    )
    score_promise = fields.Selection(
        SCORES,
        string="Promises Kept",
        required=True,
        help="The car delivered on the promised date, at the agreed price.",
    )
    score_overall = fields.Selection(SCORES, string="Overall Satisfaction", required=True)
    score = fields.Float(
        "Delivery Satisfaction",
        compute="_compute_figures",
        store=True,
        aggregator="avg",
        help="Average of the six factor scores, scaled to 100.",
    )
    is_low = fields.Boolean("Low Score", compute="_compute_figures", store=True)
    low_score_followup_id = fields.Many2one("auto.followup", string="Follow-up Opened", readonly=True, copy=False)

    _sql_constraints = [
        ("order_unique", "UNIQUE(order_id)", "The delivery survey of a contract is answered once."),
    ]

    @api.depends("company_id")
    def _compute_figures(self):
        result = super()._compute_figures()
        for survey in self:
            survey.is_low = survey._is_low_score()
        return result

    @api.constrains("order_id")
    def _check_order_delivered(self):
        # sudo: the contract's status, for whoever records the answers (customer relations reads no contract)
        for survey in self.sudo():
            if survey.order_id.auto_contract_state not in DELIVERED_STATES:
                raise ValidationError(
                    _(
                        "The delivery survey of %(order)s is answered once the car is delivered.",
                        order=survey.order_id.name,
                    )
                )

    @api.onchange("order_id")
    def _onchange_order_id(self):
        if self.order_id:
            # sudo: customer relations records the survey of a contract they do not read
            self.update(self._values_of_order(self.order_id.sudo()))

    @api.model
    def _values_of_order(self, order):
        vehicles = order.order_line.filtered(lambda line: line.auto_line_kind == "vehicle").auto_vehicle_id
        return {
            "partner_id": order.partner_id.id,
            "user_id": order.user_id.id,
            "team_id": order.team_id.id,
            "vehicle_id": vehicles[:1].id,
            "company_id": order.company_id.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        # the customer, consultant, team and vehicle are the contract's (given, or the context's default)
        default_order = self.env.context.get("default_order_id")
        order_ids = [vals.get("order_id") or default_order for vals in vals_list]
        # sudo: customer relations records the survey on the phone without reading contracts
        orders = self.env["sale.order"].sudo().browse([order_id for order_id in order_ids if order_id])
        orders.fetch(["partner_id", "user_id", "team_id", "company_id"])
        for vals, order_id in zip(vals_list, order_ids, strict=True):
            if order_id:
                for name, value in self._values_of_order(orders.browse(order_id)).items():
                    vals.setdefault(name, value)
        return super().create(vals_list)

    @api.model
    def _create_from_customer(self, order, values, channel="portal"):
        """The customer's own answers to the delivery survey of their delivered contract, once per contract.

        :param order: the contract, delivered, whose owner answers
        :param values: the six scores, the would-recommend score and the comment
        :return: the survey
        """
        if order.auto_contract_state not in DELIVERED_STATES:
            raise UserError(_("The delivery survey is answered once the car is delivered."))
        if self.search_count([("order_id", "=", order.id)], limit=1):
            raise UserError(_("The delivery survey of contract %(order)s has already been answered.", order=order.name))
        return self.create({**self._customer_answers(values), "order_id": order.id, "channel": channel})

    @api.model
    def _survey_factors(self):
        return self._delivery_factors()

    @api.model
    def _delivery_factors(self):
        """The factor fields, in the order the customer answers them (the extension point of docs/
        delivery-satisfaction.md, kept: an addon may extend this one or ``_survey_factors()``)."""
        return FACTORS

    def _low_score_thresholds(self):
        self.ensure_one()
        return self.company_id.auto_delivery_low_score, self.company_id.auto_delivery_low_nps

    def _low_score_followup_subject(self):
        self.ensure_one()
        return {
            "res_model": "sale.order",
            "res_id": self.order_id.id,
            "user_id": (self.company_id.auto_delivery_survey_user_id or self.team_id.user_id or self.user_id).id,
            "trigger_key": f"delivery_survey:{self.id}",
        }

    def _low_score_followup_opened(self, followup):
        self.ensure_one()
        self.low_score_followup_id = followup
