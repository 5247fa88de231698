"""Positions through the API: reads as the other links (fields, filters, CSV, W3C
annotations), and writes for curators with the model permission — create, correct (actor,
stance, target, span, verdict, note), accept, reject — through the service functions of
cbm.curation, under the same version rule as links (a stale version: 409)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer

from ... import curation
from ...models import Position
from .. import serializers as s
from ..filters import PositionFilter
from ..permissions import is_curator
from .base import CSVExportMixin, JSONLDRenderer, page_url
from .links import annotation_page, annotation_parameters, web_annotation
from .review import ReviewMixin, span_arguments


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
        ).newest_first()
        if is_curator(self.request, Position):
            return queryset
        return queryset.public()

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        filters=True,
        parameters=annotation_parameters(cursor=False),
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
    accept=extend_schema(description="Accept the position (curators)."),
    reject=extend_schema(description="Reject the position (curators)."),
)
class PositionWriteViewSet(ReviewMixin, PositionViewSet):
    __doc__ = PositionViewSet.__doc__

    write_serializer_class = s.PositionWriteSerializer
    answer_related = (
        "passage__document", "actor", "measure_type", "instrument", "cue", "reviewed_by"
    )  # fmt: skip
    noun = "position"

    def create_link(self, values, *, by):
        return curation.position_create(
            passage=values["passage"],
            actor=values["actor"],
            stance=values["stance"],
            measure_type=values.get("measure_type"),
            instrument=values.get("instrument"),
            by=by,
            **span_arguments(values, new=True),
        )

    def edit_link(self, link, values, *, by, expected_version):
        return curation.position_edit(
            position=link,
            by=by,
            actor=values.get("actor"),
            stance=values.get("stance"),
            measure_type=values.get("measure_type"),
            instrument=values.get("instrument"),
            **span_arguments(values, new=False),
            expected_version=expected_version,
        )
