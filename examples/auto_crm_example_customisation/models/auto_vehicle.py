from odoo import fields, models


class AutoVehicle(models.Model):
    """A field of the dealership's own on the vehicle registry (one vehicle record for its whole life)."""

    _inherit = "auto.vehicle"

    parking_bay = fields.Char(
        index="btree_not_null",
        tracking=True,
        help="Where the vehicle stands at the dealership: a stock car's bay in the yard (e.g. A-12), "
        "or a customer's car waiting in the service lane.",
    )
