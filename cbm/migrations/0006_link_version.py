"""A version on every link, moved on by each curator's write (optimistic concurrency)."""

from importlib import import_module

from django.db import migrations, models

span_triggers = import_module("cbm.migrations.0002_span_triggers")


def reinstall_sqlite_triggers(apps, schema_editor):
    # SQLite adds these columns by rebuilding the tables, which drops their triggers.
    if schema_editor.connection.vendor == "sqlite":
        span_triggers.drop_triggers(apps, schema_editor)
        span_triggers.create_triggers(apps, schema_editor)


def version_field():
    return models.PositiveIntegerField(default=1, editable=False, verbose_name="version")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0005_passage_search_index")]

    operations = [
        migrations.AddField(model_name="mention", name="version", field=version_field()),
        migrations.AddField(model_name="citation", name="version", field=version_field()),
        migrations.AddField(model_name="historicalmention", name="version", field=version_field()),
        migrations.AddField(model_name="historicalcitation", name="version", field=version_field()),
        migrations.RunPython(reinstall_sqlite_triggers, reinstall_sqlite_triggers, elidable=False),
    ]
