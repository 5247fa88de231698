from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import cite_views, feeds, positions_views, views
from .sitemaps import SITEMAPS, favicon, robots_txt

app_name = "cbm"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("about/quality/", views.QualityView.as_view(), name="quality"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("measures/", views.MeasureTypeListView.as_view(), name="measure-type-list"),
    path(
        "measures/<slug:slug>/", views.MeasureTypeDetailView.as_view(), name="measure-type-detail"
    ),
    path("instruments/", views.InstrumentListView.as_view(), name="instrument-list"),
    path(
        "instruments/<slug:slug>/", views.InstrumentDetailView.as_view(), name="instrument-detail"
    ),
    path("tracker/", positions_views.TrackerView.as_view(), name="tracker"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path(
        "documents/<int:document>/passages/<int:ordinal>/",
        views.PassageDetailView.as_view(),
        name="passage-detail",
    ),
    path("feeds/mentions/", feeds.AcceptedMentionsFeed(), name="feed-mentions"),
    path(
        "measures/<slug:slug>/feed/",
        feeds.MeasureTypeMentionsFeed(),
        name="feed-measure-type-mentions",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "documents/<int:document>/passages/<int:ordinal>/cite.<str:format>",
        cite_views.cite_download,
        name="passage-cite",
    ),
]
