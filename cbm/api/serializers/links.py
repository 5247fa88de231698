"""Mentions, citations and positions: as read, and as written by curators (by hand,
corrected, reviewed)."""

from django.conf import settings
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from ...models import (
    Actor,
    Citation,
    Instrument,
    MeasureType,
    Mention,
    Passage,
    Position,
    Span,
    Stance,
)
from ...provenance import provenance, provenance_of
from ...queries import RelatedValue
from ..permissions import is_curator
from .fields import StrictCharField, StrictIntegerField, slug


class LinkSerializer(serializers.ModelSerializer):
    """Fields Mention and Citation share."""

    document = serializers.IntegerField(source="passage.document_id", read_only=True)
    ordinal = serializers.IntegerField(
        source="passage.ordinal", read_only=True, help_text="Paragraph number."
    )
    reviewed_by = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="username"
    )
    shared = [
        "id",
        "passage",
        "document",
        "ordinal",
        "start",
        "end",
        "quote",
        "status",
        "origin",
        "term",
    ]
    provenance = serializers.SerializerMethodField(
        help_text="How the link came to be: found_by (the term, “the measure-type model”, "
        "or “added by hand”), "
        "accepted_at, and accepted_by (the curator's chosen public name, or “a curator”)."
    )
    review = ["reviewed_by", "reviewed_at", "note", "created_at", "provenance", "version"]
    # Curators' internal notes and user names are for curators.
    curators_only = ("reviewed_by", "note")

    def get_provenance(self, obj) -> dict:
        return provenance(obj)

    def to_representation(self, obj):
        data = super().to_representation(obj)
        request = self.context.get("request")
        if request is None or not is_curator(request, type(obj)):
            for field in self.curators_only:
                data.pop(field, None)
        return data

    # Lists: the same JSON from values() rows, without a model instance or a field object
    # per row (field by field, a page of 50 cost several times a bare JSON view). Each field
    # is the value at its path; the datetimes go through DRF's own field.
    paths = {
        "id": "id",
        "passage": "passage_id",
        "document": "passage__document_id",
        "ordinal": "passage__ordinal",
        "start": "start",
        "end": "end",
        "quote": "quote",
        "status": "status",
        "origin": "origin",
        "term": "term_id",
        "reviewed_by": "reviewed_by__username",
        "reviewed_at": "reviewed_at",
        "note": "note",
        "created_at": "created_at",
        "version": "version",
    }
    provenance_paths = ("term__text", "by_model", "reviewed_by__curator_profile__display_name")
    looked_up = ("measure_type", "instrument", "reviewed_by", "term")  # see values_of()

    @classmethod
    def values_of(cls, queryset):
        """The rows rows_json() needs, in the queryset's order and filters. A field of a table
        the list neither filters nor sorts by (the target's slug, the term, the reviewer) is
        a scalar subquery, not a join: with a join each, PostgreSQL spent five times longer
        choosing the join order than reading a page."""
        wanted = [cls.paths[name] for name in cls.Meta.fields if name in cls.paths]
        wanted += cls.provenance_paths
        model = queryset.model
        plain = [path for path in wanted if path.split("__")[0] not in cls.looked_up]
        looked_up = {path: RelatedValue(model, path) for path in wanted if path not in plain}
        return queryset.values(*plain, **looked_up)

    @classmethod
    def rows_json(cls, rows, *, curator: bool) -> list[dict]:
        """What many=True gives for these rows of values_of()."""
        names = [name for name in cls.Meta.fields if curator or name not in cls.curators_only]
        moment = moment_writer()
        data = []
        for row in rows:
            item = {}
            for name in names:
                if name == "provenance":
                    item[name] = provenance_of(
                        origin=row["origin"],
                        by_model=row["by_model"],
                        finder="term",
                        finder_text=row["term__text"],
                        status=row["status"],
                        reviewed_at=row["reviewed_at"],
                        display_name=row["reviewed_by__curator_profile__display_name"],
                    )
                elif name in ("reviewed_at", "created_at"):
                    item[name] = moment(row[cls.paths[name]])
                else:
                    item[name] = row[cls.paths[name]]
            data.append(item)
        return data


DATETIME = serializers.DateTimeField(read_only=True)


def moment_writer():
    """DATETIME.to_representation for many values: with ISO 8601 output (the default), the
    same text — the moment in the current time zone, UTC as Z — with the zone looked up once
    instead of once a value."""
    output = api_settings.DATETIME_FORMAT
    if not (settings.USE_TZ and isinstance(output, str) and output.lower() == ISO_8601):
        return DATETIME.to_representation
    zone = timezone.get_current_timezone()

    def moment(value):
        if not value or timezone.is_naive(value):
            return DATETIME.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return moment


class MentionSerializer(LinkSerializer):
    measure_type = slug(read_only=True, slug_field="slug")
    paths = {**LinkSerializer.paths, "measure_type": "measure_type__slug"}

    class Meta:
        model = Mention
        fields = [*LinkSerializer.shared, "measure_type", *LinkSerializer.review]
        read_only_fields = fields


class CitationSerializer(LinkSerializer):
    instrument = slug(read_only=True, slug_field="slug")
    paths = {**LinkSerializer.paths, "instrument": "instrument__slug"}

    class Meta:
        model = Citation
        fields = [*LinkSerializer.shared, "instrument", *LinkSerializer.review]
        read_only_fields = fields


class PositionSerializer(LinkSerializer):
    actor = slug(read_only=True, slug_field="slug")
    measure_type = slug(read_only=True, allow_null=True, slug_field="slug")
    instrument = slug(read_only=True, allow_null=True, slug_field="slug")
    cue = serializers.StringRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The stance cue that fired (none: added by hand).",
    )

    class Meta:
        model = Position
        fields = [
            *(f for f in LinkSerializer.shared if f != "term"),
            "actor",
            "stance",
            "measure_type",
            "instrument",
            "cue",
            *LinkSerializer.review,
        ]
        read_only_fields = fields


class LinkWriteSerializer(serializers.Serializer):
    """A link by hand (POST) or a change (PATCH). The span is start and end, or the exact
    words as quote, or both — and then they must agree (cbm.curation.check_span)."""

    passage = serializers.PrimaryKeyRelatedField(queryset=Passage.objects.all(), required=False)
    start = StrictIntegerField(min_value=0, required=False)
    end = StrictIntegerField(min_value=1, required=False)
    quote = StrictCharField(
        required=False, trim_whitespace=False, help_text="Exact words, to locate or confirm them."
    )
    allow_partial_words = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirm a span that starts or ends inside a word (refused otherwise).",
    )
    status = serializers.ChoiceField(choices=Span.Status.choices, required=False)
    note = StrictCharField(required=False, allow_blank=True)
    version = StrictIntegerField(
        min_value=1,
        required=False,
        help_text="The version you read. If the link changed since, the write is refused with "
        "409 Conflict instead of overwriting. The If-Match header does the same.",
    )

    def validate(self, data):
        # A misspelt field would otherwise be dropped and the write answered 200 unchanged.
        known = set(self.fields) | self.context.get("readable", set())
        unknown = sorted(set(self.initial_data) - known)
        if unknown:
            raise serializers.ValidationError({name: "Unknown field." for name in unknown})
        if self.instance is None and data.get("passage") is None:
            raise serializers.ValidationError({"passage": "This field is required."})
        return data


class MentionWriteSerializer(LinkWriteSerializer):
    measure_type = serializers.SlugRelatedField(
        slug_field="slug", queryset=MeasureType.objects.all(), required=False
    )


class CitationWriteSerializer(LinkWriteSerializer):
    instrument = serializers.SlugRelatedField(
        slug_field="slug", queryset=Instrument.objects.all(), required=False
    )


class ReviewSerializer(serializers.Serializer):
    note = StrictCharField(required=False, allow_blank=True)
    version = StrictIntegerField(
        min_value=1, required=False, help_text="The version you read (409 if it changed since)."
    )


class PositionWriteSerializer(LinkWriteSerializer):
    """A position by hand (POST: passage, actor, stance, one target, and the span) or a
    correction (PATCH: any of them but the passage)."""

    actor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False
    )
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    measure_type = serializers.SlugRelatedField(
        slug_field="slug", queryset=MeasureType.objects.all(), required=False
    )
    instrument = serializers.SlugRelatedField(
        slug_field="slug", queryset=Instrument.objects.all(), required=False
    )

    def validate(self, data):
        data = super().validate(data)
        one_target = "Give one target: a measure type or an instrument."
        if data.get("measure_type") and data.get("instrument"):
            raise serializers.ValidationError({"non_field_errors": one_target})
        if self.instance is None:
            errors = {f: "This field is required." for f in ("actor", "stance") if f not in data}
            if not (data.get("measure_type") or data.get("instrument")):
                # Either will do: not "measure_type is required" to one who meant an instrument.
                errors["non_field_errors"] = one_target
            if errors:
                raise serializers.ValidationError(errors)
        return data
