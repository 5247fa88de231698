"""Merge: the scale work (linear passage check, stored search vector) beside the rest."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0006_scale"),
        ("cbm", "0010_merge_0006_matcher_quality_0009_merge_cache_table"),
    ]

    operations = []
