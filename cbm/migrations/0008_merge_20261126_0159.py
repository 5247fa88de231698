"""Merge: positions join the links, so they carry a version like mentions and citations."""

from importlib import import_module

from django.db import migrations, models

positions = import_module("cbm.migrations.0006_positions")


def reinstall_sqlite_triggers(apps, schema_editor):
    # SQLite adds the column by rebuilding the table, which drops its span triggers.
    if schema_editor.connection.vendor == "sqlite":
        positions.drop_triggers(apps, schema_editor)
        positions.create_triggers(apps, schema_editor)


def version_field():
    return models.PositiveIntegerField(default=1, editable=False, verbose_name="version")


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0006_positions"),
        ("cbm", "0007_merge_0006_link_version_0006_record"),
    ]

    operations = [
        migrations.AddField(model_name="position", name="version", field=version_field()),
        migrations.AddField(model_name="historicalposition", name="version", field=version_field()),
        migrations.RunPython(reinstall_sqlite_triggers, reinstall_sqlite_triggers, elidable=False),
    ]
