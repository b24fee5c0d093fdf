import base64
import io
import logging
import os
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from ..tools import legacy_import as legacy
from ..tools import phone as phone_tools
from ..tools import vin as vin_tools

_logger = logging.getLogger(__name__)

IMPORT_STATES = [
    ("draft", "Draft"),
    ("validated", "Validated"),
    ("importing", "Importing"),
    ("done", "Done"),
    ("interrupted", "Interrupted"),
]
ACTIONS = ("create", "update", "merge", "unchanged", "refuse")
CUSTOMER_TYPE_LABELS = {
    "individual": ("个人", "Individual", "私人"),
    "company": ("企业", "公司", "Company"),
    "fleet": ("车队", "Fleet"),
}
SOURCE_LABELS = {
    "walk_in": ("到店", "自然到店", "Walk-in"),
    "phone": ("电话", "来电", "Phone"),
    "website": ("官网", "网站", "Website"),
    "car_portal": ("汽车网站", "垂直媒体", "汽车之家", "懂车帝", "易车", "Car Portal"),
    "referral": ("转介绍", "老客户推荐", "Referral"),
    "campaign": ("活动", "车展", "Campaign"),
    "wechat": ("微信", "WeChat"),
    "other": ("其他", "Other"),
}


class AutoLegacyImport(models.Model):
    """One legacy file to bring over from the dealership's previous system (数据迁移).

    The templates are a registry: ``_legacy_templates()`` lists them by code (label, columns with their
    Chinese headers) and each code has ``_legacy_plan_<code>(rows, run)`` (what each row would do, reading
    only) and ``_legacy_apply_<code>(outcomes, run)`` (write it); optionally ``_legacy_finish_<code>(run)``
    after the last batch. An addon adds a template by inheriting this model (see docs/legacy-import.md).

    A validation run plans every row and writes nothing but its report; the import runs the same plan and
    applies it batch by batch, committing each batch with the last row done, so that an interrupted import
    resumes where it stopped. Natural keys (mobile, VIN, legacy order line) make a second run change nothing.
    """

    _name = "auto.legacy.import"
    _description = "Legacy Data Import"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    template = fields.Selection(selection="_selection_template", required=True)
    file = fields.Binary(attachment=True, copy=False)
    filename = fields.Char("File Name")
    state = fields.Selection(IMPORT_STATES, default="draft", required=True, readonly=True, copy=False)
    batch_size = fields.Integer(default=1000, help="Rows written and committed together.")
    last_row_done = fields.Integer(
        readonly=True, copy=False, help="Row of the file the import has committed up to; it resumes after it."
    )
    row_count = fields.Integer("Rows", readonly=True, copy=False)
    create_count = fields.Integer("To Create / Created", readonly=True, copy=False)
    update_count = fields.Integer("To Update / Updated", readonly=True, copy=False)
    merge_count = fields.Integer("To Merge / Merged", readonly=True, copy=False)
    unchanged_count = fields.Integer("Unchanged", readonly=True, copy=False)
    refuse_count = fields.Integer("Refused", readonly=True, copy=False)
    line_ids = fields.One2many("auto.legacy.import.line", "import_id", string="Refused Rows", readonly=True)
    error_message = fields.Text("Interruption", readonly=True, copy=False)
    date_validated = fields.Datetime("Validated On", readonly=True, copy=False)
    date_done = fields.Datetime("Imported On", readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Imported By", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    template_help = fields.Html(compute="_compute_template_help", string="Columns")

    # ------------------------------------------------------------------
    # Registry
    # ------------------------------------------------------------------
    @api.model
    def _legacy_templates(self):
        """The import templates by code: ``name``, ``sequence``, ``columns`` (each a dict with ``key``,
        ``headers`` (the Chinese header of the template first, then other accepted spellings), ``required``,
        ``example``). Each addon extends it with ``super()`` for the data it owns."""
        return {
            "customer": {
                "name": _lt("Customers"),
                "sequence": 10,
                "files": _static_files("auto_crm_customer", "customers"),
                "columns": [
                    {"key": "name", "headers": ("姓名", "客户名称", "Name"), "required": True, "example": "张伟"},
                    {
                        "key": "mobile",
                        "headers": ("手机", "手机号", "Mobile"),
                        "required": True,
                        "example": "13800138000",
                    },
                    {"key": "auto_customer_type", "headers": ("客户类型", "Customer Type"), "example": "个人"},
                    {"key": "email", "headers": ("邮箱", "Email"), "example": ""},
                    {"key": "wechat", "headers": ("微信", "WeChat ID"), "example": "zhangwei88"},
                    {"key": "birthday", "headers": ("生日", "Birthday"), "example": "1985-03-12"},
                    {"key": "source", "headers": ("来源", "Source"), "example": "到店"},
                    {"key": "last_visit", "headers": ("最近到店", "Last Visit"), "example": "2024-06-01"},
                ],
            },
            "vehicle": {
                "name": _lt("Vehicles"),
                "sequence": 20,
                "files": _static_files("auto_crm_customer", "vehicles"),
                "columns": [
                    {"key": "vin", "headers": ("车架号", "VIN"), "required": True, "example": "LSVAB4BR7PN123456"},
                    {"key": "plate", "headers": ("车牌号", "Plate"), "example": "沪A12345"},
                    {
                        "key": "owner_mobile",
                        "headers": ("车主手机", "Owner Mobile"),
                        "required": True,
                        "example": "13800138000",
                    },
                    {"key": "owner_name", "headers": ("车主姓名", "Owner"), "example": "张伟"},
                    {"key": "model", "headers": ("车型", "Model"), "example": "星途 1.5T 豪华版"},
                    {"key": "color", "headers": ("颜色", "Colour"), "example": "白色"},
                    {"key": "engine_number", "headers": ("发动机号", "Engine Number"), "example": ""},
                    {"key": "purchase_date", "headers": ("购车日期", "Purchase Date"), "example": "2022-05-20"},
                    {"key": "mileage", "headers": ("当前里程", "里程", "Mileage"), "example": "35000"},
                    {"key": "mileage_date", "headers": ("里程日期", "Mileage Date"), "example": "2024-06-01"},
                ],
            },
            "ownership": {
                "name": _lt("Ownership History"),
                "sequence": 25,
                "files": _static_files("auto_crm_customer", "ownership"),
                "columns": [
                    {"key": "vin", "headers": ("车架号", "VIN"), "required": True, "example": "LSVAB4BR7PN123456"},
                    {
                        "key": "previous_mobile",
                        "headers": ("原车主手机", "Previous Owner Mobile"),
                        "required": True,
                        "example": "13800138000",
                    },
                    {"key": "previous_name", "headers": ("原车主姓名", "Previous Owner"), "example": "张伟"},
                    {
                        "key": "new_mobile",
                        "headers": ("新车主手机", "New Owner Mobile"),
                        "required": True,
                        "example": "13900139000",
                    },
                    {"key": "new_name", "headers": ("新车主姓名", "New Owner"), "example": "李娜"},
                    {
                        "key": "date",
                        "headers": ("过户日期", "Transfer Date"),
                        "required": True,
                        "example": "2023-08-15",
                    },
                ],
            },
            "followup": {
                "name": _lt("Open Follow-ups"),
                "sequence": 40,
                "files": _static_files("auto_crm_customer", "followups"),
                "columns": [
                    {
                        "key": "mobile",
                        "headers": ("客户手机", "Customer Mobile"),
                        "required": True,
                        "example": "13800138000",
                    },
                    {"key": "name", "headers": ("客户姓名", "Customer"), "example": "张伟"},
                    {"key": "vin", "headers": ("车架号", "VIN"), "example": "LSVAB4BR7PN123456"},
                    {"key": "purpose", "headers": ("跟进用途", "Purpose"), "required": True, "example": "保养提醒"},
                    {"key": "due_date", "headers": ("到期日期", "Due Date"), "required": True, "example": "2025-07-01"},
                    {"key": "user_login", "headers": ("负责人账号", "Responsible Login"), "example": "service.advisor"},
                    {"key": "note", "headers": ("备注", "Note"), "example": "客户希望周末到店"},
                ],
            },
        }

    @api.model
    def _selection_template(self):
        templates = self._legacy_templates()
        ordered = sorted(templates.items(), key=lambda item: (item[1].get("sequence", 50), item[0]))
        selection = []
        for code, template in ordered:
            # str() here, not in a comprehension: the lazy label finds the user's language in this frame
            selection.append((code, str(template["name"])))
        return selection

    def _template(self):
        self.ensure_one()
        template = self._legacy_templates().get(self.template)
        if not template:
            raise UserError(_("The import template %(template)s no longer exists.", template=self.template))
        return template

    @api.model
    def _column_header(self, template_code, key):
        for column in self._legacy_templates()[template_code]["columns"]:
            if column["key"] == key:
                return column["headers"][0]
        return key

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("template", "filename")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._selection_template())
        for job in self:
            job.name = " - ".join(filter(None, [labels.get(job.template), job.filename])) or _("New Import")

    @api.depends("template")
    def _compute_template_help(self):
        columns_title = _("Columns (* required):")
        files_title = _("Templates and sample files:")
        for job in self:
            if not job.template:
                job.template_help = False
                continue
            items = Markup()
            for column in job._template()["columns"]:
                example = _("e.g. %s", column["example"]) if column.get("example") else ""
                items += Markup("<li><b>%s</b>%s %s</li>") % (
                    column["headers"][0],
                    " *" if column.get("required") else "",
                    example,
                )
            links = Markup()
            for url in job._template().get("files", ()):
                links += Markup('<li><a href="%s" download="">%s</a></li>') % (url, url.rsplit("/", 1)[-1])
            job.template_help = Markup("<p>%s</p><ul>%s</ul><p>%s</p><ul>%s</ul>") % (
                columns_title,
                items,
                files_title,
                links,
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if {"file", "template"} & set(vals):
            if self.filtered(lambda job: job.state in ("importing", "done", "interrupted")):
                raise UserError(_("An import that has started cannot change its file: create a new import."))
            vals = dict(vals, state="draft")
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_validate(self):
        """Dry run: plan every row, count what would be created, updated, merged and refused; write nothing."""
        for job in self:
            job._run(dry_run=True)
        return True

    def action_import(self):
        """Import the file, batch by batch (resumes an interrupted import after its last committed row)."""
        for job in self:
            job._run(dry_run=False)
        return True

    def action_resume(self):
        """Continue an interrupted import after its last committed row."""
        return self.action_import()

    def action_reset(self):
        self.filtered(lambda job: job.state in ("validated", "draft")).write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    def _open_file(self):
        """The uploaded file as a binary stream: read from the filestore where it is stored there, so that a
        file of a million lines is streamed and never held in memory whole."""
        # sudo: the file's attachment is this job's own field; only its file name is fetched (not its index
        # content, which holds the whole text of a CSV)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search_fetch(
                [("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", "file")],
                ["store_fname"],
                limit=1,
            )
        )
        if not attachment:
            raise UserError(_("Upload the legacy file first."))
        if attachment.store_fname:
            path = attachment._full_path(attachment.store_fname)
            if os.path.exists(path):
                return open(path, "rb")  # noqa: SIM115 - closed by _rows when the rows are read
        return io.BytesIO(base64.b64decode(self.file))

    def _rows(self):
        self.ensure_one()
        columns = [(c["key"], c["headers"], c.get("required")) for c in self._template()["columns"]]
        stream = self._open_file()
        try:
            rows = legacy.iter_rows(stream, self.filename or "", columns)
            first = next(rows, None)
        except legacy.HeaderError as error:
            raise UserError(
                _(
                    "The file has no column %(columns)s: download the template and keep its headers.",
                    columns=", ".join(error.columns),
                )
            ) from error
        except (ValueError, KeyError, OSError) as error:
            raise UserError(_("The file cannot be read as CSV or XLSX: %(error)s", error=error)) from error
        try:
            if first is not None:
                yield first
                yield from rows
        finally:
            stream.close()

    def _run(self, dry_run):
        self.ensure_one()
        if not self.env.user.has_group("auto_crm_customer.group_dealership_manager"):
            raise UserError(_("Only the general manager may import legacy data."))
        plan = getattr(self, f"_legacy_plan_{self.template}")
        apply = getattr(self, f"_legacy_apply_{self.template}")
        resume = not dry_run and self.state in ("importing", "interrupted")
        if dry_run and self.state not in ("draft", "validated"):
            raise UserError(_("This file has already been imported: create a new import to validate another."))
        if not resume:
            # sudo: the refusal report is the import's own (see _record_outcomes)
            self.line_ids.sudo().unlink()
            self.write(dict.fromkeys(("last_row_done", "row_count", *[f"{a}_count" for a in ACTIONS]), 0))
        if not dry_run:
            self.write({"state": "importing", "error_message": False})
            self._legacy_commit()
        run = {"dry_run": dry_run, "today": fields.Date.context_today(self), "seen": {}}
        start_after = self.last_row_done if resume else 0
        for batch in legacy.batched(self._rows(), max(self.batch_size, 1)):
            batch = [row for row in batch if row[0] > start_after]
            if not batch:
                continue
            try:
                with self.env.cr.savepoint():
                    outcomes = plan(batch, run)
                    if not dry_run:
                        apply(outcomes, run)
                    self._record_outcomes(outcomes, batch[-1][0])
                    self.env.flush_all()
            except (UserError, ValidationError):
                if dry_run:
                    raise
                self._interrupt(batch[0][0])
                raise
            except Exception as error:
                if dry_run:
                    raise
                _logger.exception("Legacy import %s interrupted at row %s", self.id, batch[0][0])
                self._interrupt(batch[0][0], error)
                raise UserError(
                    _(
                        "The import stopped at row %(row)s (%(error)s). The rows before it are imported: fix the "
                        "cause and click Resume to continue from there.",
                        row=batch[0][0],
                        error=error,
                    )
                ) from error
            self._legacy_commit()
            # the cache holds the batch at hand only: over a million rows it would otherwise grow with the file
            self.env.invalidate_all()
        finish = getattr(self, f"_legacy_finish_{self.template}", None)
        if not dry_run and finish:
            finish(run)
        self.write(
            {"state": "validated", "date_validated": fields.Datetime.now()}
            if dry_run
            else {"state": "done", "date_done": fields.Datetime.now()}
        )
        self._legacy_commit()

    def _interrupt(self, row, error=None):
        self.write(
            {
                "state": "interrupted",
                "error_message": _("Stopped at row %(row)s: %(error)s", row=row, error=error or "")
                if error
                else _("Stopped at row %(row)s.", row=row),
            }
        )
        self._legacy_commit()

    def _legacy_commit(self):
        """Commit what the import has done so far (its batch and its progress) so that it survives an
        interruption; inside a test the test's transaction must stay open, so it does not."""
        if odoo_module.current_test:
            return
        # per batch of a resumable import, as a cron does
        self.env.cr.commit()  # pylint: disable=invalid-commit
        # the next commit does not wait for the disk (a thousand batches would wait a thousand times): a crash
        # can only lose the last batches together with the progress recorded with them, and the import resumes
        # from there
        self.env.cr.execute(SQL("SET LOCAL synchronous_commit TO OFF"))

    def _record_outcomes(self, outcomes, last_row):
        counts = dict.fromkeys(ACTIONS, 0)
        refusals = []
        for outcome in outcomes:
            counts[outcome["action"]] += 1
            if outcome["action"] == "refuse":
                refusals.append(
                    {
                        "import_id": self.id,
                        "row_number": outcome["row"],
                        "column": self._column_header(self.template, outcome["field"]),
                        "value": str(outcome.get("value") or "")[:200],
                        "reason": outcome["reason"],
                    }
                )
        # sudo: the refusal report is written by the import only; the general manager reads it
        self.env["auto.legacy.import.line"].sudo().create(refusals)
        vals = {f"{action}_count": self[f"{action}_count"] + count for action, count in counts.items()}
        vals["row_count"] = self.row_count + len(outcomes)
        vals["last_row_done"] = last_row
        self.write(vals)

    @api.model
    def _refuse(self, row, field, value, reason):
        return {"row": row, "action": "refuse", "field": field, "value": value, "reason": reason}

    @api.model
    def _cell_error(self, error):
        """The translated reason of a :class:`~..tools.legacy_import.RowError`: in the language of the request,
        or of the user when the call has none (an import run through the API without a context), as the
        reasons given with ``_()`` are."""
        env = self.env if self.env.lang else self.with_context(lang=self.env.user.lang).env
        return env._(error.template, **error.params)  # pylint: disable=translation-required

    @api.model
    def _parse_cells(self, row, values, parsers, cache=None):
        """Apply ``{key: parser}`` to ``values``; return (parsed dict, None) or (None, refusal outcome).

        :param cache: a dict kept over the batches of a run (``run.setdefault("cells", {})``): a column's cells
            repeat (dates, amounts, types), each text is parsed once; the parsers must then be the same for a
            key during the run. Emptied when it grows past ``CELL_CACHE_SIZE`` (memory stays flat).
        """
        parsed = {}
        for key, parser in parsers.items():
            value = values.get(key)
            if cache is not None:
                hit = cache.get((key, value), _MISSING)
                if hit is not _MISSING:
                    if isinstance(hit, legacy.RowError):
                        return None, self._refuse(row, key, value, self._cell_error(hit))
                    parsed[key] = hit
                    continue
                if len(cache) >= CELL_CACHE_SIZE:
                    cache.clear()
            try:
                parsed[key] = parser(value)
            except legacy.RowError as error:
                if cache is not None:
                    cache[key, value] = error
                return None, self._refuse(row, key, value, self._cell_error(error))
            if cache is not None:
                cache[key, value] = parsed[key]
        return parsed, None

    # ------------------------------------------------------------------
    # Customers
    # ------------------------------------------------------------------
    def _legacy_plan_customer(self, rows, run):
        today = run["today"]
        seen = run["seen"].setdefault("mobiles", {})
        mobiles = {}
        for row, values in rows:
            try:
                mobiles[row] = phone_tools.validate_mobile(values.get("mobile"))
            except phone_tools.MobileError:
                mobiles[row] = None
        # sudo: a duplicate may belong to any consultant; the import is the general manager's
        existing = {
            partner.auto_mobile_normalized: partner
            for partner in self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    ("auto_mobile_normalized", "in", [m for m in mobiles.values() if m]),
                    ("auto_customer_type", "!=", False),
                ],
                [
                    "name",
                    "auto_mobile_normalized",
                    "email",
                    "auto_wechat_id",
                    "auto_birthday",
                    "auto_source_channel",
                    "auto_last_visit_date",
                ],
            )
        }
        outcomes = []
        for row, values in rows:
            name = values.get("name")
            if not name:
                outcomes.append(self._refuse(row, "name", name, _("The customer's name is required.")))
                continue
            mobile = mobiles[row]
            if not mobile:
                outcomes.append(
                    self._refuse(
                        row,
                        "mobile",
                        values.get("mobile"),
                        _(
                            "Not a valid mobile number: a mainland China mobile has 11 digits and starts with 13 to "
                            "19; write other countries' numbers with + and the country code."
                        ),
                    )
                )
                continue
            parsed, refusal = self._parse_cells(
                row,
                values,
                {
                    "auto_customer_type": lambda v: legacy.parse_choice(v, CUSTOMER_TYPE_LABELS, default="individual"),
                    "birthday": lambda v: legacy.parse_date(v, today=today),
                    "source": lambda v: legacy.parse_choice(v, SOURCE_LABELS),
                    "last_visit": lambda v: legacy.parse_date(v, today=today),
                },
            )
            if refusal:
                outcomes.append(refusal)
                continue
            vals = {
                "name": name,
                "mobile": mobile,
                "auto_customer_type": parsed["auto_customer_type"],
                "email": values.get("email") or False,
                "auto_wechat_id": values.get("wechat") or False,
                "auto_birthday": parsed["birthday"] or False,
                "auto_source_channel": parsed["source"] or False,
                "auto_last_visit_date": parsed["last_visit"] or False,
            }
            partner = existing.get(mobile)
            if partner and _same_name(partner.name, name):
                # merged onto the existing customer: only what it lacks is filled in, nothing it has is overwritten
                fill = {
                    key: value
                    for key, value in vals.items()
                    if value and key not in ("name", "mobile", "auto_customer_type") and not partner[key]
                }
                outcomes.append(
                    {"row": row, "action": "merge" if fill else "unchanged", "record_id": partner.id, "vals": fill}
                )
            elif partner:
                outcomes.append(
                    self._refuse(
                        row,
                        "mobile",
                        values.get("mobile"),
                        _(
                            "The mobile %(mobile)s is already the customer %(customer)s, whose name is not "
                            "%(name)s: correct the mobile or the name.",
                            mobile=mobile,
                            customer=partner.name,
                            name=name,
                        ),
                    )
                )
            elif mobile in seen:
                if _same_name(seen[mobile], name):
                    outcomes.append({"row": row, "action": "unchanged", "vals": {}})
                else:
                    outcomes.append(
                        self._refuse(
                            row,
                            "mobile",
                            values.get("mobile"),
                            _(
                                "The mobile %(mobile)s is already in this file for %(customer)s.",
                                mobile=mobile,
                                customer=seen[mobile],
                            ),
                        )
                    )
            else:
                seen[mobile] = name
                outcomes.append({"row": row, "action": "create", "vals": vals})
        return outcomes

    def _legacy_apply_customer(self, outcomes, run):
        Partner = self.env["res.partner"].sudo()  # sudo: customers of every consultant, by the general manager
        Partner.create([o["vals"] for o in outcomes if o["action"] == "create"])
        self._legacy_write_grouped(Partner, [(o["record_id"], o["vals"]) for o in outcomes if o["action"] == "merge"])

    def _legacy_finish_customer(self, run):
        self.env["res.partner"].with_company(self.company_id)._recompute_customer_tiers()

    # ------------------------------------------------------------------
    # Vehicles
    # ------------------------------------------------------------------
    def _legacy_model_index(self, run):
        if "models" not in run:
            index = {}
            for model in self.env["auto.vehicle.model"].with_context(active_test=False).search([]):
                series, brand = model.series_id.name or "", model.brand_id.name or ""
                for key in (
                    model.name,
                    f"{series} {model.name}",
                    f"{brand} {series} {model.name}",
                    model.display_name,
                ):
                    index.setdefault(_name_key(key), model.id)
            run["models"] = index
        return run["models"]

    def _legacy_plan_vehicle(self, rows, run):
        today = run["today"]
        company = self.company_id
        check_digit = company._auto_vin_check_digit()
        seen = run["seen"].setdefault("vins", set())
        models_index = self._legacy_model_index(run)
        owner_mobiles = {row: phone_tools.normalize_mobile(values.get("owner_mobile")) for row, values in rows}
        Vehicle = self.env["auto.vehicle"].sudo()  # sudo: every vehicle of the company, by the general manager
        owners = {
            partner.auto_mobile_normalized: partner
            for partner in self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    ("auto_mobile_normalized", "in", [m for m in owner_mobiles.values() if m]),
                    ("auto_customer_type", "!=", False),
                ],
                ["name", "auto_mobile_normalized"],
            )
        }
        vins = [vin_tools.normalize_vin(values.get("vin")) for _row, values in rows]
        existing = {
            vehicle.vin: vehicle
            for vehicle in Vehicle.with_context(active_test=False).search_fetch(
                [("vin", "in", vins), ("company_id", "=", company.id)],
                ["vin", "plate_number", "partner_id", "purchase_date", "mileage", "color", "model_id"],
            )
        }
        outcomes = []
        for row, values in rows:
            try:
                vin = vin_tools.validate_vin(values.get("vin"), check_digit=check_digit)
            except vin_tools.VinError as error:
                outcomes.append(self._refuse(row, "vin", values.get("vin"), Vehicle._vin_error_message(error)))
                continue
            owner = owners.get(owner_mobiles[row])
            if not owner:
                outcomes.append(
                    self._refuse(
                        row,
                        "owner_mobile",
                        values.get("owner_mobile"),
                        _("No customer has this mobile: import the customers first, or correct the mobile."),
                    )
                )
                continue
            if values.get("owner_name") and not _same_name(owner.name, values["owner_name"]):
                outcomes.append(
                    self._refuse(
                        row,
                        "owner_name",
                        values["owner_name"],
                        _("The customer with this mobile is %(customer)s, not this owner.", customer=owner.name),
                    )
                )
                continue
            parsed, refusal = self._parse_cells(
                row,
                values,
                {
                    "purchase_date": lambda v: legacy.parse_date(v, today=today),
                    "mileage": legacy.parse_integer,
                    "mileage_date": lambda v: legacy.parse_date(v, today=today),
                },
            )
            if refusal:
                outcomes.append(refusal)
                continue
            model_id = models_index.get(_name_key(values.get("model") or "")) if values.get("model") else False
            vals = {
                "vin": vin,
                "plate_number": values.get("plate") or False,
                "partner_id": owner.id,
                "purchase_date": parsed["purchase_date"] or False,
                "color": values.get("color") or False,
                "company_id": company.id,
            }
            if values.get("engine_number"):
                vals["engine_number"] = values["engine_number"]
            if model_id:
                vals["model_id"] = model_id
            elif values.get("model"):
                vals["note"] = _("Model in the legacy system: %(model)s", model=values["model"])
            reading = None
            if parsed["mileage"]:
                reading = {
                    "value": parsed["mileage"],
                    "date": parsed["mileage_date"] or parsed["purchase_date"] or today,
                }
            vehicle = existing.get(vin)
            if vehicle:
                if reading and reading["value"] < vehicle.mileage:
                    outcomes.append(
                        self._refuse(
                            row,
                            "mileage",
                            values.get("mileage"),
                            _(
                                "The mileage %(value)s km is lower than the last reading of this vehicle "
                                "(%(last)s km): an odometer does not go back.",
                                value=reading["value"],
                                last=vehicle.mileage,
                            ),
                        )
                    )
                    continue
                changes = {
                    key: value
                    for key, value in vals.items()
                    if key not in ("vin", "note", "company_id") and value and _differs(vehicle[key], value)
                }
                if reading and reading["value"] == vehicle.mileage:
                    reading = None
                action = "update" if changes or reading else "unchanged"
                outcomes.append(
                    {"row": row, "action": action, "record_id": vehicle.id, "vals": changes, "reading": reading}
                )
            elif vin in seen:
                outcomes.append(
                    self._refuse(row, "vin", values.get("vin"), _("This VIN is already on an earlier row of the file."))
                )
            else:
                seen.add(vin)
                vals["state"] = "customer"
                outcomes.append({"row": row, "action": "create", "vals": vals, "reading": reading})
        return outcomes

    def _legacy_apply_vehicle(self, outcomes, run):
        Vehicle = self.env["auto.vehicle"].sudo()  # sudo: see _legacy_plan_vehicle
        to_create = [o for o in outcomes if o["action"] == "create"]
        created = Vehicle.create([o["vals"] for o in to_create])
        readings = []
        for outcome, vehicle in zip(to_create, created, strict=True):
            if outcome.get("reading"):
                readings.append(dict(outcome["reading"], vehicle_id=vehicle.id, source="import"))
        updates = [o for o in outcomes if o["action"] == "update"]
        # one write per set of identical values (the same owner, the same purchase date...), not one per row
        self._legacy_write_grouped(Vehicle, [(o["record_id"], o["vals"]) for o in updates])
        readings += [
            dict(o["reading"], vehicle_id=o["record_id"], source="import") for o in updates if o.get("reading")
        ]
        self.env["auto.vehicle.odometer"].sudo().create(readings)
        (created | Vehicle.browse([o["record_id"] for o in updates]))._legacy_imported()

    @api.model
    def _legacy_write_grouped(self, records, updates):
        """Write ``[(record_id, vals)]`` in as few ORM writes as there are distinct ``vals``: the rows of a batch
        that set the same values (one owner, one date, one state) are written together.

        :param records: an empty recordset of the model to write (with its environment: sudo, context)
        """
        groups = defaultdict(list)
        for record_id, vals in updates:
            if vals:
                groups[tuple(sorted(vals.items()))].append(record_id)
        for items, record_ids in groups.items():
            records.browse(record_ids).write(dict(items))
        return len(groups)

    # ------------------------------------------------------------------
    # Ownership history
    # ------------------------------------------------------------------
    def _legacy_customers_by_mobile(self, mobiles):
        # sudo: customers of every consultant, by the general manager
        return {
            partner.auto_mobile_normalized: partner
            for partner in self.env["res.partner"]
            .sudo()
            .search_fetch(
                [("auto_mobile_normalized", "in", [m for m in set(mobiles) if m]), ("auto_customer_type", "!=", False)],
                ["name", "auto_mobile_normalized", "user_id"],
            )
        }

    def _legacy_customer_refusal(self, row, values, mobile_key, name_key, customers):
        """The customer of a row found by its mobile (and its name when given), or the refusal."""
        partner = customers.get(phone_tools.normalize_mobile(values.get(mobile_key)))
        if not partner:
            return None, self._refuse(
                row,
                mobile_key,
                values.get(mobile_key),
                _("No customer has this mobile: import the customers first, or correct the mobile."),
            )
        if values.get(name_key) and not _same_name(partner.name, values[name_key]):
            return None, self._refuse(
                row,
                name_key,
                values[name_key],
                _("The customer with this mobile is %(customer)s, not this name.", customer=partner.name),
            )
        return partner, None

    def _legacy_vehicles_by_vin(self, vins, fnames):
        # sudo: every vehicle of the company, by the general manager
        return {
            vehicle.vin: vehicle
            for vehicle in self.env["auto.vehicle"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("vin", "in", [v for v in set(vins) if v]), ("company_id", "=", self.company_id.id)], ["vin", *fnames]
            )
        }

    def _legacy_vehicle_of(self, row, values, vehicles, check_digit, vin=None):
        """The vehicle of a row's VIN (cell ``vin``) among ``vehicles`` (by VIN), or why the row is refused: the
        VIN's own mistake (a forbidden letter, its length, its check digit) or that no vehicle has it. A VIN the
        dealership's vehicles already carry is theirs without checking it again.

        :param vin: the cell's VIN already normalized, when the caller has it
        :return: ``(vehicle, None)`` or ``(None, refusal outcome)``
        """
        vehicle = vehicles.get(vin if vin is not None else vin_tools.normalize_vin(values.get("vin")))
        if vehicle:
            return vehicle, None
        try:
            vin_tools.validate_vin(values.get("vin"), check_digit=check_digit)
        except vin_tools.VinError as error:
            return None, self._refuse(row, "vin", values.get("vin"), self.env["auto.vehicle"]._vin_error_message(error))
        return None, self._refuse(
            row, "vin", values.get("vin"), _("No vehicle has this VIN: import the vehicles first, or correct the VIN.")
        )

    def _legacy_plan_ownership(self, rows, run):
        """Each row is a transfer (过户) of a vehicle from its previous owner to a new one on a date, written onto
        the vehicle's ownership lines: the previous owner's line ends on that date and the new owner's starts.
        The vehicle registered with its current owner from its purchase date (the vehicles template) gets its
        earlier owners this way. A transfer already recorded (the new owner's line starts that day and the
        previous owner's ends that day) is unchanged."""
        today = run["today"]
        check_digit = self.company_id._auto_vin_check_digit()
        customers = self._legacy_customers_by_mobile(
            phone_tools.normalize_mobile(values.get(key))
            for _row, values in rows
            for key in ("previous_mobile", "new_mobile")
        )
        vehicles = self._legacy_vehicles_by_vin(
            [vin_tools.normalize_vin(values.get("vin")) for _row, values in rows], ["partner_id", "purchase_date"]
        )
        # the ownership lines of the batch's vehicles, as dicts the rows update in turn (a vehicle sold twice)
        lines = defaultdict(list)
        # sudo: see _legacy_vehicles_by_vin
        for line in (
            self.env["auto.vehicle.ownership"]
            .sudo()
            .search_fetch(
                [("vehicle_id", "in", [v.id for v in vehicles.values()])],
                ["vehicle_id", "partner_id", "date_start", "date_end"],
            )
        ):
            lines[line.vehicle_id.id].append(
                {
                    "id": line.id,
                    "vehicle_id": line.vehicle_id.id,
                    "partner_id": line.partner_id.id,
                    "date_start": line.date_start,
                    "date_end": line.date_end,
                }
            )
        owners = {}
        outcomes = []
        transfers = []
        for row, values in rows:
            vehicle, refusal = self._legacy_vehicle_of(row, values, vehicles, check_digit)
            if refusal:
                outcomes.append(refusal)
                continue
            parsed, new = {}, None
            previous, refusal = self._legacy_customer_refusal(
                row, values, "previous_mobile", "previous_name", customers
            )
            if not refusal:
                new, refusal = self._legacy_customer_refusal(row, values, "new_mobile", "new_name", customers)
            if not refusal and new == previous:
                refusal = self._refuse(
                    row, "new_mobile", values.get("new_mobile"), _("The new owner is the previous owner.")
                )
            if not refusal:
                parsed, refusal = self._parse_cells(
                    row, values, {"date": lambda v: legacy.parse_date(v, today=today, required=True)}
                )
            if refusal:
                outcomes.append(refusal)
                continue
            transfers.append((row, values, vehicle, previous, new, parsed["date"]))
        # the latest transfer of a vehicle first: its current owner (the vehicles template) is the newest, and
        # each transfer before it hands the vehicle to the owner of the line that follows
        for row, values, vehicle, previous, new, day in sorted(transfers, key=lambda t: (t[5], t[0]), reverse=True):
            outcome = self._legacy_transfer(row, values, vehicle, lines[vehicle.id], previous, new, day)
            if outcome["action"] == "create":
                current = max(lines[vehicle.id], key=lambda line: line["date_start"])
                owners[vehicle.id] = (vehicle.partner_id.id, current["partner_id"] if not current["date_end"] else None)
            outcomes.append(outcome)
        outcomes.sort(key=lambda outcome: outcome["row"])
        run["ownership_owners"] = owners
        return outcomes

    def _legacy_transfer(self, row, values, vehicle, lines, previous, new, day):
        """Apply one transfer to the vehicle's ownership ``lines`` (dicts, changed in place); return the outcome."""
        lines.sort(key=lambda line: (line["date_start"], line.get("id") or 0))
        covering = [
            line for line in lines if line["date_start"] <= day and (not line["date_end"] or line["date_end"] > day)
        ]
        if covering:
            current = covering[-1]
        elif lines and day < lines[0]["date_start"]:
            current = lines[0]
        elif lines:
            return self._refuse(
                row,
                "date",
                values.get("date"),
                _("No owner of this vehicle is recorded on %(date)s: check the date of the transfer.", date=day),
            )
        else:
            current = None

        def new_line(partner, start, end):
            line = {"vehicle_id": vehicle.id, "partner_id": partner.id, "date_start": start, "date_end": end}
            lines.append(line)
            return line

        if current is None:
            new_line(previous, min(vehicle.purchase_date or day, day), day)
            new_line(new, day, False)
        elif current["partner_id"] == new.id:
            if current["date_start"] == day and any(
                line["partner_id"] == previous.id and line["date_end"] == day for line in lines
            ):
                return {"row": row, "action": "unchanged"}
            index = lines.index(current)
            before = lines[index - 1]["date_end"] if index and lines[index - 1]["date_end"] else None
            start = before or min(current["date_start"], vehicle.purchase_date or day, day)
            new_line(previous, min(start, day), day)
            current.update(date_start=day, changed=True)
        elif current["partner_id"] == previous.id:
            new_line(new, day, current["date_end"])
            current.update(date_end=day, changed=True)
        else:
            owner = self.env["res.partner"].browse(current["partner_id"]).sudo().name
            return self._refuse(
                row,
                "previous_mobile",
                values.get("previous_mobile"),
                _(
                    "On %(date)s the vehicle belonged to %(owner)s, not to this previous owner.",
                    date=day,
                    owner=owner,
                ),
            )
        return {"row": row, "action": "create", "record_id": vehicle.id, "lines": lines}

    def _legacy_apply_ownership(self, outcomes, run):
        Ownership = self.env["auto.vehicle.ownership"].sudo()  # sudo: see _legacy_vehicles_by_vin
        touched = {}
        for outcome in outcomes:
            for line in outcome.get("lines", ()):
                touched[id(line)] = line
        new_lines = [line for line in touched.values() if not line.get("id")]
        changed = [line for line in touched.values() if line.get("id") and line.pop("changed", False)]
        self._legacy_write_grouped(
            Ownership,
            [(line["id"], {"date_start": line["date_start"], "date_end": line["date_end"]}) for line in changed],
        )
        created = Ownership.create(
            [{key: line[key] for key in ("vehicle_id", "partner_id", "date_start", "date_end")} for line in new_lines]
        )
        for line, record in zip(new_lines, created, strict=True):
            line["id"] = record.id
        # the vehicle's owner is the owner of its open line; the lines are written above, with their dates
        Vehicle = self.env["auto.vehicle"].sudo().with_context(auto_ownership_recorded=True)
        new_owners = [
            (vehicle_id, {"partner_id": owner})
            for vehicle_id, (current, owner) in run.pop("ownership_owners", {}).items()
            if owner and owner != current
        ]
        self._legacy_write_grouped(Vehicle, new_owners)
        # a vehicle with a new owner: its reminders follow from its history, for that owner
        Vehicle.browse([vehicle_id for vehicle_id, _vals in new_owners])._legacy_imported()

    # ------------------------------------------------------------------
    # Open follow-ups
    # ------------------------------------------------------------------
    def _legacy_purposes(self, run):
        """``{purpose: (labels...)}``: the follow-up purposes of the installed addons by key, English and Chinese
        label; ``run["plans"]`` the active plan of each (the company's own or the shared one)."""
        if "purposes" not in run:
            field = self.env["auto.followup.plan"]._fields["purpose"]
            labels = defaultdict(list)
            for lang in ("zh_CN", "en_US"):
                for key, label in field._description_selection(self.env(context=dict(self.env.context, lang=lang))):
                    labels[key].append(label)
            run["purposes"] = {key: tuple(values) for key, values in labels.items()}
            run["plans"] = {}
        return run["purposes"]

    def _legacy_plan_followup(self, rows, run):
        """Each row is a follow-up still to make in the legacy system: it becomes the first step of the plan of
        its purpose (the follow-up engine's ``_schedule``), dated on the row's due date, for the customer (and
        the vehicle), given to the user of the login (else the vehicle's or the customer's consultant). Its key
        (customer, vehicle, purpose, due date) makes a second import change nothing."""
        purposes = self._legacy_purposes(run)
        plans = run["plans"]
        Plan = self.env["auto.followup.plan"].sudo()  # sudo: the plans of every department, by the general manager
        customers = self._legacy_customers_by_mobile(
            phone_tools.normalize_mobile(values.get("mobile")) for _row, values in rows
        )
        check_digit = self.company_id._auto_vin_check_digit()
        vehicles = self._legacy_vehicles_by_vin(
            [vin_tools.normalize_vin(values.get("vin")) for _row, values in rows if values.get("vin")],
            ["partner_id", "user_id"],
        )
        logins = {values.get("user_login") for _row, values in rows if values.get("user_login")}
        users = {
            user.login: user.id
            for user in self.env["res.users"].sudo().search_fetch([("login", "in", list(logins))], ["login"])
        }
        taken = {
            followup.trigger_key.rsplit(":", 1)[0]
            for followup in self.env["auto.followup"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("trigger_key", "=like", "legacy:%"), ("partner_id", "in", [p.id for p in customers.values()])],
                ["trigger_key"],
            )
        }
        seen = run["seen"].setdefault("followups", set())
        outcomes = []
        for row, values in rows:
            partner, refusal = self._legacy_customer_refusal(row, values, "mobile", "name", customers)
            if refusal:
                outcomes.append(refusal)
                continue
            vehicle = None
            if values.get("vin"):
                vehicle, refusal = self._legacy_vehicle_of(row, values, vehicles, check_digit)
                if refusal:
                    outcomes.append(refusal)
                    continue
                if vehicle.partner_id != partner:
                    outcomes.append(
                        self._refuse(
                            row,
                            "vin",
                            values["vin"],
                            _(
                                "This vehicle belongs to %(owner)s, not to this customer.",
                                owner=vehicle.partner_id.name,
                            ),
                        )
                    )
                    continue
            parsed, refusal = self._parse_cells(
                row,
                values,
                {
                    "purpose": lambda v: legacy.parse_choice(v, purposes, required=True),
                    "due_date": lambda v: legacy.parse_date(v, required=True),
                },
            )
            if refusal:
                outcomes.append(refusal)
                continue
            purpose = parsed["purpose"]
            if purpose not in plans:
                plan = Plan._for_purpose(purpose, self.company_id)
                plans[purpose] = plan.id if plan.step_ids else False
            if not plans[purpose]:
                outcomes.append(
                    self._refuse(
                        row,
                        "purpose",
                        values.get("purpose"),
                        _("No active follow-up plan with steps is used for this purpose: set one up first."),
                    )
                )
                continue
            user_id = False
            if values.get("user_login"):
                user_id = users.get(values["user_login"])
                if not user_id:
                    outcomes.append(self._refuse(row, "user_login", values["user_login"], _("No user has this login.")))
                    continue
            key = f"legacy:{partner.id}:{vehicle.id if vehicle else 0}:{purpose}:{parsed['due_date']}"
            if key in taken or key in seen:
                outcomes.append({"row": row, "action": "unchanged"})
                continue
            seen.add(key)
            outcomes.append(
                {
                    "row": row,
                    "action": "create",
                    "plan_id": plans[purpose],
                    "subject": {
                        "partner_id": partner.id,
                        "vehicle_id": vehicle.id if vehicle else False,
                        "user_id": user_id or (vehicle and vehicle.user_id.id) or partner.user_id.id or False,
                        "due_date": parsed["due_date"],
                        "trigger_key": key,
                        "script": values.get("note") or False,
                    },
                }
            )
        return outcomes

    def _legacy_apply_followup(self, outcomes, run):
        """Through the follow-up engine: one ``_schedule`` per plan, its first step due on the legacy due date."""
        Followup = self.env["auto.followup"].sudo()  # sudo: follow-ups of every department, by the general manager
        by_plan = defaultdict(list)
        for outcome in outcomes:
            if outcome["action"] == "create":
                by_plan[outcome["plan_id"]].append(outcome["subject"])
        created = Followup.browse()
        for plan_id, subjects in by_plan.items():
            plan = self.env["auto.followup.plan"].sudo().browse(plan_id)
            step = plan.step_ids[:1]
            for subject in subjects:
                # the step is dated trigger date + its offset: the follow-up falls on the legacy due date
                subject["trigger_date"] = subject.pop("due_date") - timedelta(days=step.offset_days)
            created |= Followup.with_company(self.company_id)._schedule(plan, subjects, steps=step)
        # those already due are opened now (an activity for their user), as the daily cron would
        created._open_now_if_due()


_MISSING = object()
# cells parsed once per run and kept (see _parse_cells)
CELL_CACHE_SIZE = 20000


def _static_files(addon, stem):
    """The downloadable template (XLSX, CSV) and sample legacy file of a template, shipped in
    ``<addon>/static/legacy_import/``."""
    base = f"/{addon}/static/legacy_import/{stem}"
    return (f"{base}_template.xlsx", f"{base}_template.csv", f"{base}_sample.csv")


def _name_key(name):
    return "".join(legacy.clean(name).lower().split())


def _same_name(left, right):
    return _name_key(left) == _name_key(right)


def _differs(current, value):
    if isinstance(current, models.BaseModel):
        return current.id != value
    return current != value


class AutoLegacyImportLine(models.Model):
    """A row of a legacy file that was refused, and why: the consultant corrects it and imports it again."""

    _name = "auto.legacy.import.line"
    _description = "Refused Legacy Row"
    _order = "import_id, row_number, id"

    import_id = fields.Many2one("auto.legacy.import", required=True, ondelete="cascade", index=True)
    row_number = fields.Integer("Row", required=True)
    column = fields.Char(required=True)
    value = fields.Char()
    reason = fields.Char(required=True)
