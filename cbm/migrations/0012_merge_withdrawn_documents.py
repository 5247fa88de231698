"""Merge: documents can be withdrawn, beside everything else."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cbm", "0006_withdrawn_documents"), ("cbm", "0011_merge_20261126_0255")]

    operations = []
