"""The value records' source model lost its own index: the unique key (source model, source record, type) begins
with it and serves every search by source model, and a second index only slowed down every insert (the legacy
import writes hundreds of thousands). Odoo keeps an index it no longer expects, so the upgrade drops it."""

from odoo.tools import SQL


def migrate(cr, version):
    if version:
        cr.execute(SQL("DROP INDEX IF EXISTS auto_customer_value__res_model_index"))
