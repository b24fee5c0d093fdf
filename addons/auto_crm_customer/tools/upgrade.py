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


def rename_fields(cr, module, model, renames, inherited_by=()):
    """Give fields their new name before the registry loads the new code, so that an upgrade keeps their
    values (the column is renamed, not dropped and created again), their translations, their tracking
    history and the selection values stored in them.

    Renames the column and its index, the field's ``ir.model.fields`` row and XML ids (the field's and its
    selection values'), the same field on the models that inherit it by delegation (``inherited_by``, e.g.
    ``res.users`` for ``res.partner``), and the field in the domains, contexts and orders of the saved filters
    on the model and its saved export lists. A pair whose new field already exists is skipped.

    :param renames: ``{old field name: new field name}``
    :return: the number of fields renamed
    """
    table = model.replace(".", "_")
    renamed = 0
    for old, new in renames.items():
        cr.execute(
            SQL(
                "SELECT 1 FROM ir_model_fields WHERE model = %(model)s AND name = %(new)s",
                model=model,
                new=new,
            )
        )
        if cr.fetchone():
            continue
        cr.execute(
            SQL(
                """
                SELECT 1 FROM information_schema.columns
                 WHERE table_name = %(table)s AND column_name = %(old)s
                """,
                table=table,
                old=old,
            )
        )
        if cr.fetchone():
            cr.execute(
                SQL(
                    "ALTER TABLE %s RENAME COLUMN %s TO %s",
                    SQL.identifier(table),
                    SQL.identifier(old),
                    SQL.identifier(new),
                )
            )
            cr.execute(
                SQL(
                    "ALTER INDEX IF EXISTS %s RENAME TO %s",
                    SQL.identifier(f"{table}__{old}_index"),
                    SQL.identifier(f"{table}__{new}_index"),
                )
            )
        for owner in (model, *inherited_by):
            prefix = owner.replace(".", "_")
            cr.execute(
                SQL(
                    "UPDATE ir_model_fields SET name = %(new)s WHERE model = %(owner)s AND name = %(old)s",
                    new=new,
                    owner=owner,
                    old=old,
                )
            )
            cr.execute(
                SQL(
                    """
                    UPDATE ir_model_data SET name = %(new_name)s
                     WHERE module = %(module)s AND model = 'ir.model.fields' AND name = %(old_name)s
                    """,
                    new_name=f"field_{prefix}__{new}",
                    old_name=f"field_{prefix}__{old}",
                    module=module,
                )
            )
            cr.execute(
                SQL(
                    """
                    UPDATE ir_model_data
                       SET name = %(new_prefix)s || substr(name, length(%(old_prefix)s) + 1)
                     WHERE module = %(module)s AND model = 'ir.model.fields.selection'
                       AND starts_with(name, %(old_prefix)s)
                    """,
                    new_prefix=f"selection__{prefix}__{new}__",
                    old_prefix=f"selection__{prefix}__{old}__",
                    module=module,
                )
            )
            # saved export lists: the field alone or at the head of a path (vehicle_id/vin)
            cr.execute(
                SQL(
                    """
                    UPDATE ir_exports_line line
                       SET name = %(new)s || substr(line.name, length(%(old)s) + 1)
                      FROM ir_exports export
                     WHERE export.id = line.export_id AND export.resource = %(owner)s
                       AND (line.name = %(old)s OR starts_with(line.name, %(old)s || '/'))
                    """,
                    new=new,
                    old=old,
                    owner=owner,
                )
            )
            # saved filters: the field quoted alone or at the head of a path ('vehicle_id.vin')
            for column in ("domain", "context", "sort"):
                cr.execute(
                    SQL(
                        """
                        UPDATE ir_filters
                           SET %(column)s = regexp_replace(%(column)s, %(pattern)s, %(replacement)s, 'g')
                         WHERE model_id = %(owner)s AND %(column)s ~ %(pattern)s
                        """,
                        column=SQL.identifier(column),
                        pattern=f"(['\"]){old}(['\".: ])",
                        replacement=f"\\1{new}\\2",
                        owner=owner,
                    )
                )
        renamed += 1
    return renamed


def move_xmlids(cr, old_module, new_module, names):
    """Give XML ids of ``old_module`` to ``new_module`` (same name) before the data files load, when a record
    moves to a lower addon: the upgrade then updates the same record instead of creating a second one.

    :param names: the XML ids' names, without the module prefix; a name ``new_module`` already has is skipped
    :return: the number of XML ids moved
    """
    cr.execute(
        SQL(
            """
            UPDATE ir_model_data old SET module = %(new)s
             WHERE old.module = %(old)s AND old.name IN %(names)s
               AND NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = %(new)s AND name = old.name)
            """,
            old=old_module,
            new=new_module,
            names=tuple(names),
        )
    )
    return cr.rowcount
