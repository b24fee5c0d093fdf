"""Helpers of the legacy import (数据迁移) tests of every addon: a job as the general manager, an import
interrupted by a failing batch."""

import base64
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tools import mute_logger


def legacy_job(env, user, template, text, filename="legacy.csv", batch_size=1000):
    """An ``auto.legacy.import`` of ``text`` (a CSV, written with a BOM as Excel does) created by ``user`` in
    zh_CN."""
    return (
        env["auto.legacy.import"]
        .with_user(user)
        .with_context(lang="zh_CN")
        .create(
            {
                "template": template,
                "file": base64.b64encode(text.encode("utf-8-sig")),
                "filename": filename,
                "batch_size": batch_size,
            }
        )
    )


def import_interrupted_at_second_batch(case, job):
    """Import ``job`` with its second batch failing as a restarted server would; return the message the
    general manager gets. Not inside assertRaises: that would roll back what the import committed."""
    apply_name = f"_legacy_apply_{job.template}"
    original = getattr(type(job), apply_name)
    calls = []

    def failing(self, outcomes, run):
        calls.append(len(outcomes))
        if len(calls) == 2:
            raise RuntimeError("server restarted")
        return original(self, outcomes, run)

    with (
        patch.object(type(job), apply_name, failing),
        mute_logger("odoo.addons.auto_crm_customer.models.auto_legacy_import"),
    ):
        try:
            job.action_import()
        except UserError as error:
            return str(error)
    case.fail("the interrupted import should say so")
    return ""
