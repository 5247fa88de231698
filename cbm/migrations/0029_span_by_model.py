"""Which links the measure-type model suggested: a flag, since neither a missing term (a
deleted term leaves one) nor the origin (suggestions share its rules) tells, and the public
provenance must say truly what found a link. Existing ones are marked by the model's note.

SQLite adds the columns by rebuilding the tables, which the span, position and published-on
triggers (0002, 0006_positions, 0015) refer to: they are dropped first and made again after.
PostgreSQL adds columns in place and keeps its triggers."""

from importlib import import_module

from django.db import migrations, models

span_triggers = import_module("cbm.migrations.0002_span_triggers")
position_triggers = import_module("cbm.migrations.0006_positions")
date_triggers = import_module("cbm.migrations.0015_scalepages_published_on")


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        span_triggers.drop_triggers(apps, schema_editor)
        position_triggers.drop_triggers(apps, schema_editor)
        date_triggers.drop_triggers(apps, schema_editor)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        span_triggers.create_triggers(apps, schema_editor)
        position_triggers.create_triggers(apps, schema_editor)
        date_triggers.create_triggers(apps, schema_editor)


# What suggest.ModelProposals wrote as the note of every suggestion of the model so far.
MODEL_NOTE = "Suggested by the measure-type model, not by a term"


def mark_model_suggestions(apps, schema_editor):
    """Suggestions the model made before this field existed: no term, and the model's note
    (a curator who rewrote the note leaves the link as found by a term since deleted)."""
    Mention = apps.get_model("cbm", "Mention")
    Mention.objects.filter(
        origin="suggested", term__isnull=True, note__startswith=MODEL_NOTE
    ).update(by_model=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0028_review_queue_and_feed_indexes"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers, elidable=False),
        migrations.AddField(
            model_name="citation",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.AddField(
            model_name="historicalmention",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="by_model",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Suggested by the measure-type model, not by a term.",
                verbose_name="suggested by the measure-type model",
            ),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers, elidable=False),
        migrations.RunPython(mark_model_suggestions, migrations.RunPython.noop),
    ]
