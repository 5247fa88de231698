"""Mentions and citations: reads for anyone, writes and reviews for curators, and W3C Web
Annotations of the accepted ones."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ... import curation
from ...models import Citation, Mention, Span
from .. import serializers as s
from ..filters import CitationFilter, MentionFilter
from ..permissions import CanChange, is_curator
from .base import CSVExportMixin, JSONLDRenderer, _as_drf_errors, _expected_version, page_url


class LinkViewSet(
    CSVExportMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Shared by mentions and citations."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    target_field = ""
    write_serializer_class = s.LinkWriteSerializer
    ordering_fields = ["created_at", "passage__document__published_on", "start"]
    search_fields = ["quote"]

    def get_queryset(self):
        model = self.queryset.model
        queryset = self.queryset.select_related(
            "passage__document", self.target_field, "reviewed_by__curator_profile", "term"
        )
        if self.action != "annotations":  # its selectors quote the body around each span
            # Lists show passage numbers and document titles, never a passage's or body's text.
            queryset = queryset.defer("passage__text", "passage__document__body")
        queryset = queryset.order_by(
            "-passage__document__published_on", "passage__document_id", "passage__ordinal", "start"
        )
        return queryset if is_curator(self.request, model) else queryset.public()

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return self.write_serializer_class
        if self.action in ("accept", "reject"):
            return s.ReviewSerializer
        return self.serializer_class

    def _respond(self, link, code=status.HTTP_200_OK):
        link = self.queryset.model.objects.select_related(
            "passage__document", self.target_field
        ).get(pk=link.pk)
        return Response(
            self.serializer_class(link, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request, *args, **kwargs):
        data = self.write_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get(self.target_field) is None:
            raise serializers.ValidationError({self.target_field: "This field is required."})
        with _as_drf_errors():
            link = curation.link_create(
                passage=values["passage"],
                target=values[self.target_field],
                start=values.get("start"),
                end=values.get("end"),
                quote=values.get("quote"),
                allow_partial_words=values["allow_partial_words"],
                by=request.user,
                status=values.get("status", Span.Status.ACCEPTED),
                note=values.get("note", ""),
            )
        return self._respond(link, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        link = self.get_object()
        data = self.write_serializer_class(link, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("passage", link.passage) != link.passage:
            raise serializers.ValidationError({"passage": "A link cannot move to another passage."})
        with _as_drf_errors():
            link = curation.link_edit(
                link=link,
                by=request.user,
                start=values.get("start"),
                end=values.get("end"),
                quote=values.get("quote"),
                allow_partial_words=values.get("allow_partial_words", False),
                status=values.get("status"),
                note=values.get("note"),
                target=values.get(self.target_field),
                expected_version=_expected_version(request, values),
            )
        return self._respond(link)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.ReviewSerializer, description="Accept the link (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def accept(self, request, pk=None):
        return self._review(request, curation.link_accept)

    @extend_schema(request=s.ReviewSerializer, description="Reject the link (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def reject(self, request, pk=None):
        return self._review(request, curation.link_reject)

    def _review(self, request, decide):
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _as_drf_errors():
            link = decide(
                link=self.get_object(),
                by=request.user,
                note=data.validated_data.get("note"),
                expected_version=_expected_version(request, data.validated_data),
            )
        return self._respond(link)


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
