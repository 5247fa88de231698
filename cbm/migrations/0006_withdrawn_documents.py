"""Documents can be withdrawn from the public site, with a reason (kept in their history).

SQLite adds a column by rebuilding the table, which the span triggers (0002) refer to: they are
dropped first and made again after. PostgreSQL adds columns in place, and its triggers (changed
since by 0006_scale and shared with positions) are left alone."""

from importlib import import_module

from django.db import migrations, models

triggers = import_module("cbm.migrations.0002_span_triggers")
WITHDRAWN = models.BooleanField(
    default=False,
    help_text="Hidden from the public site, API, feeds and exports; kept for curators.",
    verbose_name="withdrawn",
)
REASON = models.CharField(blank=True, max_length=300, verbose_name="reason for withdrawal")


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        triggers.drop_triggers(apps, schema_editor)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        triggers.create_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0005_passage_search_index")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers),
        migrations.AddField(model_name="document", name="withdrawal_reason", field=REASON),
        migrations.AddField(model_name="document", name="withdrawn", field=WITHDRAWN),
        migrations.AddField(
            model_name="historicaldocument", name="withdrawal_reason", field=REASON
        ),
        migrations.AddField(model_name="historicaldocument", name="withdrawn", field=WITHDRAWN),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["withdrawn"], name="document_withdrawn_idx"),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
    ]
