"""PostgreSQL: a passage's stored search vector stays in its row; the text goes out first.

Search ranks every hit with ts_rank over the stored vector (cbm/search.py). A row longer than
~2 kB is made to fit its page by TOAST, which took the larger of its two long columns first:
most often the vector, which does not compress by a quarter, so it was moved out of line, and
ranking such a hit read it back through the TOAST table's index and heap. At a million
passages, 1,251 of the 13,634 hits of "advance notice" were such rows: 5,481 more buffers read
than the hits' own pages (EXPLAIN (ANALYZE, BUFFERS), bench/reference/search-scale-2026-11-26.md).

STORAGE MAIN keeps the vector in the row, and TOAST compresses (or moves) the text instead,
which only the 20 headlines of a page read. Only how the values are stored changes: the same
vectors, the same hits, ranks and order. The rows already written long are rewritten once
(an update of their language to itself recomputes the generated vector and fires none of the
passage triggers); a row short enough never had either value moved. SQLite has no vector:
nothing to do there.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE cbm_passage ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE cbm_passage SET language = language
    WHERE pg_column_size(text) + pg_column_size(search_vector) > 1800;
"""
BACKWARD = "ALTER TABLE cbm_passage ALTER COLUMN search_vector SET STORAGE EXTENDED;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0018_merge_20261126_1308")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
