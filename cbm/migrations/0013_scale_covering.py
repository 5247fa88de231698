"""A page of passages in reading order (the API's default) read from an index alone: the
ids ride along with (document, ordinal) on PostgreSQL. CREATE INDEX only: no table is
rebuilt, the span triggers are untouched."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0013_scale_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="passage",
            index=models.Index(
                fields=["document", "ordinal"], include=("id",), name="passage_order_covering_idx"
            ),
        ),
    ]
