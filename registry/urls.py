"""Root URLs: the public pages at /, the API at /api/v1/, the curators' admin at /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("cbm.api.urls")),
    path("", include("cbm.urls")),
]
