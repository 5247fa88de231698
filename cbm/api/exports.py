"""Lists added for the public pages' download buttons: legal bases, thresholds and search
results, as JSON and (?format=csv) CSV, through the same CSV export as the other lists."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from ..language import LANGUAGES
from ..models import Document, LegalBasis, Passage, Threshold
from ..notes import split_working_notes
from ..search import search_passages
from . import serializers as s
from .views import CSVExportMixin, page_url


def public_note(text: str) -> str:
    """A note without curators' working notes ("(figures to check)")."""
    return split_working_notes(text)[0]


class LegalBasisListSerializer(s.LegalBasisSerializer):
    measure_type = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta(s.LegalBasisSerializer.Meta):
        fields = ["id", "measure_type", *s.LegalBasisSerializer.Meta.fields]


class ThresholdListSerializer(s.ThresholdSerializer):
    measure_type = serializers.SlugRelatedField(
        read_only=True, slug_field="slug", source="legal_basis.measure_type"
    )
    provision = s.ProvisionBriefSerializer(read_only=True, source="legal_basis.provision")

    class Meta(s.ThresholdSerializer.Meta):
        fields = ["id", "measure_type", "provision", *s.ThresholdSerializer.Meta.fields]


class LegalBasisViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """Which provision of which instrument establishes which measure type, with its
    thresholds."""

    queryset = LegalBasis.objects.select_related(
        "measure_type", "provision__instrument"
    ).prefetch_related("thresholds")
    serializer_class = LegalBasisListSerializer
    filterset_fields = {
        "measure_type__slug": ["exact"],
        "provision__instrument__slug": ["exact"],
    }
    ordering_fields = ["id"]
    csv_columns = [
        ("id", lambda o, r: o.pk),
        ("measure_type", lambda o, r: o.measure_type.slug),
        ("instrument", lambda o, r: o.provision.instrument.slug),
        ("provision", lambda o, r: o.provision.label),
        ("provision_title", lambda o, r: public_note(o.provision.title)),
        ("thresholds", lambda o, r: len(o.thresholds.all())),
        ("note", lambda o, r: public_note(o.note)),
        ("instrument_url", lambda o, r: page_url(r, o.provision.instrument)),
    ]


class ThresholdViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """The numbers legal bases set: 42 days' notice, 9,000 troops …"""

    queryset = Threshold.objects.select_related(
        "legal_basis__measure_type", "legal_basis__provision__instrument"
    )
    serializer_class = ThresholdListSerializer
    filterset_fields = {
        "legal_basis__measure_type__slug": ["exact"],
        "legal_basis__provision__instrument__slug": ["exact"],
    }
    ordering_fields = ["id", "value"]
    csv_columns = [
        ("id", lambda o, r: o.pk),
        ("measure_type", lambda o, r: o.legal_basis.measure_type.slug),
        ("instrument", lambda o, r: o.legal_basis.provision.instrument.slug),
        ("provision", lambda o, r: o.legal_basis.provision.label),
        ("quantity", lambda o, r: o.quantity),
        ("comparison", lambda o, r: o.comparison),
        ("value", lambda o, r: o.value),
        ("unit", lambda o, r: o.unit),
        ("cited_as", lambda o, r: o.cited_as),
        ("verified", lambda o, r: o.verified),
        ("quotation", lambda o, r: o.quotation),
        ("source_url", lambda o, r: o.source_url),
    ]


class SearchResultSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="document.title", read_only=True)
    published_on = serializers.DateField(
        source="document.published_on", read_only=True, allow_null=True
    )
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields = [
            "id",
            "document",
            "document_title",
            "published_on",
            "ordinal",
            "text",
            "permalink",
        ]

    def get_permalink(self, obj) -> str:
        return page_url(self.context["request"], obj)


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words, as typed in the site's search."),
    OpenApiParameter(
        "measure_type", str, description="Measure type slug (its sub-types' mentions count too)."
    ),
    OpenApiParameter("category", str, description="Category slug."),
    OpenApiParameter("instrument", str, description="Instrument slug."),
    OpenApiParameter("kind", str, description="Kind of document.", enum=Document.Kind.values),
    OpenApiParameter(
        "language", str, description="Language of the passages.", enum=list(LANGUAGES)
    ),
    OpenApiParameter("published_after", OpenApiTypes.DATE, description="From this date."),
    OpenApiParameter("published_before", OpenApiTypes.DATE, description="To this date."),
]


@extend_schema(parameters=SEARCH_PARAMETERS)
class SearchViewSet(CSVExportMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The site's search (/search/): the same passages in the same order, for download."""

    queryset = Passage.objects.none()
    serializer_class = SearchResultSerializer
    filter_backends: list = []  # the search form reads and checks the parameters
    # Row by row (the ranked search is no plain list for COPY), with the passages' columns.
    csv_columns = [
        ("id", lambda o, r: o.pk),
        ("document_id", lambda o, r: o.document_id),
        ("document_title", lambda o, r: o.document.title),
        ("published_on", lambda o, r: o.document.published_on),
        ("passage_number", lambda o, r: o.ordinal),
        ("start", lambda o, r: o.start),
        ("end", lambda o, r: o.end),
        ("text", lambda o, r: o.text),
        ("passage_url", lambda o, r: page_url(r, o)),
    ]

    def get_queryset(self):
        from ..views import SearchForm  # the page's form: the same checks, the same messages

        params = self.request.query_params.copy()
        for name in ("page", "page_size", "format"):
            params.pop(name, None)
        form = SearchForm(params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        data = form.cleaned_data
        unknown = sorted(set(params) - set(form.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown parameter."] for name in unknown})
        if not any(data.values()):
            if params:  # parameters given, all empty ("?q="): say what is missing
                raise serializers.ValidationError(
                    {"q": ["Give words to search for, or at least one filter."]}
                )
            return Passage.objects.none()  # nothing asked, nothing found (as on the page)
        # As the schema says: a parameter given is not empty (the site's links leave them out).
        empty = sorted(name for name, values in params.lists() if "" in values)
        if empty:
            raise serializers.ValidationError(
                {name: ["Empty: give a value or leave the parameter out."] for name in empty}
            )
        return search_passages(data["q"], form.search_filters()).defer("document__body")

    def filter_queryset(self, queryset):
        return queryset
