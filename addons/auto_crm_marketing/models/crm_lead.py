from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    auto_upgrade_vehicle_id = fields.Many2one(
        "auto.vehicle",
        string="Upgrade of Vehicle",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The owner's car this upgrade opportunity (置换/增购) was opened for by the nightly job.",
    )
    auto_upgrade_reason = fields.Text("Upgrade Reason", readonly=True, copy=False)
    auto_upgrade_estimate = fields.Monetary(
        "Trade-in Estimate",
        currency_field="company_currency",
        readonly=True,
        copy=False,
        help="The new price of the car's trim times the residual value of the depreciation table at its age.",
    )
    auto_upgrade_model_ids = fields.Many2many(
        "auto.vehicle.model",
        "crm_lead_auto_upgrade_model_rel",
        "lead_id",
        "model_id",
        string="Suggested Models",
        help="Newer or higher models of the same brand, from the catalogue.",
    )
