from odoo import fields, models

# the follow-up purpose this addon adds (see auto_followup_plan.py): the plan is found by this key
CEREMONY_PURPOSE = "delivery_ceremony_photos"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    delivery_ceremony = fields.Boolean(
        help="The customer gets a delivery ceremony (交车仪式): flowers, photo, the team on stage. "
        "Three days after the delivery, the consultant sends the photos (follow-up plan of its own purpose)."
    )
    delivery_ceremony_note = fields.Text(
        "Ceremony Wishes", help="What the customer asked for: guests, flowers, the photo, a speech."
    )

    def _auto_hand_over_vehicles(self, vehicle_lines):
        """Hand-off of a delivered contract (defined by the sales addon): extended with ``super()``, never copied."""
        result = super()._auto_hand_over_vehicles(vehicle_lines)
        self.filtered("delivery_ceremony")._schedule_ceremony_followups()
        return result

    def _schedule_ceremony_followups(self):
        """The follow-ups of the plan of purpose ``delivery_ceremony_photos`` of each order's company."""
        today = fields.Date.context_today(self)

        def subject(order):
            return {
                "partner_id": order.partner_id.id,
                "res_model": order._name,
                "res_id": order.id,
                "user_id": order.user_id.id,
                "trigger_date": today,
                "trigger_key": f"ceremony:so{order.id}",
            }

        # sudo: the follow-ups are scheduled by the engine, whoever delivers the car (as the addons do)
        return self.env["auto.followup"].sudo()._schedule_for_purpose(CEREMONY_PURPOSE, self, subject)
