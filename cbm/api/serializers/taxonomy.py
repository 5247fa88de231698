"""The taxonomy, instruments and actors, read-only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import (
    Actor,
    Category,
    Instrument,
    InstrumentStatusChange,
    LegalBasis,
    MeasureType,
    Participation,
    Provision,
    QualityFigure,
    Term,
    Threshold,
)
from .fields import slug


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
            "quantity_ru",
            "comparison",
            "value",
            "unit",
            "unit_ru",
            "cited_as",
            "verified",
            "quotation",
            "source_url",
            "note",
            "note_ru",
        ]


class ProvisionBriefSerializer(serializers.ModelSerializer):
    instrument = slug(read_only=True, slug_field="slug")

    class Meta:
        model = Provision
        fields = ["id", "instrument", "label", "label_ru", "title", "title_ru"]


class LegalBasisSerializer(serializers.ModelSerializer):
    provision = ProvisionBriefSerializer(read_only=True)
    thresholds = ThresholdSerializer(many=True, read_only=True)

    class Meta:
        model = LegalBasis
        fields = ["provision", "note", "note_ru", "thresholds"]


class QualityFigureSerializer(serializers.ModelSerializer):
    labelled_paragraphs = serializers.IntegerField(
        source="gold_links", help_text="Test paragraphs labelled with it (recall's base)."
    )
    paragraphs = serializers.IntegerField(help_text="Test paragraphs the matcher was run on.")
    language = serializers.CharField(
        help_text="The language of the texts measured (en, ru): each has its own evaluation set."
    )
    dataset = serializers.CharField(help_text="The evaluation set and split measured.")

    class Meta:
        model = QualityFigure
        fields = [
            "language",
            "precision",
            "recall",
            "labelled_paragraphs",
            "paragraphs",
            "measured_on",
            "dataset",
        ]


class PublishedFigureSerializer(serializers.ModelSerializer):
    """One published figure, of the link suggestions or of the position suggestions."""

    subject = serializers.CharField(
        read_only=True,
        help_text="links (the figure of a measure type, an instrument or all links) or "
        "positions (of a stance, or of all positions).",
    )
    kind = serializers.CharField(
        help_text="overall, measure_type, instrument (links); positions, stance (positions)."
    )
    slug = serializers.CharField(
        help_text="The measure type's, instrument's or stance's slug; empty for an overall "
        "figure. The stance rejects counts denies too."
    )
    labelled = serializers.IntegerField(
        source="gold_links",
        help_text="Labelled links (paragraphs labelled with the target) or labelled positions: "
        "recall's base.",
    )
    suggested = serializers.IntegerField(source="found", help_text="Suggestions: precision's base.")

    class Meta:
        model = QualityFigure
        fields = [
            "language",
            "subject",
            "kind",
            "slug",
            "precision",
            "recall",
            "labelled",
            "suggested",
            "paragraphs",
            "measured_on",
            "dataset",
        ]


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
        help_text="How reliable the suggestions for this type are in English texts, measured on "
        "the frozen test split of the English evaluation set; null if not measured. The figures "
        "of every language are in suggestion_quality_by_language."
    )
    suggestion_quality_by_language = serializers.SerializerMethodField(
        help_text="The same figures for each language measured, keyed by language code (en, "
        "ru), each on its own language's evaluation set; languages not measured are absent."
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
            "suggestion_quality_by_language",
            "page",
        ]

    def _quality(self, obj) -> dict:
        """{language: figure} of this type; one query per response, shared by every row of a
        list (the context is shared)."""
        if "quality" not in self.context:
            figures = {}
            for figure in QualityFigure.objects.filter(
                kind=QualityFigure.Kind.MEASURE_TYPE
            ).order_by("language"):
                figures.setdefault(figure.slug, {})[figure.language] = figure
            self.context["quality"] = figures
        return self.context["quality"].get(obj.slug, {})

    @extend_schema_field(QualityFigureSerializer(allow_null=True))
    def get_suggestion_quality(self, obj):
        figure = self._quality(obj).get("en")
        return QualityFigureSerializer(figure).data if figure else None

    @extend_schema_field(serializers.DictField(child=QualityFigureSerializer()))
    def get_suggestion_quality_by_language(self, obj):
        return {
            language: QualityFigureSerializer(figure).data
            for language, figure in self._quality(obj).items()
        }

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
    """The whole term, for curators: proximity group, window, the cue lists it needs and is
    stopped by, whether active, notes."""

    cue_list = slug(
        read_only=True,
        allow_null=True,
        slug_field="slug",
        help_text="The cue list one of whose cues must be within reach (none: no cue needed).",
    )
    unless_cue_list = slug(
        read_only=True,
        allow_null=True,
        slug_field="slug",
        help_text="The cue list none of whose cues may be within reach (none: nothing stops it).",
    )

    class Meta(TermSerializer.Meta):
        fields = [
            *TermSerializer.Meta.fields,
            "near",
            "window",
            "cue_list",
            "unless_cue_list",
            "is_active",
            "note",
        ]


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
            "label_ru",
            "title",
            "title_ru",
            "summary",
            "summary_ru",
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
    # the state this one continues (Russia: the Soviet Union), whose acts before the date the
    # suggester gives to that state
    continues = slug(read_only=True, slug_field="slug", allow_null=True)

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "name_ru",
            "kind",
            "iso_code",
            "historical",
            "continues",
            "continues_since",
        ]


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
