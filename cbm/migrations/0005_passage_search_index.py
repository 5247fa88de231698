"""A GIN index for full-text search over passages, on PostgreSQL only (SQLite searches
without one). The expression is exactly what cbm.search.VECTOR generates, so the planner
can use it."""

from django.db import migrations

INDEX = "cbm_passage_text_search"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON cbm_passage "
            "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0004_history")]

    operations = [migrations.RunPython(create, drop)]
