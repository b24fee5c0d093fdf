"""Bulk writes of plain rows with PostgreSQL's COPY: the legacy import's history lines and value records.

Only for tables of plain records (no compute stored on them, no create override) whose values the caller has
checked: the ORM is not involved, so the caller flushes what the rows depend on before, invalidates the model's
cache after, and marks what depends on the new rows as modified (``records.modified([...])``).
"""

import io

from psycopg2 import sql as pgsql

from odoo.tools import SQL

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value):
    """One value in COPY's text format (None and False are NULL)."""
    if isinstance(value, str):
        # most texts have nothing to escape: four scans cost half what a translation does
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_ESCAPES)
        return value
    if value is None or value is False:
        return "\\N"
    if value is True:
        return "t"
    return str(value)  # numbers, dates and datetimes have no character to escape


def copy_rows(env, table, columns, rows, constants=None):
    """Insert ``rows`` (tuples of values in the order of ``columns``) into ``table`` with one COPY.

    The ids are taken from the table's sequence first (one query), so that they are known in the order of the
    rows, as an ``INSERT ... RETURNING id`` would give them. Every row gets the columns of ``constants``
    (``{column: value}``, written once for all rows) and, as the ORM would, the environment's user and the
    transaction's time as its creator and last writer.

    :return: the new ids, in the order of ``rows``
    """
    if not rows:
        return []
    cr = env.cr
    # the sequence looked up once (OFFSET 0 keeps the planner from folding the sub-select into the select list,
    # where pg_get_serial_sequence() would run for every id: 7 times slower)
    cr.execute(
        SQL(
            """
            SELECT nextval(sequence.name)
              FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS name OFFSET 0) AS sequence,
                   generate_series(1, %s)
            """,
            table,
            len(rows),
        )
    )
    ids = [row_id for (row_id,) in cr.fetchall()]
    now = cr.now()
    constants = dict(constants or {}, create_uid=env.uid, write_uid=env.uid, create_date=now, write_date=now)
    # the same text ends every line: formatted once (a million-line import writes it a million times)
    suffix = "".join(f"\t{_copy_text(value)}" for value in constants.values()) + "\n"
    buffer = io.StringIO()
    buffer.writelines(
        "\t".join([str(row_id), *map(_copy_text, row)]) + suffix for row_id, row in zip(ids, rows, strict=True)
    )
    buffer.seek(0)
    statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
        pgsql.Identifier(table),
        pgsql.SQL(", ").join(pgsql.Identifier(column) for column in ("id", *columns, *constants)),
    )
    cr.copy_expert(statement, buffer)
    return ids
