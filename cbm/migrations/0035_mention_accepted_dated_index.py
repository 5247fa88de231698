"""The API's list of mentions reads newest first with undated ones last on every database
(cbm.models.texts.newest_first). PostgreSQL's plain DESC index puts NULLs first, so that
order needs its own (mention_accepted_newest_idx stays for the pages' order). SQLite has
no NULLS LAST in an index, and sorts NULLs last going down anyway."""

from django.db import migrations

INDEX = "mention_accepted_dated_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON cbm_mention "
            "(published_on DESC NULLS LAST, measure_type_id, passage_id) "
            "WHERE status = 'accepted'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0034_pos_intent_words")]

    operations = [migrations.RunPython(create, drop)]
