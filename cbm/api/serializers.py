"""Serializers with explicit fields. Writes that carry rules go through cbm.ingest and
cbm.curation, never through serializer.save() on the model."""

from rest_framework import serializers

from ..models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    LegalBasis,
    MeasureType,
    Mention,
    Passage,
    Provision,
    Span,
    Term,
    Threshold,
)

slug = serializers.SlugRelatedField


class CategorySerializer(serializers.ModelSerializer):
    measure_types = slug(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Category
        fields = ["slug", "name", "description", "order", "measure_types"]


class ThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Threshold
        fields = ["quantity", "comparison", "value", "unit", "cited_as", "verified", "note"]


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


class MeasureTypeSerializer(serializers.ModelSerializer):
    category = slug(read_only=True, slug_field="slug")
    parent = slug(read_only=True, allow_null=True, slug_field="slug")
    subtypes = slug(many=True, read_only=True, slug_field="slug")
    legal_bases = LegalBasisSerializer(many=True, read_only=True)
    accepted_mentions = serializers.IntegerField(
        read_only=True, help_text="Accepted mentions of this type."
    )
    page = serializers.SerializerMethodField(help_text="The public page.")

    class Meta:
        model = MeasureType
        fields = [
            "slug",
            "name",
            "category",
            "parent",
            "subtypes",
            "definition",
            "scope_note",
            "legal_bases",
            "accepted_mentions",
            "page",
        ]

    def get_page(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class TermSerializer(serializers.ModelSerializer):
    """What anyone sees of a term: what it signals and its words."""

    measure_type = slug(read_only=True, allow_null=True, slug_field="slug")
    instrument = slug(read_only=True, allow_null=True, slug_field="slug")

    class Meta:
        model = Term
        fields = ["id", "measure_type", "instrument", "kind", "text"]


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
        fields = ["id", "instrument", "label", "title", "summary", "text", "order", "measure_types"]

    def get_measure_types(self, obj) -> list[str]:
        return [basis.measure_type.slug for basis in obj.legal_bases.all()]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "iso_code", "historical"]


class InstrumentSerializer(serializers.ModelSerializer):
    parties = slug(many=True, read_only=True, slug_field="slug")
    provisions = ProvisionSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "slug",
            "short_name",
            "title",
            "kind",
            "status",
            "status_note",
            "signed_at",
            "signed_on",
            "in_force_on",
            "ended_on",
            "description",
            "source_url",
            "parties",
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
        ]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "body"]


class TextField(serializers.CharField):
    """Text, and only text: DRF would turn a number or true into a string silently."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class DocumentCreateSerializer(serializers.Serializer):
    """A document from posted text: ingested and given suggestions in one transaction."""

    text = TextField(trim_whitespace=False, help_text="The whole text, UTF-8.")
    title = TextField(required=False, max_length=400)
    published_on = serializers.DateField(required=False)
    publisher = TextField(required=False, max_length=200)
    url = serializers.URLField(required=False, max_length=500)
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    language = TextField(required=False, max_length=12)
    source_name = TextField(required=False, max_length=255)


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
    review = ["reviewed_by", "reviewed_at", "note", "created_at"]


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


class LinkWriteSerializer(serializers.Serializer):
    """A link by hand (POST) or a correction (PATCH): give start and end, or the exact words."""

    passage = serializers.PrimaryKeyRelatedField(queryset=Passage.objects.all(), required=False)
    start = serializers.IntegerField(min_value=0, required=False)
    end = serializers.IntegerField(min_value=1, required=False)
    quote = TextField(
        required=False, trim_whitespace=False, help_text="Exact words, to locate them."
    )
    status = serializers.ChoiceField(choices=Span.Status.choices, required=False)
    note = TextField(required=False, allow_blank=True)

    def validate(self, data):
        passage = data.get("passage") or getattr(self.instance, "passage", None)
        if passage is None:
            raise serializers.ValidationError({"passage": "This field is required."})
        start, end, quote = data.get("start"), data.get("end"), data.get("quote")
        if start is None and end is None and quote is not None:
            if quote not in passage.text:
                raise serializers.ValidationError(
                    {"quote": "These words do not occur in the passage."}
                )
            start = passage.text.index(quote)
            data.update(start=start, end=start + len(quote))
        elif (start is None) != (end is None):
            raise serializers.ValidationError(
                {"end" if end is None else "start": "Give both start and end."}
            )
        if data.get("start") is not None and not 0 <= data["start"] < data["end"] <= len(
            passage.text
        ):
            raise serializers.ValidationError(
                {"end": f"The span must lie inside the passage (0–{len(passage.text)})."}
            )
        data["passage"] = passage
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
    note = TextField(required=False, allow_blank=True)


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
