"""Upgrade helper: a follow-up's subject moves from a column per addon to the generic reference."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists


def move_subject_columns(cr, columns):
    """Copy each former subject column of ``auto_followup`` into ``res_model``/``res_id``, then drop it.

    :param columns: ``[(column, model name), ...]``, the most precise subject first (an instalment before its
        contract): a follow-up that had several keeps the first one set.
    :return: the number of follow-ups given a subject
    """
    moved = 0
    for column, model in columns:
        if not column_exists(cr, "auto_followup", column):
            continue
        cr.execute(
            SQL(
                "UPDATE auto_followup SET res_model = %s, res_id = %s WHERE %s IS NOT NULL AND res_id IS NULL",
                model,
                SQL.identifier(column),
                SQL.identifier(column),
            )
        )
        moved += cr.rowcount
        cr.execute(SQL("ALTER TABLE auto_followup DROP COLUMN %s", SQL.identifier(column)))
    return moved
