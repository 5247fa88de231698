"""The REST API: anyone reads; curators write through the same services as the admin.

One module per concept: base (CSV export, renderers, errors), taxonomy (categories, measure
types, terms, instruments, provisions, actors), texts (documents, passages), links (mentions,
citations) and positions."""

from .base import CSVExportMixin, CSVRenderer, JSONLDRenderer, page_url
from .links import CitationViewSet, LinkViewSet, MentionViewSet
from .positions import PositionViewSet, PositionWriteViewSet
from .taxonomy import (
    ActorViewSet,
    CategoryViewSet,
    InstrumentViewSet,
    MeasureTypeViewSet,
    ProvisionViewSet,
    QualityViewSet,
    TermViewSet,
)
from .texts import DocumentViewSet, PassageViewSet

__all__ = [
    "ActorViewSet",
    "CSVExportMixin",
    "CSVRenderer",
    "CategoryViewSet",
    "CitationViewSet",
    "DocumentViewSet",
    "InstrumentViewSet",
    "JSONLDRenderer",
    "LinkViewSet",
    "MeasureTypeViewSet",
    "MentionViewSet",
    "PassageViewSet",
    "PositionViewSet",
    "PositionWriteViewSet",
    "ProvisionViewSet",
    "QualityViewSet",
    "TermViewSet",
    "page_url",
]
