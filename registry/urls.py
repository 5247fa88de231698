"""Root URLs: the public pages at /, the curators' admin at /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("cbm.urls")),
]
