"""The REST API: anyone reads; curators write through the same services as the admin."""

import csv
import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from .. import curation, exports
from ..documents import document_restore, document_withdraw
from ..ingest import IngestError, ingest_bytes
from ..models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    LegalBasis,
    MeasureType,
    Mention,
    Participation,
    Passage,
    Position,
    Provision,
    Span,
    Term,
)
from ..queries import count_of
from . import serializers as s
from .filters import (
    ActorFilter,
    CitationFilter,
    DocumentFilter,
    MentionFilter,
    PassageFilter,
    PositionFilter,
)
from .pagination import PageNumberPagination
from .permissions import CanChange, is_curator


class CSVRenderer(BaseRenderer):
    """Named so that ?format=csv is negotiated; the rows are streamed by CSVExportMixin."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Only errors are rendered here (a bad filter, say): one row per parameter."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["parameter", "error"])
        items = data.items() if isinstance(data, dict) else [("", data)]
        for name, message in items:
            text = " ".join(map(str, message)) if isinstance(message, list) else message
            writer.writerow([exports.cell(name), exports.cell(text)])
        return out.getvalue().encode()


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CSVExportMixin:
    """?format=csv on a list: every row matching the filters (no pagination), streamed by
    cbm.exports (COPY on PostgreSQL for the lists it knows, else csv_columns row by row),
    ended by a `# end: N rows` line; more than CBM_EXPORT_MAX_ROWS rows is a 400."""

    csv_columns: list[tuple[str, object]] = []

    def get_renderers(self):
        renderers = super().get_renderers()
        # No action: a method the list does not take; negotiate as for a list so it gets a 405.
        action = getattr(self, "action", None)
        return [*renderers, CSVRenderer()] if action in ("list", None) else renderers

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        PageNumberPagination.check_parameters(request)
        queryset = self.filter_queryset(self.get_queryset())
        try:
            limit = getattr(request, "export_row_limit", exports.max_rows())
            exports.check_size(queryset, limit)
        except exports.ExportTooLarge as error:
            raise serializers.ValidationError({"format": [str(error)]}) from None
        fields = exports.FIELDS.get(self.basename)
        if fields:
            base_url = getattr(request, "export_base_url", None) or request.build_absolute_uri("/")
            content = exports.stream_fields(queryset, fields(base_url))
        else:
            rows = (
                [get(obj, request) for _, get in self.csv_columns]
                for obj in queryset.iterator(chunk_size=2000)
            )
            content = exports.stream_rows(rows, names=[name for name, _ in self.csv_columns])
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
        name = self.queryset.model._meta.verbose_name_plural.replace(" ", "-")
        response["Content-Disposition"] = f'attachment; filename="cbm-{name}.csv"'
        return response


def page_url(request, obj):
    base_url = getattr(request, "export_base_url", None)  # set by exports.write_csv
    if base_url:
        return base_url.rstrip("/") + obj.get_absolute_url()
    return request.build_absolute_uri(obj.get_absolute_url())


# -- taxonomy, instruments, actors ---------------------------------------------------------------


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Families of measures, with the slugs of their measure types."""

    queryset = Category.objects.prefetch_related("measure_types")
    serializer_class = s.CategorySerializer
    lookup_field = "slug"
    search_fields = ["name", "description"]
    ordering_fields = ["order", "name"]


class MeasureTypeViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """CBM types with their category, sub-types, legal bases (provisions, thresholds) and the
    number of accepted mentions."""

    queryset = (
        MeasureType.objects.select_related("category", "parent")
        .prefetch_related(
            "subtypes",
            Prefetch(
                "legal_bases",
                queryset=LegalBasis.objects.select_related(
                    "provision__instrument"
                ).prefetch_related("thresholds"),
            ),
        )
        .annotate(
            accepted_mentions=count_of(
                Mention,
                "measure_type",
                status=Span.Status.ACCEPTED,
                passage__document__withdrawn=False,
            )
        )
    )
    serializer_class = s.MeasureTypeSerializer
    lookup_field = "slug"
    filterset_fields = {"category__slug": ["exact"]}
    search_fields = ["name", "definition", "slug"]
    ordering_fields = ["name", "accepted_mentions"]
    csv_columns = [
        ("slug", lambda o, r: o.slug),
        ("name", lambda o, r: o.name),
        ("category", lambda o, r: o.category.slug),
        ("parent", lambda o, r: o.parent.slug if o.parent else ""),
        ("accepted_mentions", lambda o, r: o.accepted_mentions),
        ("legal_bases", lambda o, r: "; ".join(str(b.provision) for b in o.legal_bases.all())),
        ("definition", lambda o, r: o.definition),
    ]


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    """The curated lexicon. Anyone sees active terms and their words; curators see all of a
    term (proximity group, window, notes) and inactive terms."""

    serializer_class = s.TermSerializer
    queryset = Term.objects.select_related("measure_type", "instrument")
    filterset_fields = {
        "measure_type__slug": ["exact"],
        "instrument__slug": ["exact"],
        "kind": ["exact"],
        "language": ["exact"],
    }
    search_fields = ["text", "near"]
    ordering_fields = ["text", "kind"]

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if is_curator(self.request, Term) else queryset.filter(is_active=True)

    def get_serializer_class(self):
        return s.CuratorTermSerializer if is_curator(self.request, Term) else s.TermSerializer


class InstrumentViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """Treaties, agreements and documents, with parties and provisions."""

    queryset = Instrument.objects.prefetch_related(
        "parties",
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("actor", "succeeded_from"),
        ),
        "status_changes",
        Prefetch(
            "provisions", queryset=Provision.objects.prefetch_related("legal_bases__measure_type")
        ),
    )
    serializer_class = s.InstrumentSerializer
    lookup_field = "slug"
    filterset_fields = {"kind": ["exact"], "status": ["exact"], "region": ["exact"]}
    search_fields = ["short_name", "title"]
    ordering_fields = ["signed_on", "short_name"]
    csv_columns = [
        ("slug", lambda o, r: o.slug),
        ("short_name", lambda o, r: o.short_name),
        ("title", lambda o, r: o.title),
        ("kind", lambda o, r: o.kind),
        ("status", lambda o, r: o.status),
        ("region", lambda o, r: o.region),
        ("signed_on", lambda o, r: o.signed_on),
        ("in_force_on", lambda o, r: o.in_force_on),
        ("ended_on", lambda o, r: o.ended_on),
        ("parties", lambda o, r: len(o.parties.all())),
        ("page_url", lambda o, r: page_url(r, o)),
    ]


class ProvisionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Provision.objects.select_related("instrument").prefetch_related(
        "legal_bases__measure_type"
    )
    serializer_class = s.ProvisionSerializer
    filterset_fields = {"instrument__slug": ["exact"]}
    search_fields = ["label", "title", "summary"]
    ordering_fields = ["order", "label"]


class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Actor.objects.all()
    serializer_class = s.ActorSerializer
    lookup_field = "slug"
    filterset_class = ActorFilter
    search_fields = ["name", "iso_code"]
    ordering_fields = ["name"]


# -- documents and passages ---------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        request=s.DocumentCreateSerializer,
        responses={
            201: s.DocumentDetailSerializer,
            200: OpenApiResponse(
                s.DocumentDetailSerializer, description="The same text was already there."
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

    def get_queryset(self):
        queryset = super().get_queryset()
        if not is_curator(self.request, Document):
            queryset = queryset.public()
        if self.request.accepted_renderer.format == "csv":
            return queryset.prefetch_related(None)  # the CSV needs no links; iterate lean
        return queryset


# -- links ----------------------------------------------------------------------------------------


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


def _expected_version(request, values) -> int | None:
    """The version the client read: `version` in the body, or an If-Match header ("3" or 3)."""
    if values.get("version") is not None:
        return values["version"]
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not header or header == "*":
        return None
    if not (header.isascii() and header.isdigit()):
        raise serializers.ValidationError({"If-Match": 'Give the link\'s version, e.g. "3".'})
    return int(header)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Busy(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "busy"


class _as_drf_errors:
    """A model ValidationError from a service becomes a 400 with its messages; a stale or
    vanished link a 409, a lock held too long a 503."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, curation.LinkConflict | curation.LinkGone):
            raise Conflict(str(error)) from None
        if isinstance(error, curation.LinkBusy):
            raise Busy(str(error)) from None
        if isinstance(error, DjangoValidationError):
            detail = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {"non_field_errors": error.messages}
            )
            raise serializers.ValidationError(detail) from None
        return False


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


class PositionViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    """Who proposed, demanded, accepted, rejected … which measure type or instrument, with the
    exact words. Anyone sees accepted positions; curators see pending and rejected ones too
    (they decide them in the admin)."""

    queryset = Position.objects.all()
    serializer_class = s.PositionSerializer
    filterset_class = PositionFilter
    ordering_fields = ["created_at", "passage__document__published_on", "start"]
    search_fields = ["quote"]

    def get_queryset(self):
        queryset = Position.objects.select_related(
            "passage__document",
            "actor",
            "measure_type",
            "instrument",
            "cue",
            "reviewed_by__curator_profile",
        ).order_by(
            "-passage__document__published_on", "passage__document_id", "passage__ordinal", "start"
        )
        if is_curator(self.request, Position):
            return queryset
        return queryset.public()

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "Accepted positions as a W3C Web Annotation AnnotationPage (JSON-LD): the actor and "
            "the stance are bodies of each annotation, with the measure type or instrument; "
            "the target selects the words as for mentions."
        ),
    )
    @action(detail=False, renderer_classes=[JSONLDRenderer, JSONRenderer])
    def annotations(self, request):
        return annotation_page(self, request, position_annotation)


def position_annotation(position: Position, request) -> dict:
    annotation = web_annotation(position, request, target=position.target)
    annotation["id"] = request.build_absolute_uri(
        reverse("api:position-detail", args=[position.pk])
    )
    annotation["motivation"] = "describing"
    annotation["body"] += [
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": page_url(request, position.actor),
        },
        {"type": "TextualBody", "purpose": "tagging", "value": f"actor:{position.actor.slug}"},
        {"type": "TextualBody", "purpose": "tagging", "value": f"stance:{position.stance}"},
    ]
    return annotation
