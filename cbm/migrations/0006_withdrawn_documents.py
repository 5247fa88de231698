"""Documents can be withdrawn from the public site, with a reason (kept in their history).

SQLite adds a column by rebuilding the table, which the span triggers (0002) refer to: they are
dropped first and made again after."""

from importlib import import_module

from django.db import migrations, models

triggers = import_module("cbm.migrations.0002_span_triggers")
WITHDRAWN = models.BooleanField(
    default=False,
    help_text="Hidden from the public site, API, feeds and exports; kept for curators.",
    verbose_name="withdrawn",
)
REASON = models.CharField(blank=True, max_length=300, verbose_name="reason for withdrawal")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0005_passage_search_index")]

    operations = [
        migrations.RunPython(triggers.drop_triggers, triggers.create_triggers),
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
        migrations.RunPython(triggers.create_triggers, triggers.drop_triggers),
    ]
