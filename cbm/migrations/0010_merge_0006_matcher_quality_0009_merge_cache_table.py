"""Merge: the ranker's confidence reaches positions too (they share the link fields)."""

from django.db import migrations, models


def confidence_field():
    return models.FloatField(
        blank=True,
        help_text="How likely the ranker thinks the suggestion is right (0–1).",
        null=True,
        verbose_name="confidence",
    )


class Migration(migrations.Migration):
    dependencies = [("cbm", "0006_matcher_quality"), ("cbm", "0009_merge_cache_table")]

    operations = [
        # Nullable columns: SQLite adds them in place, so the span triggers stay.
        migrations.AddField(model_name="position", name="confidence", field=confidence_field()),
        migrations.AddField(
            model_name="historicalposition", name="confidence", field=confidence_field()
        ),
    ]
