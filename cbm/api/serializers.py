"""Serializers with explicit fields. Writes that carry rules go through cbm.ingest and
cbm.curation, never through serializer.save() on the model."""

import datetime
import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    InstrumentStatusChange,
    LegalBasis,
    MeasureType,
    Mention,
    Participation,
    Passage,
    Position,
    Provision,
    QualityFigure,
    Span,
    Term,
    Threshold,
)
from ..provenance import provenance
from .permissions import is_curator

slug = serializers.SlugRelatedField


class CategorySerializer(serializers.ModelSerializer):
    measure_types = slug(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Category
        fields = [
            "slug",
            "name",
            "name_ru",
            "description",
            "description_ru",
            "order",
            "measure_types",
        ]


class ThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Threshold
        fields = [
            "quantity",
            "comparison",
            "value",
            "unit",
            "cited_as",
            "verified",
            "quotation",
            "source_url",
            "note",
        ]


class ProvisionBriefSerializer(serializers.ModelSerializer):
    instrument = slug(read_only=True, slug_field="slug")

    class Meta:
        model = Provision
        fields = ["id", "instrument", "label", "title"]


class LegalBasisSerializer(serializers.ModelSerializer):
    provision = ProvisionBriefSerializer(read_only=True)
    thresholds = ThresholdSerializer(many=True, read_only=True)

    class Meta:
        model = LegalBasis
        fields = ["provision", "note", "thresholds"]


class QualityFigureSerializer(serializers.ModelSerializer):
    labelled_paragraphs = serializers.IntegerField(
        source="gold_links", help_text="Test paragraphs labelled with it (recall's base)."
    )
    paragraphs = serializers.IntegerField(help_text="Test paragraphs the matcher was run on.")

    class Meta:
        model = QualityFigure
        fields = ["precision", "recall", "labelled_paragraphs", "paragraphs", "measured_on"]


class MeasureTypeSerializer(serializers.ModelSerializer):
    category = slug(read_only=True, slug_field="slug")
    parent = slug(read_only=True, allow_null=True, slug_field="slug")
    subtypes = slug(many=True, read_only=True, slug_field="slug")
    legal_bases = LegalBasisSerializer(many=True, read_only=True)
    accepted_mentions = serializers.IntegerField(
        read_only=True, help_text="Accepted mentions of this type."
    )
    page = serializers.SerializerMethodField(help_text="The public page.")
    suggestion_quality = serializers.SerializerMethodField(
        help_text="How reliable the suggestions for this type are, measured on the frozen test "
        "split of the evaluation set; null if not measured."
    )

    class Meta:
        model = MeasureType
        fields = [
            "slug",
            "name",
            "name_ru",
            "category",
            "parent",
            "subtypes",
            "definition",
            "definition_ru",
            "scope_note",
            "legal_bases",
            "accepted_mentions",
            "suggestion_quality",
            "page",
        ]

    @extend_schema_field(QualityFigureSerializer(allow_null=True))
    def get_suggestion_quality(self, obj):
        # One query per response, shared by every row of a list (the context is shared).
        if "quality" not in self.context:
            self.context["quality"] = {
                figure.slug: figure
                for figure in QualityFigure.objects.filter(kind=QualityFigure.Kind.MEASURE_TYPE)
            }
        figure = self.context["quality"].get(obj.slug)
        return QualityFigureSerializer(figure).data if figure else None

    def get_page(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class TermSerializer(serializers.ModelSerializer):
    """What anyone sees of a term: what it signals and its words."""

    measure_type = slug(read_only=True, allow_null=True, slug_field="slug")
    instrument = slug(read_only=True, allow_null=True, slug_field="slug")

    class Meta:
        model = Term
        fields = ["id", "measure_type", "instrument", "kind", "text", "language"]


class CuratorTermSerializer(TermSerializer):
    """The whole term, for curators: proximity group, window, whether active, notes."""

    class Meta(TermSerializer.Meta):
        fields = [*TermSerializer.Meta.fields, "near", "window", "is_active", "note"]


class ProvisionSerializer(serializers.ModelSerializer):
    instrument = slug(read_only=True, slug_field="slug")
    measure_types = serializers.SerializerMethodField(
        help_text="Slugs of the measure types it establishes."
    )

    class Meta:
        model = Provision
        fields = [
            "id",
            "instrument",
            "label",
            "title",
            "summary",
            "text",
            "order",
            "verified",
            "quotation",
            "source_url",
            "measure_types",
        ]

    def get_measure_types(self, obj) -> list[str]:
        return [basis.measure_type.slug for basis in obj.legal_bases.all()]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "name_ru", "kind", "iso_code", "historical"]


class ParticipationSerializer(serializers.ModelSerializer):
    actor = slug(read_only=True, slug_field="slug")
    succeeded_from = slug(read_only=True, slug_field="slug", allow_null=True)

    class Meta:
        model = Participation
        fields = [
            "actor",
            "role",
            "signed_on",
            "joined_on",
            "succeeded_from",
            "succeeded_on",
            "suspended_on",
            "withdrew_on",
            "source_note",
            "source_url",
        ]


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = InstrumentStatusChange
        fields = ["status", "date", "note", "source_note", "source_url"]


class InstrumentSerializer(serializers.ModelSerializer):
    parties = slug(
        many=True, read_only=True, slug_field="slug", help_text="Every actor with a participation."
    )
    participations = ParticipationSerializer(many=True, read_only=True)
    status_history = StatusChangeSerializer(many=True, read_only=True, source="status_changes")
    provisions = ProvisionSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "slug",
            "short_name",
            "short_name_ru",
            "title",
            "title_ru",
            "kind",
            "status",
            "status_note",
            "signed_at",
            "signed_on",
            "in_force_on",
            "ended_on",
            "description",
            "description_ru",
            "source_url",
            "region",
            "parties",
            "participations",
            "status_history",
            "provisions",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    passages = serializers.IntegerField(
        read_only=True, source="n_passages", help_text="Number of passages."
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "title",
            "publisher",
            "url",
            "published_on",
            "language",
            "source_name",
            "sha256",
            "passages",
            "created_at",
            "withdrawn",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "body"]


class StrictCharField(serializers.CharField):
    """A string, and only a string: 12345 or true is refused, not turned into "12345"."""

    default_error_messages = {"not_a_string": "Must be a string, not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", kind=type(data).__name__)
        return super().to_internal_value(data)


class RealDateField(serializers.DateField):
    """YYYY-MM-DD; a well-formed date that does not exist (2024-02-30) says so."""

    def to_internal_value(self, value):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise serializers.ValidationError(f"{value} is not a real date.") from None
        elif not isinstance(value, str):
            raise serializers.ValidationError("Must be a date as a string, YYYY-MM-DD.")
        return super().to_internal_value(value)


class DocumentCreateSerializer(serializers.Serializer):
    """A document from posted text: ingested and given suggestions in one transaction."""

    text = StrictCharField(trim_whitespace=False, help_text="The whole text, UTF-8.")
    title = StrictCharField(required=False, max_length=400)
    published_on = RealDateField(required=False)
    publisher = StrictCharField(required=False, max_length=200)
    url = serializers.URLField(required=False, max_length=500)
    kind = serializers.ChoiceField(
        choices=Document.Kind.choices,
        required=False,
        help_text=f"Default: {Document._meta.get_field('kind').default} (as in the admin).",
    )
    language = StrictCharField(required=False, max_length=12)
    source_name = StrictCharField(required=False, max_length=255)

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: "Unknown field." for name in unknown})
        return data


class StrictBooleanField(serializers.BooleanField):
    """true or false, as JSON says them: never 0, 1 or "yes"."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class DocumentWithdrawalSerializer(serializers.Serializer):
    """Withdraw a document from the public site (a reason is required) or restore it."""

    withdrawn = StrictBooleanField()
    reason = StrictCharField(required=False, allow_blank=True, max_length=300, default="")

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: "Only withdrawn and reason can be changed." for name in unknown}
            )
        return data


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
        help_text="How the link came to be: found_by (the term, or “added by hand”), "
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


class MentionSerializer(LinkSerializer):
    measure_type = slug(read_only=True, slug_field="slug")

    class Meta:
        model = Mention
        fields = [*LinkSerializer.shared, "measure_type", *LinkSerializer.review]
        read_only_fields = fields


class CitationSerializer(LinkSerializer):
    instrument = slug(read_only=True, slug_field="slug")

    class Meta:
        model = Citation
        fields = [*LinkSerializer.shared, "instrument", *LinkSerializer.review]
        read_only_fields = fields


class PositionSerializer(LinkSerializer):
    actor = slug(read_only=True, slug_field="slug")
    measure_type = slug(read_only=True, allow_null=True, slug_field="slug")
    instrument = slug(read_only=True, allow_null=True, slug_field="slug")
    cue = serializers.StringRelatedField(read_only=True, help_text="The stance cue that fired.")

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


class StrictIntegerField(serializers.IntegerField):
    """A JSON number, or a string of ASCII digits: never "١٢" or "1.0" or true."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (
            isinstance(data, int) or (isinstance(data, str) and data.isascii() and data.isdigit())
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


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


class PassageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.CharField(help_text="Measure type or instrument slug.")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()


class PassageSerializer(serializers.ModelSerializer):
    mentions = serializers.SerializerMethodField(help_text="Accepted mentions in this passage.")
    citations = serializers.SerializerMethodField(help_text="Accepted citations in this passage.")
    permalink = serializers.SerializerMethodField(help_text="The passage's public, citable page.")

    class Meta:
        model = Passage
        fields = [
            "id",
            "document",
            "ordinal",
            "start",
            "end",
            "text",
            "language",
            "mentions",
            "citations",
            "permalink",
        ]

    def _links(self, links, target) -> list[dict]:
        return [
            {
                "id": link.pk,
                "target": getattr(link, target).slug,
                "start": link.start,
                "end": link.end,
                "quote": link.quote,
            }
            for link in links
        ]

    def get_mentions(self, obj) -> list[dict]:
        return self._links(obj.accepted_mentions, "measure_type")

    def get_citations(self, obj) -> list[dict]:
        return self._links(obj.accepted_citations, "instrument")

    def get_permalink(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
