"""Datasette plugin: a row page a reader can read (templates/row.html).

Datasette titles a row page by its id, shows foreign keys as bare ids and lays the row out as
one wide table whose last columns (the words' offsets, the link to them) are off-screen. Here a
row page of the dataset is titled by its label (a signatory's name, a letter's title), every
foreign key shows the label of the row it points at as a link, and the top of the page links
to the row's provenance statements (`provenance?row_id=`) and, through the document reader's
`reader_link`, to its words. The values are laid out one per line, each with its column's note.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode

DATABASE = "kashmir"
# The tables whose values the provenance table traces (tests/test_provenance.py): a row of these
# with no statement is said by its own words; other tables (entities, counts) are not traced there.
TRACED_TABLES = ("signatories", "letters", "claims", "comments")


async def row_page(datasette, table: str, row_id: str) -> dict | None:
    database = datasette.get_database(DATABASE)
    if await database.primary_keys(table) != ["id"]:
        return None
    row = (await database.execute(f"select * from [{table}] where id = ?", [row_id])).first()
    if row is None:
        return None
    foreign_keys = {}
    for key in await database.foreign_keys_for_table(table):
        value = row[key["column"]]
        if value is None:
            continue
        label_column = await database.label_column_for_table(key["other_table"])
        label = None
        if label_column:
            found = (
                await database.execute(f"select [{label_column}] from [{key['other_table']}] where [{key['other_column']}] = ?", [value])
            ).first()
            label = found[0] if found else None
        foreign_keys[key["column"]] = {
            "label": str(label) if label not in (None, "") else str(value),
            "value": str(value),
            "url": datasette.urls.row(DATABASE, key["other_table"], tilde_encode(str(value))),
        }
    label_column = await database.label_column_for_table(table)
    statements = (await database.execute("select count(*) from provenance where row_id = ?", [row_id])).first()[0]
    return {
        "id": row_id,
        "document_id": row["document_id"] if "document_id" in row.keys() else None,  # for `reader_link`
        "label": str(row[label_column]) if label_column and row[label_column] not in (None, "") else row_id,
        "foreign_keys": foreign_keys,
        "provenance_url": datasette.urls.table(DATABASE, "provenance") + "?row_id=" + quote(row_id, safe=""),
        "provenance_count": statements,
        "traced": table in TRACED_TABLES,
        "notes": datasette.table_metadata(DATABASE, table).get("columns", {}),
    }


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    if template != "row.html" or database != DATABASE or request is None:
        return {}

    async def inner():
        return {"row_page": await row_page(datasette, table, tilde_decode(request.url_vars.get("pks", "")))}

    return inner
