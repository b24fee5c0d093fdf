from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

COUNT_STATES = [
    ("draft", "Draft"),
    ("in_progress", "Counting"),
    ("to_approve", "To Approve"),
    ("done", "Approved"),
    ("cancel", "Cancelled"),
]


class AutoStockCount(models.Model):
    """A vehicle stock count (盘点) of one location: scan every VIN, compare, approve the adjustment."""

    _name = "auto.stock.count"
    _description = "Vehicle Stock Count"
    _inherit = ["mail.thread", "mail.activity.mixin", "barcodes.barcode_events_mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, copy=False, readonly=True, default=lambda self: _("New"))
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="The vehicles expected here and in its sub-locations are listed when the count starts.",
    )
    scan_location_id = fields.Many2one(
        "stock.location",
        string="Counting In",
        check_company=True,
        domain="[('id', 'child_of', location_id), ('usage', '=', 'internal')]",
        help="The sub-location being counted now: scanned vehicles are recorded as found here.",
    )
    scan_vin = fields.Char("Scan or Type a VIN", store=False)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(COUNT_STATES, default="draft", required=True, tracking=True, index=True, copy=False)
    date_start = fields.Datetime("Started On", readonly=True, copy=False)
    date_submitted = fields.Datetime("Submitted On", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Datetime("Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many("auto.stock.count.line", "count_id", string="Vehicles", copy=False)
    expected_count = fields.Integer("Expected", compute="_compute_counts", store=True)
    counted_count = fields.Integer("Counted", compute="_compute_counts", store=True)
    missing_count = fields.Integer("Missing", compute="_compute_counts", store=True)
    unexpected_count = fields.Integer("Unexpected", compute="_compute_counts", store=True)
    misplaced_count = fields.Integer("Wrong Location", compute="_compute_counts", store=True)
    discrepancy_count = fields.Integer("Discrepancies", compute="_compute_counts", store=True)
    note = fields.Html("Notes")

    @api.depends("line_ids.result", "line_ids.expected", "line_ids.counted")
    def _compute_counts(self):
        for count in self:
            lines = count.line_ids
            count.expected_count = len(lines.filtered("expected"))
            count.counted_count = len(lines.filtered("counted"))
            count.missing_count = len(lines.filtered(lambda line: line.result == "missing"))
            count.unexpected_count = len(lines.filtered(lambda line: line.result == "unexpected"))
            count.misplaced_count = len(lines.filtered(lambda line: line.result == "misplaced"))
            count.discrepancy_count = count.missing_count + count.unexpected_count + count.misplaced_count

    @api.onchange("location_id")
    def _onchange_location_id(self):
        self.scan_location_id = self.location_id

    @api.onchange("scan_vin")
    def _onchange_scan_vin(self):
        if self.scan_vin:
            vin = self.scan_vin
            self.scan_vin = False
            self._apply_scan(vin)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("auto.stock.count") or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(count.state == "done" for count in self):
            raise UserError(_("An approved stock count is the record of an adjustment: it cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        """List the vehicles the books say are in the location, and open the count."""
        for count in self:
            if count.state != "draft":
                raise UserError(_("The count %(count)s has already started.", count=count.name))
            quants = self.env["stock.quant"].search_fetch(
                [
                    ("location_id", "child_of", count.location_id.id),
                    ("product_id.auto_product_kind", "=", "vehicle"),
                    ("quantity", ">", 0),
                    ("lot_id", "!=", False),
                    ("company_id", "=", count.company_id.id),
                ],
                ["lot_id", "location_id", "product_id"],
            )
            count.write(
                {
                    "state": "in_progress",
                    "date_start": fields.Datetime.now(),
                    "scan_location_id": (count.scan_location_id or count.location_id).id,
                    "line_ids": [
                        Command.create(
                            {
                                "vin": quant.lot_id.name,
                                "lot_id": quant.lot_id.id,
                                "product_id": quant.product_id.id,
                                "expected": True,
                                "expected_location_id": quant.location_id.id,
                            }
                        )
                        for quant in quants
                    ],
                }
            )

    def action_scan(self, vin, location=None):
        """Record one scanned VIN (the barcode scanner and the VIN field end here)."""
        self.ensure_one()
        if location:
            self.scan_location_id = location
        return self._apply_scan(vin)

    def on_barcode_scanned(self, barcode):
        self._apply_scan(barcode)

    def action_submit(self):
        for count in self:
            if count.state != "in_progress":
                raise UserError(_("Only a count in progress can be submitted for approval."))
            count.write(
                {
                    "state": "to_approve",
                    "date_submitted": fields.Datetime.now(),
                    "submitted_by_id": self.env.uid,
                }
            )
            count.message_post(body=count._summary())

    def action_approve(self):
        """Apply the count to the stock; only an inventory manager may."""
        if not self.env.user.has_group("auto_crm_inventory.group_inventory_manager"):
            raise AccessError(
                _(
                    "Only an inventory manager can approve a stock count and adjust the stock. "
                    "Submit the count and ask them to approve it."
                )
            )
        for count in self:
            if count.state != "to_approve":
                raise UserError(
                    _(
                        "The count %(count)s must be submitted before it is approved (it is %(state)s).",
                        count=count.name,
                        state=dict(COUNT_STATES)[count.state],
                    )
                )
            count._apply_adjustment()
            count.write({"state": "done", "date_approved": fields.Datetime.now(), "approved_by_id": self.env.uid})
            count.message_post(body=_("Approved: the stock was adjusted. %(summary)s", summary=count._summary()))

    def action_reject(self):
        if not self.env.user.has_group("auto_crm_inventory.group_inventory_manager"):
            raise AccessError(_("Only an inventory manager can send a stock count back."))
        for count in self.filtered(lambda c: c.state == "to_approve"):
            count.state = "in_progress"
            count.message_post(body=_("Sent back for recounting."))

    def action_cancel(self):
        if any(count.state == "done" for count in self):
            raise UserError(_("An approved count cannot be cancelled."))
        self.write({"state": "cancel"})

    def action_draft(self):
        self.filtered(lambda count: count.state == "cancel").write({"state": "draft"})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _summary(self):
        self.ensure_one()
        return _(
            "%(expected)s expected, %(counted)s counted: %(missing)s missing, %(unexpected)s unexpected, "
            "%(misplaced)s in the wrong location.",
            expected=self.expected_count,
            counted=self.counted_count,
            missing=self.missing_count,
            unexpected=self.unexpected_count,
            misplaced=self.misplaced_count,
        )

    def _apply_scan(self, raw_vin):
        """Mark the scanned VIN counted in the current sub-location, or add it as found though not expected."""
        self.ensure_one()
        if self.state != "in_progress":
            raise UserError(_("Start the count before scanning vehicles."))
        vin = self.company_id._auto_validate_vin(raw_vin)
        location = self.scan_location_id or self.location_id
        line = self.line_ids.filtered(lambda item: item.vin == vin)[:1]
        if line and line.counted:
            raise UserError(
                _(
                    "The VIN %(vin)s was already scanned in %(location)s by %(user)s at %(date)s: "
                    "each vehicle is counted once.",
                    vin=vin,
                    location=line.counted_location_id.display_name,
                    user=line.counted_by_id.name or self.env.user.name,
                    date=line.date_counted and fields.Datetime.to_string(line.date_counted) or "",
                )
            )
        values = {
            "counted": True,
            "counted_location_id": location.id,
            "counted_by_id": self.env.uid,
            "date_counted": fields.Datetime.now(),
        }
        if line:
            line.update(values)
            return line
        lot = self.env["stock.lot"].search(
            [
                ("name", "=", vin),
                ("product_id.auto_product_kind", "=", "vehicle"),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            limit=1,
        )
        quant = (
            self.env["stock.quant"].search_fetch(
                [("lot_id", "=", lot.id), ("quantity", ">", 0), ("location_id.usage", "=", "internal")],
                ["location_id"],
                limit=1,
            )
            if lot
            else self.env["stock.quant"]
        )
        values.update(
            {
                "vin": vin,
                "lot_id": lot.id,
                "product_id": lot.product_id.id,
                "expected": False,
                "expected_location_id": quant.location_id.id,
            }
        )
        self.line_ids = [Command.create(values)]
        return self.line_ids.filtered(lambda item: item.vin == vin)

    def _apply_adjustment(self):
        """Turn the discrepancies into a real inventory adjustment (moves from and to inventory loss)."""
        self.ensure_one()
        Quant = self.env["stock.quant"].with_context(
            inventory_mode=True,
            inventory_name=_("Stock count %(count)s", count=self.name),
        )
        to_remove = self.line_ids.filtered(
            lambda line: line.result in ("missing", "misplaced") and line.lot_id and line.expected_location_id
        )
        to_add = self.line_ids.filtered(lambda line: line.result in ("misplaced", "unexpected"))
        without_product = to_add.filtered(lambda line: not line.lot_id and not line.product_id)
        if without_product:
            raise UserError(
                _(
                    "Choose the model (product) of the unexpected vehicle(s) %(vins)s before approving: "
                    "they are not in the books yet.",
                    vins=", ".join(without_product.mapped("vin")),
                )
            )
        if to_remove:
            removals = Quant.create(
                [
                    {
                        "product_id": line.product_id.id,
                        "location_id": line.expected_location_id.id,
                        "lot_id": line.lot_id.id,
                        "inventory_quantity": 0,
                    }
                    for line in to_remove
                ]
            )
            removals._apply_inventory()
        if to_add:
            new_lots = to_add.filtered(lambda line: not line.lot_id)
            if new_lots:
                lots = self.env["stock.lot"].create(
                    [
                        {"name": line.vin, "product_id": line.product_id.id, "company_id": self.company_id.id}
                        for line in new_lots
                    ]
                )
                for line, lot in zip(new_lots, lots, strict=True):
                    line.lot_id = lot
            additions = Quant.create(
                [
                    {
                        "product_id": line.product_id.id,
                        "location_id": line.counted_location_id.id,
                        "lot_id": line.lot_id.id,
                        "inventory_quantity": 1,
                    }
                    for line in to_add
                ]
            )
            additions._apply_inventory()
