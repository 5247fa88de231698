"""Positions through the API: reads as the other links (fields, filters, CSV, W3C
annotations), and writes for curators with the model permission — create, correct (actor,
stance, target, span, verdict, note), accept, reject — through the service functions of
cbm.curation, under the same version rule as links (a stale version: 409)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ... import curation
from ...models import Position, Span
from .. import serializers as s
from ..filters import PositionFilter
from ..permissions import CanChange, is_curator
from .base import CSVExportMixin, JSONLDRenderer, _as_drf_errors, _expected_version, page_url
from .links import annotation_page, web_annotation


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


@extend_schema_view(
    create=extend_schema(request=s.PositionWriteSerializer, responses={201: s.PositionSerializer}),
    partial_update=extend_schema(
        request=s.PositionWriteSerializer, responses={200: s.PositionSerializer}
    ),
)
class PositionWriteViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, PositionViewSet):
    __doc__ = PositionViewSet.__doc__

    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return s.PositionWriteSerializer
        if self.action in ("accept", "reject"):
            return s.ReviewSerializer
        return self.serializer_class

    def _respond(self, position, code=status.HTTP_200_OK):
        position = Position.objects.select_related(
            "passage__document", "actor", "measure_type", "instrument", "cue", "reviewed_by"
        ).get(pk=position.pk)
        data = self.serializer_class(position, context=self.get_serializer_context()).data
        return Response(data, status=code)

    def create(self, request, *args, **kwargs):
        data = s.PositionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        with _as_drf_errors():
            position = curation.position_create(
                passage=values["passage"],
                actor=values["actor"],
                stance=values["stance"],
                measure_type=values.get("measure_type"),
                instrument=values.get("instrument"),
                start=values.get("start"),
                end=values.get("end"),
                quote=values.get("quote"),
                allow_partial_words=values["allow_partial_words"],
                by=request.user,
                status=values.get("status", Span.Status.ACCEPTED),
                note=values.get("note", ""),
            )
        return self._respond(position, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        position = self.get_object()
        data = s.PositionWriteSerializer(position, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("passage", position.passage) != position.passage:
            raise serializers.ValidationError(
                {"passage": "A position cannot move to another passage."}
            )
        with _as_drf_errors():
            position = curation.position_edit(
                position=position,
                by=request.user,
                actor=values.get("actor"),
                stance=values.get("stance"),
                measure_type=values.get("measure_type"),
                instrument=values.get("instrument"),
                start=values.get("start"),
                end=values.get("end"),
                quote=values.get("quote"),
                allow_partial_words=values.get("allow_partial_words", False),
                status=values.get("status"),
                note=values.get("note"),
                expected_version=_expected_version(request, values),
            )
        return self._respond(position)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.ReviewSerializer, description="Accept the position (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def accept(self, request, pk=None):
        return self._review(request, curation.link_accept)

    @extend_schema(request=s.ReviewSerializer, description="Reject the position (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def reject(self, request, pk=None):
        return self._review(request, curation.link_reject)

    def _review(self, request, decide):
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _as_drf_errors():
            position = decide(
                link=self.get_object(),
                by=request.user,
                note=data.validated_data.get("note"),
                expected_version=_expected_version(request, data.validated_data),
            )
        return self._respond(position)
