"""The dated record: participations (the through model of Instrument.parties, so existing
parties become participations without dates), status changes, regions, and quotations on
thresholds and provisions. "Verified" now requires a quotation: a threshold marked verified
without one is unmarked before the constraint is added."""

import django.db.models.deletion
from django.db import migrations, models


def parties_to_participations(apps, schema_editor):
    Instrument = apps.get_model("cbm", "Instrument")
    Participation = apps.get_model("cbm", "Participation")
    rows = [
        Participation(instrument_id=link.instrument_id, actor_id=link.actor_id, role="party")
        for link in Instrument.parties.through.objects.all()
    ]
    Participation.objects.bulk_create(rows)


def participations_to_parties(apps, schema_editor):
    Instrument = apps.get_model("cbm", "Instrument")
    Participation = apps.get_model("cbm", "Participation")
    Instrument.parties.through.objects.bulk_create(
        Instrument.parties.through(instrument_id=p.instrument_id, actor_id=p.actor_id)
        for p in Participation.objects.all()
    )


def unverify_unquoted(apps, schema_editor):
    apps.get_model("cbm", "Threshold").objects.filter(verified=True, quotation="").update(
        verified=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0005_passage_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="InstrumentStatusChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("signed", "signed or adopted"),
                            ("in_force", "entered into force"),
                            ("suspended", "suspended"),
                            ("withdrawn", "a party withdrew"),
                            ("terminated", "terminated"),
                            ("expired", "expired"),
                            ("superseded", "superseded"),
                        ],
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("source_note", models.TextField(blank=True, verbose_name="source")),
                (
                    "source_url",
                    models.URLField(blank=True, max_length=500, verbose_name="source URL"),
                ),
            ],
            options={
                "verbose_name": "status change",
                "ordering": ["instrument", "date", "id"],
            },
        ),
        migrations.CreateModel(
            name="Participation",
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
                            ("party", "party"),
                            ("signatory", "signatory (not bound)"),
                            ("participating_state", "participating State"),
                        ],
                        default="party",
                        max_length=24,
                        verbose_name="role",
                    ),
                ),
                (
                    "signed_on",
                    models.DateField(blank=True, null=True, verbose_name="signed or adopted on"),
                ),
                (
                    "joined_on",
                    models.DateField(
                        blank=True,
                        help_text="Ratification, accession or acceptance: when it became bound.",
                        null=True,
                        verbose_name="ratified or joined on",
                    ),
                ),
                (
                    "succeeded_on",
                    models.DateField(blank=True, null=True, verbose_name="succeeded on"),
                ),
                (
                    "suspended_on",
                    models.DateField(blank=True, null=True, verbose_name="suspended on"),
                ),
                (
                    "withdrew_on",
                    models.DateField(blank=True, null=True, verbose_name="withdrew on"),
                ),
                (
                    "source_note",
                    models.TextField(
                        blank=True,
                        help_text="Where each date was read; why one is missing.",
                        verbose_name="source",
                    ),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, max_length=500, verbose_name="source URL"),
                ),
            ],
            options={
                "verbose_name": "participation",
                "ordering": ["instrument", "actor__name"],
            },
        ),
        migrations.AddField(
            model_name="historicalinstrument",
            name="region",
            field=models.CharField(
                choices=[
                    ("euro_atlantic", "Europe and North America"),
                    ("south_asia", "South Asia"),
                    ("east_asia", "East Asia and the Pacific"),
                ],
                db_index=True,
                default="euro_atlantic",
                help_text="Where its measures apply.",
                max_length=20,
                verbose_name="region",
            ),
        ),
        migrations.AddField(
            model_name="historicalprovision",
            name="quotation",
            field=models.TextField(
                blank=True,
                help_text="The exact words of the text that bear the label.",
                verbose_name="quotation",
            ),
        ),
        migrations.AddField(
            model_name="historicalprovision",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="quoted from"),
        ),
        migrations.AddField(
            model_name="historicalprovision",
            name="verified",
            field=models.BooleanField(
                default=False,
                help_text="Label and title checked against the text; needs the quotation.",
                verbose_name="verified",
            ),
        ),
        migrations.AddField(
            model_name="historicalthreshold",
            name="quotation",
            field=models.TextField(
                blank=True,
                help_text="The exact words that set the figure.",
                verbose_name="quotation",
            ),
        ),
        migrations.AddField(
            model_name="historicalthreshold",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="quoted from"),
        ),
        migrations.AddField(
            model_name="instrument",
            name="region",
            field=models.CharField(
                choices=[
                    ("euro_atlantic", "Europe and North America"),
                    ("south_asia", "South Asia"),
                    ("east_asia", "East Asia and the Pacific"),
                ],
                db_index=True,
                default="euro_atlantic",
                help_text="Where its measures apply.",
                max_length=20,
                verbose_name="region",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="quotation",
            field=models.TextField(
                blank=True,
                help_text="The exact words of the text that bear the label.",
                verbose_name="quotation",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="quoted from"),
        ),
        migrations.AddField(
            model_name="provision",
            name="verified",
            field=models.BooleanField(
                default=False,
                help_text="Label and title checked against the text; needs the quotation.",
                verbose_name="verified",
            ),
        ),
        migrations.AddField(
            model_name="threshold",
            name="quotation",
            field=models.TextField(
                blank=True,
                help_text="The exact words that set the figure.",
                verbose_name="quotation",
            ),
        ),
        migrations.AddField(
            model_name="threshold",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="quoted from"),
        ),
        migrations.AlterField(
            model_name="historicalthreshold",
            name="verified",
            field=models.BooleanField(
                default=False,
                help_text="Checked against the primary text; needs the quotation.",
                verbose_name="verified",
            ),
        ),
        migrations.AlterField(
            model_name="threshold",
            name="verified",
            field=models.BooleanField(
                default=False,
                help_text="Checked against the primary text; needs the quotation.",
                verbose_name="verified",
            ),
        ),
        migrations.AddConstraint(
            model_name="provision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verified", False), models.Q(("quotation", ""), _negated=True), _connector="OR"
                ),
                name="provision_verified_quoted",
            ),
        ),
        migrations.RunPython(unverify_unquoted, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="threshold",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verified", False), models.Q(("quotation", ""), _negated=True), _connector="OR"
                ),
                name="threshold_verified_quoted",
            ),
        ),
        migrations.AddField(
            model_name="instrumentstatuschange",
            name="instrument",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="status_changes",
                to="cbm.instrument",
                verbose_name="instrument",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="actor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participations",
                to="cbm.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="instrument",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="participations",
                to="cbm.instrument",
                verbose_name="instrument",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="succeeded_from",
            field=models.ForeignKey(
                blank=True,
                help_text="The state it succeeded in this instrument (the Soviet Union …).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="successions",
                to="cbm.actor",
                verbose_name="successor to",
            ),
        ),
        migrations.RunPython(parties_to_participations, participations_to_parties),
        migrations.RemoveField(model_name="instrument", name="parties"),
        migrations.AddField(
            model_name="instrument",
            name="parties",
            field=models.ManyToManyField(
                blank=True,
                related_name="instruments",
                through="cbm.Participation",
                through_fields=("instrument", "actor"),
                to="cbm.actor",
                verbose_name="parties",
            ),
        ),
        migrations.AddConstraint(
            model_name="instrument",
            constraint=models.CheckConstraint(
                condition=models.Q(("region__in", ["euro_atlantic", "south_asia", "east_asia"])),
                name="instrument_region_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="instrumentstatuschange",
            constraint=models.UniqueConstraint(
                fields=("instrument", "status", "date"), name="statuschange_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="instrumentstatuschange",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "signed",
                            "in_force",
                            "suspended",
                            "withdrawn",
                            "terminated",
                            "expired",
                            "superseded",
                        ],
                    )
                ),
                name="statuschange_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                fields=("instrument", "actor"), name="participation_unique_actor"
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["party", "signatory", "participating_state"])),
                name="participation_role_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(("succeeded_from", models.F("actor")), _negated=True),
                name="participation_not_own_successor",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrew_on", None),
                    ("signed_on", None),
                    ("withdrew_on__gte", models.F("signed_on")),
                    _connector="OR",
                ),
                name="participation_withdrew_after_signing",
            ),
        ),
    ]
