"""Public read-only pages. Only accepted links are ever shown; every page runs a fixed number
of queries whatever the number of rows it shows."""

from .common import (
    PAGE_SIZE,
    accepted_links_prefetch,
    filter_params,
    highlighted,
    visible_documents,
)
from .documents import DocumentDetailView, DocumentFilterForm, DocumentListView, PassageDetailView
from .home import HomeView
from .instruments import (
    ActorDetailView,
    ActorListView,
    InstrumentDetailView,
    InstrumentFilterForm,
    InstrumentFilterMixin,
    InstrumentListView,
)
from .quality import QualityView
from .search import SearchForm, SearchView
from .taxonomy import CategoryDetailView, MeasureTypeDetailView, MeasureTypeListView

__all__ = [
    "PAGE_SIZE",
    "ActorDetailView",
    "ActorListView",
    "CategoryDetailView",
    "DocumentDetailView",
    "DocumentFilterForm",
    "DocumentListView",
    "HomeView",
    "InstrumentDetailView",
    "InstrumentFilterForm",
    "InstrumentFilterMixin",
    "InstrumentListView",
    "MeasureTypeDetailView",
    "MeasureTypeListView",
    "PassageDetailView",
    "QualityView",
    "SearchForm",
    "SearchView",
    "accepted_links_prefetch",
    "filter_params",
    "highlighted",
    "visible_documents",
]
