"""Taxonomy, instruments and actors: read-only lists and details."""

from django.db.models import Prefetch
from rest_framework import viewsets

from ...models import (
    Actor,
    Category,
    Instrument,
    LegalBasis,
    MeasureType,
    Mention,
    Participation,
    Provision,
    QualityFigure,
    Span,
    Term,
)
from ...queries import count_of
from .. import serializers as s
from ..filters import ActorFilter
from ..permissions import is_curator
from .base import CSVExportMixin, page_url


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
    term (proximity group, window, cue lists, notes) and inactive terms."""

    serializer_class = s.TermSerializer
    queryset = Term.objects.select_related(
        "measure_type", "instrument", "cue_list", "unless_cue_list"
    )
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


class ActorViewSet(CSVExportMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Actor.objects.select_related("continues")
    serializer_class = s.ActorSerializer
    lookup_field = "slug"
    filterset_class = ActorFilter
    search_fields = ["name", "iso_code"]
    ordering_fields = ["name"]
    # The /actors/ page's CSV button.
    csv_columns = [
        ("slug", lambda o, r: o.slug),
        ("name", lambda o, r: o.name),
        ("name_ru", lambda o, r: o.name_ru),
        ("kind", lambda o, r: o.kind),
        ("iso_code", lambda o, r: o.iso_code),
        ("historical", lambda o, r: o.historical),
        ("continues", lambda o, r: o.continues.slug if o.continues else ""),
        ("continues_since", lambda o, r: o.continues_since or ""),
        ("page_url", lambda o, r: page_url(r, o)),
    ]


class QualityViewSet(viewsets.ReadOnlyModelViewSet):
    """The published quality of the suggestions (as on /about/quality/): precision and recall
    on each language's frozen test split, of the links per measure type and instrument and of
    the positions per stance, each with its base, data set and date."""

    queryset = QualityFigure.objects.order_by("language", "kind", "slug", "pk")
    serializer_class = s.PublishedFigureSerializer
    filterset_fields = {"language": ["exact"], "kind": ["exact"], "slug": ["exact"]}
    ordering_fields = ["language", "kind", "slug", "precision", "recall"]
