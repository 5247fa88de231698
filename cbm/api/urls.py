from django.db import transaction
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import exports, views
from .auth import TokenView

app_name = "api"

router = DefaultRouter()
router.register("categories", views.CategoryViewSet)
router.register("measure-types", views.MeasureTypeViewSet)
router.register("terms", views.TermViewSet)
router.register("instruments", views.InstrumentViewSet)
router.register("provisions", views.ProvisionViewSet)
router.register("actors", views.ActorViewSet)
router.register("quality", views.QualityViewSet)
router.register("documents", views.DocumentViewSet)
router.register("passages", views.PassageViewSet)
router.register("mentions", views.MentionViewSet)
router.register("citations", views.CitationViewSet)
router.register("positions", views.PositionWriteViewSet)
router.register("legal-bases", exports.LegalBasisViewSet)
router.register("thresholds", exports.ThresholdViewSet)
router.register("search", exports.SearchViewSet, basename="search")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/token/", TokenView.as_view(), name="token"),
    # The schema reads no data; it needs no transaction (requests are atomic otherwise).
    path("schema/", transaction.non_atomic_requests(SpectacularAPIView.as_view()), name="schema"),
    # Its script is a separate request (?script), so the page needs no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="cbm/swagger_ui.html"
        ),
        name="docs",
    ),
]
