"""Curators' public names (a new table), and a readable message for every constraint
(AlterConstraint: no SQL on either database, so no table is rebuilt and no span trigger is
touched)."""

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0012_merge_withdrawn_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CuratorProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="curator_profile",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "display_name",
                    models.CharField(
                        blank=True,
                        help_text="Shown with the links you accept (for example “J. Smith, CBM Registry”). Leave it empty to appear as “a curator”. Your user name is never shown.",
                        max_length=80,
                        verbose_name="public name",
                    ),
                ),
            ],
            options={
                "verbose_name": "curator's public name",
                "verbose_name_plural": "curators' public names",
            },
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["state", "alliance", "organisation"])),
                name="actor_kind_valid",
                violation_error_message="Kind must be state, alliance or organisation.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="citation",
            name="citation_span_ordered",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("end__gt", models.F("start"))),
                name="citation_span_ordered",
                violation_error_message="The span's end must come after its start (start before end, neither negative).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="citation",
            name="citation_quote_fits_span",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("quote")
                        ),
                    )
                ),
                name="citation_quote_fits_span",
                violation_error_message="The quote must be exactly as long as the span (end minus start).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="citation",
            name="citation_status_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "accepted", "rejected"])),
                name="citation_status_valid",
                violation_error_message="Status must be pending, accepted or rejected.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="citation",
            name="citation_origin_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["suggested", "curator"])),
                name="citation_origin_valid",
                violation_error_message="Origin must be suggested by the matcher or added by a curator.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="citation",
            name="citation_unique_span",
            constraint=models.UniqueConstraint(
                fields=("passage", "instrument", "start", "end"),
                name="citation_unique_span",
                violation_error_message="This passage already has a link to this target with this start and end.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="cue",
            name="cue_unique",
            constraint=models.UniqueConstraint(
                fields=("cue_list", "kind", "text"),
                name="cue_unique",
                violation_error_message="This cue list already has a cue of this kind with this text.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="cue",
            name="cue_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["phrase", "abbreviation"])),
                name="cue_kind_valid",
                violation_error_message="Kind must be one of the listed kinds of cue.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="document",
            name="document_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        ["news", "statement", "treaty_text", "transcript", "analysis", "other"],
                    )
                ),
                name="document_kind_valid",
                violation_error_message="Kind must be one of the listed kinds of document.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="document",
            name="document_sha256_length",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.Exact(
                    django.db.models.functions.text.Length("sha256"), 64
                ),
                name="document_sha256_length",
                violation_error_message="A document's SHA-256 fingerprint must be 64 hexadecimal characters (ingest computes it).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="instrument",
            name="instrument_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["treaty", "agreement", "political"])),
                name="instrument_kind_valid",
                violation_error_message="Kind must be one of the listed kinds of instrument.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="instrument",
            name="instrument_status_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "in_force",
                            "suspended",
                            "withdrawn",
                            "terminated",
                            "superseded",
                            "never_in_force",
                        ],
                    )
                ),
                name="instrument_status_valid",
                violation_error_message="Status must be one of the listed statuses.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="instrument",
            name="instrument_region_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("region__in", ["euro_atlantic", "south_asia", "east_asia"])),
                name="instrument_region_valid",
                violation_error_message="Region must be one of the listed regions.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="instrumentstatuschange",
            name="statuschange_unique",
            constraint=models.UniqueConstraint(
                fields=("instrument", "status", "date"),
                name="statuschange_unique",
                violation_error_message="This instrument already has this status change on this date.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="instrumentstatuschange",
            name="statuschange_status_valid",
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
                violation_error_message="Status must be one of the listed statuses.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="legalbasis",
            name="legalbasis_unique_pair",
            constraint=models.UniqueConstraint(
                fields=("measure_type", "provision"),
                name="legalbasis_unique_pair",
                violation_error_message="This provision is already a legal basis of this measure type.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="measuretype",
            name="measuretype_not_own_parent",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("id")), _negated=True),
                name="measuretype_not_own_parent",
                violation_error_message="A measure type cannot be its own parent: choose another parent or none.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="mention",
            name="mention_span_ordered",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("end__gt", models.F("start"))),
                name="mention_span_ordered",
                violation_error_message="The span's end must come after its start (start before end, neither negative).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="mention",
            name="mention_quote_fits_span",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("quote")
                        ),
                    )
                ),
                name="mention_quote_fits_span",
                violation_error_message="The quote must be exactly as long as the span (end minus start).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="mention",
            name="mention_status_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "accepted", "rejected"])),
                name="mention_status_valid",
                violation_error_message="Status must be pending, accepted or rejected.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="mention",
            name="mention_origin_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["suggested", "curator"])),
                name="mention_origin_valid",
                violation_error_message="Origin must be suggested by the matcher or added by a curator.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="mention",
            name="mention_unique_span",
            constraint=models.UniqueConstraint(
                fields=("passage", "measure_type", "start", "end"),
                name="mention_unique_span",
                violation_error_message="This passage already has a link to this target with this start and end.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participation",
            name="participation_unique_actor",
            constraint=models.UniqueConstraint(
                fields=("instrument", "actor"),
                name="participation_unique_actor",
                violation_error_message="This actor already has a participation in this instrument.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participation",
            name="participation_role_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["party", "signatory", "participating_state"])),
                name="participation_role_valid",
                violation_error_message="Role must be one of the listed roles.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participation",
            name="participation_not_own_successor",
            constraint=models.CheckConstraint(
                condition=models.Q(("succeeded_from", models.F("actor")), _negated=True),
                name="participation_not_own_successor",
                violation_error_message="A participant cannot succeed itself: choose another predecessor or none.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participation",
            name="participation_withdrew_after_signing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrew_on", None),
                    ("signed_on", None),
                    ("withdrew_on__gte", models.F("signed_on")),
                    _connector="OR",
                ),
                name="participation_withdrew_after_signing",
                violation_error_message="The withdrawal date cannot be before the signature date.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="passage",
            name="passage_unique_ordinal",
            constraint=models.UniqueConstraint(
                fields=("document", "ordinal"),
                name="passage_unique_ordinal",
                violation_error_message="This document already has a paragraph with this number.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="passage",
            name="passage_ordinal_from_one",
            constraint=models.CheckConstraint(
                condition=models.Q(("ordinal__gte", 1)),
                name="passage_ordinal_from_one",
                violation_error_message="Paragraph numbers start at 1.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="passage",
            name="passage_span_ordered",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("end__gt", models.F("start"))),
                name="passage_span_ordered",
                violation_error_message="A passage's end offset must come after its start offset (and start cannot be negative).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="passage",
            name="passage_text_fits_span",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("text")
                        ),
                    )
                ),
                name="passage_text_fits_span",
                violation_error_message="A passage's text must be exactly as long as its span (end minus start).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_span_ordered",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("end__gt", models.F("start"))),
                name="position_span_ordered",
                violation_error_message="The span's end must come after its start (start before end, neither negative).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_quote_fits_span",
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
                violation_error_message="The quote must be exactly as long as the span (end minus start).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_status_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "accepted", "rejected"])),
                name="position_status_valid",
                violation_error_message="Status must be pending, accepted or rejected.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_origin_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["suggested", "curator"])),
                name="position_origin_valid",
                violation_error_message="Origin must be suggested by the matcher or added by a curator.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_stance_valid",
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
                violation_error_message="Stance must be one of the listed stances.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_exactly_one_target",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("instrument__isnull", True), ("measure_type__isnull", False)),
                    models.Q(("instrument__isnull", False), ("measure_type__isnull", True)),
                    _connector="OR",
                ),
                name="position_exactly_one_target",
                violation_error_message="A position is on exactly one thing: choose a measure type or an instrument, not both and not neither.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_unique_measure_type",
            constraint=models.UniqueConstraint(
                condition=models.Q(("measure_type__isnull", False)),
                fields=("passage", "actor", "stance", "measure_type"),
                name="position_unique_measure_type",
                violation_error_message="This passage already records this actor's stance on this measure type.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_unique_instrument",
            constraint=models.UniqueConstraint(
                condition=models.Q(("instrument__isnull", False)),
                fields=("passage", "actor", "stance", "instrument"),
                name="position_unique_instrument",
                violation_error_message="This passage already records this actor's stance on this instrument.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="provision",
            name="provision_unique_label",
            constraint=models.UniqueConstraint(
                fields=("instrument", "label"),
                name="provision_unique_label",
                violation_error_message="This instrument already has a provision with this label.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="provision",
            name="provision_verified_quoted",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verified", False), models.Q(("quotation", ""), _negated=True), _connector="OR"
                ),
                name="provision_verified_quoted",
                violation_error_message="A verified provision needs its quotation: add the words, or untick verified.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="qualityfigure",
            name="quality_unique_target",
            constraint=models.UniqueConstraint(
                fields=("kind", "slug"),
                name="quality_unique_target",
                violation_error_message="There is already a quality figure for this kind and slug.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="ranker",
            name="ranker_threshold_0_1",
            constraint=models.CheckConstraint(
                condition=models.Q(("threshold__gte", 0), ("threshold__lte", 1)),
                name="ranker_threshold_0_1",
                violation_error_message="The threshold is a likelihood between 0 and 1.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="stancecue",
            name="stancecue_stance_valid",
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
                violation_error_message="Stance must be one of the listed stances.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="stancecue",
            name="stancecue_negated_stance_valid",
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
                violation_error_message="The stance when negated must be one of the listed stances, or empty.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="stancecue",
            name="stancecue_text_not_empty",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True),
                name="stancecue_text_not_empty",
                violation_error_message="A stance cue needs its words (text cannot be empty).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="stancecue",
            name="stancecue_unique",
            constraint=models.UniqueConstraint(
                fields=("language", "stance", "kind", "text", "near"),
                name="stancecue_unique",
                violation_error_message="There is already a stance cue with this language, stance, kind, text and near words.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="term",
            name="term_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["phrase", "abbreviation", "proximity"])),
                name="term_kind_valid",
                violation_error_message="Kind must be one of the listed kinds of term.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="term",
            name="term_proximity_has_near",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "proximity"), _negated=True),
                    models.Q(("near", ""), _negated=True),
                    _connector="OR",
                ),
                name="term_proximity_has_near",
                violation_error_message="A proximity term needs the words it must be near (the “near” field).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="term",
            name="term_text_not_empty",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True),
                name="term_text_not_empty",
                violation_error_message="A term needs its words (text cannot be empty).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="term",
            name="term_exactly_one_target",
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
                violation_error_message="A term signals exactly one thing: choose a measure type, an instrument or an actor, and leave the other two empty.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="threshold",
            name="threshold_unique_quantity",
            constraint=models.UniqueConstraint(
                fields=("legal_basis", "quantity"),
                name="threshold_unique_quantity",
                violation_error_message="This legal basis already has a threshold for this quantity.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="threshold",
            name="threshold_comparison_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("comparison__in", ["at_least", "more_than", "at_most", "exactly"])
                ),
                name="threshold_comparison_valid",
                violation_error_message="Comparison must be one of the listed comparisons.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="threshold",
            name="threshold_verified_quoted",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verified", False), models.Q(("quotation", ""), _negated=True), _connector="OR"
                ),
                name="threshold_verified_quoted",
                violation_error_message="A verified threshold needs its quotation: add the words, or untick verified.",
            ),
        ),
    ]
