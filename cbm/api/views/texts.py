"""Documents (ingest, withdrawal) and their passages."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from ...documents import document_restore, document_withdraw
from ...ingest import DateConflict, IngestError, ingest_bytes
from ...models import Citation, Document, Mention, Passage
from ...queries import count_of
from .. import serializers as s
from ..filters import DocumentFilter, PassageFilter
from ..permissions import is_curator
from .base import CSVExportMixin, _as_drf_errors, page_url


@extend_schema_view(
    create=extend_schema(
        request=s.DocumentCreateSerializer,
        responses={
            201: s.DocumentDetailSerializer,
            200: OpenApiResponse(
                s.DocumentDetailSerializer, description="The same text was already there."
            ),
            409: OpenApiResponse(
                description="The same text is already a document with another published_on: "
                "nothing changed; the body names it (detail, document, published_on)."
            ),
        },
        description="Ingest posted text (curators): passages and suggestions in one transaction.",
    )
)
class DocumentViewSet(
    CSVExportMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Reports, statements, treaty texts and transcripts. The body is in the detail view.
    Curators withdraw a document from the public (PATCH {"withdrawn": true, "reason": …}) or
    restore it; those with the delete permission delete it for good."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    queryset = Document.objects.annotate(n_passages=count_of(Passage, "document"))
    serializer_class = s.DocumentSerializer
    filterset_class = DocumentFilter
    search_fields = ["title", "publisher"]
    ordering_fields = ["published_on", "title", "created_at"]
    csv_columns = [
        ("id", lambda o, r: o.pk),
        ("kind", lambda o, r: o.kind),
        ("title", lambda o, r: o.title),
        ("publisher", lambda o, r: o.publisher),
        ("published_on", lambda o, r: o.published_on),
        ("language", lambda o, r: o.language),
        ("url", lambda o, r: o.url),
        ("passages", lambda o, r: o.n_passages),
        ("withdrawn", lambda o, r: o.withdrawn),
        ("page_url", lambda o, r: page_url(r, o)),
    ]

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if is_curator(self.request, Document) else queryset.public()

    def get_serializer_class(self):
        if self.action == "create":
            return s.DocumentCreateSerializer
        if self.action == "partial_update":
            return s.DocumentWithdrawalSerializer
        return s.DocumentDetailSerializer if self.action == "retrieve" else s.DocumentSerializer

    def create(self, request, *args, **kwargs):
        data = s.DocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        text = values.pop("text")
        try:
            result = ingest_bytes(text.encode("utf-8"), **values)
        except DateConflict as error:
            # Not a malformed request: the registry already holds the text with another date.
            stored = error.document.published_on
            body = {
                "detail": f"The text {error}.",
                "document": error.document.pk,
                "published_on": stored.isoformat() if stored else None,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        except IngestError as error:
            raise serializers.ValidationError({"text": [f"The text {error}."]}) from None
        return self._respond(
            result.document, status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        )

    def partial_update(self, request, *args, **kwargs):
        document = self.get_object()
        data = s.DocumentWithdrawalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        with _as_drf_errors():
            if values["withdrawn"]:
                document_withdraw(document=document, by=request.user, reason=values["reason"])
            else:
                document_restore(document=document, by=request.user, reason=values["reason"])
        return self._respond(document)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return self.partial_update(request, *args, **kwargs)

    def _respond(self, document, code=status.HTTP_200_OK):
        document = self.get_queryset().get(pk=document.pk)
        body = s.DocumentDetailSerializer(document, context=self.get_serializer_context()).data
        return Response(body, status=code)


class PassageViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """Paragraphs of documents, with their accepted links and a permalink."""

    queryset = (
        Passage.objects.select_related("document")
        .defer("document__body")
        .prefetch_related(
            Prefetch(
                "mention_set",
                queryset=Mention.objects.accepted().select_related("measure_type"),
                to_attr="accepted_mentions",
            ),
            Prefetch(
                "citation_set",
                queryset=Citation.objects.accepted().select_related("instrument"),
                to_attr="accepted_citations",
            ),
        )
    )
    serializer_class = s.PassageSerializer
    filterset_class = PassageFilter
    ordering_fields = ["document", "ordinal"]
    keyset = True  # ?cursor= pages (cbm.api.pagination)

    def get_queryset(self):
        queryset = super().get_queryset()
        if not is_curator(self.request, Document):
            queryset = queryset.public()
        if self.request.accepted_renderer.format == "csv":
            return queryset.prefetch_related(None)  # the CSV needs no links; iterate lean
        return queryset
