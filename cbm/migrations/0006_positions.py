"""Positions (actor, stance, target in a passage's span) and the stance cues that suggest
them; terms may name an actor. The span triggers of 0002 for the new table, on both databases,
and the Curators group's rights on positions (view, add, change, delete) and cues."""

import importlib

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from cbm.migrations import _curators as curators

span_triggers = importlib.import_module("cbm.migrations.0002_span_triggers")
TABLE = "cbm_position"
COLUMNS = 'passage_id, "start", "end", quote'


def create_triggers(apps, schema_editor):
    """The same rule as mentions: the span lies inside the passage and the quote is that slice
    (the PostgreSQL function cbm_check_span comes from 0002)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            span_triggers.POSTGRES_TRIGGER.format(
                table=TABLE, columns=COLUMNS, function="cbm_check_span"
            )
        )
    elif vendor == "sqlite":
        for event, event_sql in [("insert", "INSERT"), ("update", f"UPDATE OF {COLUMNS}")]:
            schema_editor.execute(
                span_triggers.SQLITE_TRIGGER.format(
                    table=TABLE,
                    event=event,
                    event_sql=event_sql,
                    parent="cbm_passage",
                    fk="passage_id",
                    parent_text="text",
                    own_text="quote",
                    message=span_triggers.SPAN_MESSAGE,
                )
            )
    else:
        raise RuntimeError(
            f"The span triggers are written for PostgreSQL and SQLite, not {vendor}."
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_check ON {TABLE}")
    else:
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_check_{event}")


CURATOR_RIGHTS = [
    *(f"{right}_position" for right in ("view", "add", "change", "delete")),
    *(f"{right}_stancecue" for right in ("view", "add", "change")),
]


def grant_curators(apps, schema_editor):
    curators.grant(apps, CURATOR_RIGHTS)


def revoke_curators(apps, schema_editor):
    curators.revoke(apps, CURATOR_RIGHTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0005_passage_search_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPosition",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="Offset in the passage.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Offset in the passage.", verbose_name="end"
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words: passage.text[start:end].", verbose_name="quote"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested by the matcher"),
                            ("curator", "added by a curator"),
                        ],
                        default="suggested",
                        max_length=12,
                        verbose_name="origin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("accepted", "accepted"),
                            ("rejected", "rejected"),
                        ],
                        default="pending",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated at"),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        max_length=12,
                        verbose_name="stance",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical position",
                "verbose_name_plural": "historical positions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStanceCue",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        max_length=12,
                        verbose_name="stance",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("phrase", "phrase"), ("proximity", "proximity")],
                        default="phrase",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "text",
                    models.CharField(
                        help_text="The term notation: case-insensitive whole words, word* for endings, a/b for either word, [word] optional. proximity: the first word group, alternatives separated by ;",
                        max_length=300,
                        verbose_name="text",
                    ),
                ),
                ("near", models.CharField(blank=True, max_length=300, verbose_name="near")),
                ("window", models.PositiveSmallIntegerField(default=4, verbose_name="window")),
                (
                    "negated_stance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        help_text="What a negation just before the cue turns it into (not ready to discuss → rejects); empty: a negated cue signals nothing.",
                        max_length=12,
                        verbose_name="stance when negated",
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
            ],
            options={
                "verbose_name": "historical stance cue",
                "verbose_name_plural": "historical stance cues",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Position",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="Offset in the passage.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Offset in the passage.", verbose_name="end"
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words: passage.text[start:end].", verbose_name="quote"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested by the matcher"),
                            ("curator", "added by a curator"),
                        ],
                        default="suggested",
                        max_length=12,
                        verbose_name="origin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("accepted", "accepted"),
                            ("rejected", "rejected"),
                        ],
                        default="pending",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        max_length=12,
                        verbose_name="stance",
                    ),
                ),
            ],
            options={
                "verbose_name": "position",
                "ordering": ["passage", "start", "end"],
            },
        ),
        migrations.CreateModel(
            name="StanceCue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        max_length=12,
                        verbose_name="stance",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("phrase", "phrase"), ("proximity", "proximity")],
                        default="phrase",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "text",
                    models.CharField(
                        help_text="The term notation: case-insensitive whole words, word* for endings, a/b for either word, [word] optional. proximity: the first word group, alternatives separated by ;",
                        max_length=300,
                        verbose_name="text",
                    ),
                ),
                ("near", models.CharField(blank=True, max_length=300, verbose_name="near")),
                ("window", models.PositiveSmallIntegerField(default=4, verbose_name="window")),
                (
                    "negated_stance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("proposes", "proposes"),
                            ("demands", "demands"),
                            ("accepts", "accepts"),
                            ("rejects", "rejects"),
                            ("denies", "denies"),
                            ("accuses", "accuses"),
                            ("implements", "implements"),
                            ("suspends", "suspends"),
                        ],
                        help_text="What a negation just before the cue turns it into (not ready to discuss → rejects); empty: a negated cue signals nothing.",
                        max_length=12,
                        verbose_name="stance when negated",
                    ),
                ),
                ("language", models.CharField(default="en", max_length=8, verbose_name="language")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("note", models.TextField(blank=True, verbose_name="note")),
            ],
            options={
                "verbose_name": "stance cue",
                "ordering": ["stance", "text"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="term",
            name="term_exactly_one_target",
        ),
        migrations.AddField(
            model_name="historicalterm",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="For the position suggester: words that name this actor (the Kremlin …).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AddField(
            model_name="term",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="For the position suggester: words that name this actor (the Kremlin …).",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="terms",
                to="cbm.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AddConstraint(
            model_name="term",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("actor__isnull", True),
                        ("instrument__isnull", True),
                        ("measure_type__isnull", False),
                    ),
                    models.Q(
                        ("actor__isnull", True),
                        ("instrument__isnull", False),
                        ("measure_type__isnull", True),
                    ),
                    models.Q(
                        ("actor__isnull", False),
                        ("instrument__isnull", True),
                        ("measure_type__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="term_exactly_one_target",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="instrument",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.instrument",
                verbose_name="instrument",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="measure_type",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.measuretype",
                verbose_name="measure type",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="passage",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.passage",
                verbose_name="passage",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="reviewed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="term",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.term",
                verbose_name="term that fired",
            ),
        ),
        migrations.AddField(
            model_name="historicalstancecue",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="actor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="cbm.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="instrument",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="cbm.instrument",
                verbose_name="instrument",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="measure_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="cbm.measuretype",
                verbose_name="measure type",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="passage",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                to="cbm.passage",
                verbose_name="passage",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="reviewed by",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="term",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="cbm.term",
                verbose_name="term that fired",
            ),
        ),
        migrations.AddConstraint(
            model_name="stancecue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "stance__in",
                        [
                            "proposes",
                            "demands",
                            "accepts",
                            "rejects",
                            "denies",
                            "accuses",
                            "implements",
                            "suspends",
                        ],
                    )
                ),
                name="stancecue_stance_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="stancecue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "negated_stance__in",
                        [
                            "",
                            "proposes",
                            "demands",
                            "accepts",
                            "rejects",
                            "denies",
                            "accuses",
                            "implements",
                            "suspends",
                        ],
                    )
                ),
                name="stancecue_negated_stance_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="stancecue",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True), name="stancecue_text_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="stancecue",
            constraint=models.UniqueConstraint(
                fields=("language", "stance", "kind", "text", "near"), name="stancecue_unique"
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="cue",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="cbm.stancecue",
                verbose_name="cue that fired",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="cue",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cbm.stancecue",
                verbose_name="cue that fired",
            ),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["status", "actor"], name="position_status_actor_idx"),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["measure_type", "status"], name="position_type_status_idx"),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["instrument", "status"], name="position_instr_status_idx"),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["origin"], name="position_origin_idx"),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("end__gt", models.F("start"))),
                name="position_span_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("quote")
                        ),
                    )
                ),
                name="position_quote_fits_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "accepted", "rejected"])),
                name="position_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["suggested", "curator"])),
                name="position_origin_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "stance__in",
                        [
                            "proposes",
                            "demands",
                            "accepts",
                            "rejects",
                            "denies",
                            "accuses",
                            "implements",
                            "suspends",
                        ],
                    )
                ),
                name="position_stance_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("instrument__isnull", True), ("measure_type__isnull", False)),
                    models.Q(("instrument__isnull", False), ("measure_type__isnull", True)),
                    _connector="OR",
                ),
                name="position_exactly_one_target",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("measure_type__isnull", False)),
                fields=("passage", "actor", "stance", "measure_type"),
                name="position_unique_measure_type",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("instrument__isnull", False)),
                fields=("passage", "actor", "stance", "instrument"),
                name="position_unique_instrument",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        migrations.RunPython(grant_curators, revoke_curators),
    ]
