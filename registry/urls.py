"""Root URLs: the public pages at / (and in Russian at /ru/), the API at /api/v1/, the
curators' admin at /admin/ (and in Russian at /ru/admin/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("cbm.api.urls")),
]
# The public pages and the admin: in English at their unprefixed addresses, in Russian under
# /ru/. The API is one, in English, for every client.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("cbm.urls")),
    prefix_default_language=False,
)

# JSON under /api/, the site's pages elsewhere (cbm/errors.py).
handler400 = "cbm.errors.bad_request"
handler403 = "cbm.errors.permission_denied"
handler404 = "cbm.errors.page_not_found"
handler500 = "cbm.errors.server_error"
