"""Position words: the negations, object and frame markers, agents, pronouns and passive
auxiliaries the position finder combines by, curated per language (were Python constants); the
Curators group may view, add and change them as it does stance cues. New tables only: no span
trigger table is touched.

It also grants the Curators group its rights on positions and stance cues again: 0006_positions
granted them, but 0006_matcher_quality, applied after it, re-created the group's rights with
0003's list (permissions.set), which dropped them, so curators could not review positions."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from cbm.migrations import _curators as curators

CURATOR_RIGHTS = [
    *(f"{right}_positionword" for right in ("view", "add", "change")),
    *(f"{right}_position" for right in ("view", "add", "change", "delete")),
    *(f"{right}_stancecue" for right in ("view", "add", "change")),
]


def grant_curators(apps, schema_editor):
    curators.grant(apps, CURATOR_RIGHTS)


def revoke_curators(apps, schema_editor):
    # Only the new model's rights: those on positions and cues were meant to be there before.
    curators.revoke(apps, CURATOR_RIGHTS[:3])


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0012_merge_withdrawn_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPositionWord",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("negations", "negation (turns the cue after it)"),
                            ("objects", "object marker (the actor after it does not act)"),
                            (
                                "frames",
                                "frame marker (the instrument after it is a frame, not a target)",
                            ),
                            ("agents", "agent marker (the actor after it, after the cue, acts)"),
                            ("pronouns", "pronoun (stands for the sentence's subject)"),
                            (
                                "passives",
                                "passive auxiliary (the actor before the cue is its object)",
                            ),
                            (
                                "participles",
                                "participle ending (of a cue a passive auxiliary governs)",
                            ),
                        ],
                        max_length=12,
                        verbose_name="role",
                    ),
                ),
                (
                    "word",
                    models.CharField(
                        help_text="One word, lower case.", max_length=40, verbose_name="word"
                    ),
                ),
                ("language", models.CharField(default="en", max_length=8, verbose_name="language")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical position word",
                "verbose_name_plural": "historical position words",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PositionWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("negations", "negation (turns the cue after it)"),
                            ("objects", "object marker (the actor after it does not act)"),
                            (
                                "frames",
                                "frame marker (the instrument after it is a frame, not a target)",
                            ),
                            ("agents", "agent marker (the actor after it, after the cue, acts)"),
                            ("pronouns", "pronoun (stands for the sentence's subject)"),
                            (
                                "passives",
                                "passive auxiliary (the actor before the cue is its object)",
                            ),
                            (
                                "participles",
                                "participle ending (of a cue a passive auxiliary governs)",
                            ),
                        ],
                        max_length=12,
                        verbose_name="role",
                    ),
                ),
                (
                    "word",
                    models.CharField(
                        help_text="One word, lower case.", max_length=40, verbose_name="word"
                    ),
                ),
                ("language", models.CharField(default="en", max_length=8, verbose_name="language")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("note", models.TextField(blank=True, verbose_name="note")),
            ],
            options={
                "verbose_name": "position word",
                "ordering": ["language", "role", "word"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "role__in",
                                [
                                    "negations",
                                    "objects",
                                    "frames",
                                    "agents",
                                    "pronouns",
                                    "passives",
                                    "participles",
                                ],
                            )
                        ),
                        name="positionword_role_valid",
                        violation_error_message="A position word's role is one of: negations, objects, frames, agents, pronouns, passives, participles.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("word", ""), _negated=True),
                        name="positionword_word_not_empty",
                        violation_error_message="A position word needs its word (it cannot be empty).",
                    ),
                    models.UniqueConstraint(
                        fields=("language", "role", "word"),
                        name="positionword_unique",
                        violation_error_message="This language already has this word in this role.",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_curators, revoke_curators),
    ]
