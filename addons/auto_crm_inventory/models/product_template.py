from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.abc_classification import abc_classify

PART_ABC = [("a", "A"), ("b", "B"), ("c", "C")]
CONSUMPTION_USAGES = ("customer", "production")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    auto_product_kind = fields.Selection(
        [("vehicle", "Vehicle"), ("part", "Part")],
        string="Dealership Kind",
        index="btree_not_null",
        help="Vehicles are stocked one per VIN; parts are sold over the counter and used in service "
        "from the same stock.",
    )
    auto_part_abc = fields.Selection(
        PART_ABC,
        string="ABC Class",
        index="btree_not_null",
        help="A: the parts that make most of the yearly consumption value; C: the long tail. "
        "Recomputed every week from the last 12 months.",
    )
    auto_part_consumption_value = fields.Float(
        "Yearly Consumption Value",
        digits="Product Price",
        readonly=True,
        groups="auto_crm_inventory.group_stock_clerk",
        help="Value of the parts sold or used in service over the last 12 months, at cost.",
    )

    @api.model
    def _cron_compute_part_abc(self):
        """Classify every part A, B or C by its consumption value over the last 12 months."""
        company = self.env.company
        since = fields.Datetime.now() - relativedelta(years=1)
        parts = self.with_context(active_test=False).search([("auto_product_kind", "=", "part")])
        groups = self.env["stock.valuation.layer"]._read_group(
            [
                ("product_id.product_tmpl_id", "in", parts.ids),
                ("quantity", "<", 0),
                ("create_date", ">=", since),
                ("stock_move_id.location_dest_id.usage", "in", CONSUMPTION_USAGES),
            ],
            ["product_id"],
            ["value:sum"],
        )
        values = dict.fromkeys(parts.ids, 0.0)
        for product, value in groups:
            values[product.product_tmpl_id.id] += -value
        classes = abc_classify(values, company.auto_part_abc_a_share, company.auto_part_abc_b_share)
        by_class = {"a": [], "b": [], "c": []}
        for template_id, abc in classes.items():
            by_class[abc].append(template_id)
        for abc, template_ids in by_class.items():
            self.browse(template_ids).write({"auto_part_abc": abc})
        for template in parts:
            # stored per part: shown on the part and used to sort, one value per record
            template.auto_part_consumption_value = values[template.id]
        self.env["ir.cron"]._notify_progress(done=len(parts), remaining=0)
        return classes
