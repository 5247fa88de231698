"""Error responses: JSON under /api/ (a client parses what it gets), the site's pages elsewhere.
Django calls these for failures raised outside DRF: unknown URLs, middleware, crashes."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views import defaults

UNAVAILABLE = "The database is unavailable; try again in a moment."


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def database_unavailable(request):
    """A 503 that says to retry: a database outage is not the client's fault, nor a crash."""
    if is_api(request):
        response = JsonResponse({"detail": UNAVAILABLE}, status=503)
    else:
        response = defaults.server_error(request, template_name="503.html")
        response.status_code = 503
    response["Retry-After"] = "30"
    return response


def bad_request(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "You do not have permission to do this."}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    if is_api(request):
        return JsonResponse({"detail": "Server error; it has been logged."}, status=500)
    return defaults.server_error(request)
