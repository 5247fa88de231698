"""Merge: the shared cache table beside the link versions, records and positions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cbm", "0006_cache_table"), ("cbm", "0008_merge_20261126_0159")]

    operations = []
