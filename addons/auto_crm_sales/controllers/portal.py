from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AutoDeliverySurveyPortal(CustomerPortal):
    """The delivery survey (交车满意度) on the portal page of the owner's contract (Odoo's /my/orders/<id>)."""

    @http.route(
        ["/my/orders/<int:order_id>/delivery_survey"], type="http", auth="public", website=True, methods=["POST"]
    )
    def portal_delivery_survey(self, order_id, access_token=None, **kw):
        try:
            # Odoo's own check of the portal's contract pages: the customer's own order, or its access token
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        answers = request.env["auto.delivery.survey"]._answers_from_form(kw)
        if answers is None:
            error = "incomplete"
        else:
            try:
                with request.env.cr.savepoint():
                    # sudo: the owner answers the survey of their own contract (checked above)
                    request.env["auto.delivery.survey"].sudo()._create_from_customer(order_sudo, answers)
            except (UserError, ValidationError):
                error = "refused"
            else:
                return request.redirect(order_sudo.get_portal_url(query_string="&message=delivery_survey"))
        return request.redirect(
            order_sudo.get_portal_url(query_string=f"&auto_survey_error={error}", anchor="auto_delivery_survey")
        )
