"""A cue list's reach: how far from a match one of its cues may occur (its sentence, unless a
curator widens it). Cue lists carry no span triggers, so SQLite's table rebuild is harmless."""

from django.db import migrations, models

REACHES = ["sentence", "neighbours", "paragraph"]


def reach_field():
    return models.CharField(
        choices=[
            ("sentence", "the same sentence"),
            ("neighbours", "the same or a neighbouring sentence"),
            ("paragraph", "the same paragraph"),
        ],
        default="sentence",
        help_text=(
            "Where a cue must occur for a term that needs this list to match: in the term's "
            "sentence; also in the sentence just before or after it (in the same paragraph); or "
            "anywhere in its paragraph. Wider finds more (a report that names the treaty in one "
            "sentence and the inspection in the next) and risks more false suggestions."
        ),
        max_length=16,
        verbose_name="reach",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0014_merge_20261126_0541"),
    ]

    operations = [
        migrations.AddField(model_name="cuelist", name="reach", field=reach_field()),
        migrations.AddField(model_name="historicalcuelist", name="reach", field=reach_field()),
        migrations.AddConstraint(
            model_name="cuelist",
            constraint=models.CheckConstraint(
                condition=models.Q(reach__in=REACHES),
                name="cue_list_reach_valid",
                violation_error_message="Reach must be one of the listed reaches.",
            ),
        ),
    ]
