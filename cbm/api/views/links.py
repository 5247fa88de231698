"""Mentions and citations: reads for anyone, writes and reviews for curators, and W3C Web
Annotations of the accepted ones."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ... import curation
from ...models import Citation, Mention, Span
from .. import serializers as s
from ..filters import CitationFilter, MentionFilter
from ..permissions import is_curator
from .base import CSVExportMixin, JSONLDRenderer, RowsListMixin, page_url
from .review import ReviewMixin, span_arguments


def annotation_parameters(*, cursor: bool) -> list[OpenApiParameter]:
    """An AnnotationPage is a page of the list: the list's filters apply (filters=True) and
    these pick the page (a custom action's schema has neither unless told)."""
    parameters = [
        OpenApiParameter("page", int, description="A page number within the list."),
        OpenApiParameter("page_size", int, description="Annotations per page."),
    ]
    if cursor:
        parameters.append(
            OpenApiParameter("cursor", str, description="A place in the list, as next gives it.")
        )
    return parameters


class LinkViewSet(ReviewMixin, RowsListMixin, CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """Shared by mentions and citations."""

    target_field = ""
    ordering_fields = ["created_at", "passage__document__published_on", "start"]
    keyset = True  # ?cursor= pages (cbm.api.pagination)
    search_fields = ["quote"]

    @property
    def answer_related(self):
        return ("passage__document", self.target_field)

    def get_queryset(self):
        model = self.queryset.model
        queryset = self.queryset.select_related(
            "passage__document", self.target_field, "reviewed_by__curator_profile", "term"
        )
        if self.action != "annotations":  # its selectors quote the body around each span
            # Lists show passage numbers and document titles, never a passage's or body's text.
            queryset = queryset.defer("passage__text", "passage__document__body")
        # Newest first, undated last on every database (SpanQuerySet.newest_first).
        queryset = queryset.newest_first()
        return queryset if is_curator(self.request, model) else queryset.public()

    def create_link(self, values, *, by):
        if values.get(self.target_field) is None:
            raise serializers.ValidationError({self.target_field: ["This field is required."]})
        return curation.link_create(
            passage=values["passage"],
            target=values[self.target_field],
            by=by,
            **span_arguments(values, new=True),
        )

    def edit_link(self, link, values, *, by, expected_version):
        return curation.link_edit(
            link=link,
            by=by,
            **span_arguments(values, new=False),
            target=values.get(self.target_field),
            expected_version=expected_version,
        )


@extend_schema_view(
    create=extend_schema(request=s.MentionWriteSerializer, responses={201: s.MentionSerializer}),
    partial_update=extend_schema(
        request=s.MentionWriteSerializer, responses={200: s.MentionSerializer}
    ),
)
class MentionViewSet(LinkViewSet):
    """Passages ↔ measure types, with the exact words. Anyone sees accepted mentions; curators
    see pending and rejected ones too, and may add, correct, accept and reject them."""

    queryset = Mention.objects.all()
    serializer_class = s.MentionSerializer
    write_serializer_class = s.MentionWriteSerializer
    filterset_class = MentionFilter
    target_field = "measure_type"

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        filters=True,
        parameters=annotation_parameters(cursor=True),
        description=(
            "Accepted mentions as a W3C Web Annotation AnnotationPage (JSON-LD). Each target "
            "selects the words in the document's body with a TextQuoteSelector (exact, prefix, "
            "suffix) and a TextPositionSelector; positions count Unicode code points."
        ),
    )
    @action(detail=False, renderer_classes=[JSONLDRenderer, JSONRenderer])
    def annotations(self, request):
        return annotation_page(self, request, web_annotation)


def annotation_page(view, request, to_annotation) -> Response:
    """One page of a viewset's accepted, filtered links as a W3C AnnotationPage."""
    queryset = view.filter_queryset(view.get_queryset()).filter(status=Span.Status.ACCEPTED)
    page = view.paginate_queryset(queryset)
    paginator = view.paginator
    return Response(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": request.build_absolute_uri(),
            "type": "AnnotationPage",
            "partOf": {"type": "AnnotationCollection", "total": paginator.page.paginator.count},
            "next": paginator.get_next_link(),
            "prev": paginator.get_previous_link(),
            "items": [to_annotation(link, request) for link in page],
        }
    )


def web_annotation(mention: Mention, request, target=None) -> dict:
    """A link as a Web Annotation; target (default: the mention's measure type) is its body."""
    target = target or mention.measure_type
    passage, document = mention.passage, mention.passage.document
    start, end = passage.start + mention.start, passage.start + mention.end
    body = document.body
    return {
        "id": request.build_absolute_uri(reverse("api:mention-detail", args=[mention.pk])),
        "type": "Annotation",
        "motivation": "classifying",
        "created": mention.created_at.isoformat(),
        "modified": mention.reviewed_at.isoformat() if mention.reviewed_at else None,
        "body": [
            {
                "type": "SpecificResource",
                "purpose": "classifying",
                "source": page_url(request, target),
            },
            {"type": "TextualBody", "purpose": "tagging", "value": target.slug},
        ],
        "target": {
            "source": page_url(request, document),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": mention.quote,
                    "prefix": body[max(0, start - 32) : start],
                    "suffix": body[end : end + 32],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


@extend_schema_view(
    create=extend_schema(request=s.CitationWriteSerializer, responses={201: s.CitationSerializer}),
    partial_update=extend_schema(
        request=s.CitationWriteSerializer, responses={200: s.CitationSerializer}
    ),
)
class CitationViewSet(LinkViewSet):
    """Passages ↔ instruments (a passage that names the CFE or INF Treaty), with the words."""

    queryset = Citation.objects.all()
    serializer_class = s.CitationSerializer
    write_serializer_class = s.CitationWriteSerializer
    filterset_class = CitationFilter
    target_field = "instrument"
