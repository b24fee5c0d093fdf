"""Upgrade helpers shared by the addons' migration scripts."""

from odoo.tools import SQL


def rename_xmlids(cr, module, renames):
    """Give records of ``module`` their new XML id before the data files load, so that the upgrade updates the
    same record (a view keeps the views inheriting it, a group keeps its users) instead of creating a new one
    and deleting the old.

    :param renames: ``{old name: new name}`` without the module prefix; a pair whose new name exists is skipped
    :return: the number of XML ids renamed
    """
    renamed = 0
    for old, new in renames.items():
        cr.execute(
            SQL(
                """
                UPDATE ir_model_data SET name = %(new)s
                 WHERE module = %(module)s AND name = %(old)s
                   AND NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = %(module)s AND name = %(new)s)
                """,
                new=new,
                old=old,
                module=module,
            )
        )
        renamed += cr.rowcount
    return renamed
