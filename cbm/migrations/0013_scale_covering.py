"""A page of passages in reading order (the API's default) read from an index alone: the
ids ride along with (document, ordinal). PostgreSQL only (SQLite has no INCLUDE, and its
system check would warn on every command), so not in the model's Meta. CREATE INDEX only: no
table is rebuilt, the span triggers are untouched."""

from django.db import migrations

FORWARD = """CREATE INDEX IF NOT EXISTS passage_order_covering_idx
    ON cbm_passage (document_id, ordinal) INCLUDE (id)"""
BACKWARD = "DROP INDEX IF EXISTS passage_order_covering_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0013_scale_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
