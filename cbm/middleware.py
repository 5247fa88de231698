"""A value the database cannot take is the client's mistake, not the server's; a query
cancelled by the statement timeout is a clear 503, not a 500."""

import logging

from django.conf import settings
from django.db import DataError, InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from .errors import database_unavailable, is_api

logger = logging.getLogger(__name__)
# In the page's language on the site's pages (/ru/…); the API is never prefixed: English.
MESSAGE = gettext_lazy(
    "A value in the request cannot be stored or looked up: a number out of range, "
    "or a character a database cannot hold (such as NUL)."
)

TIMEOUT_MESSAGE = gettext_lazy(
    "This request took too long for the database and was stopped. Try narrower filters or "
    "a smaller page, or try again in a moment."
)
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement timeout


class BadInputMiddleware:
    """DataError (PostgreSQL: NUL in text, bigint out of range) and OverflowError (SQLite: an
    integer too large) raised by a request's own values become a 400 with a message. Requests
    are atomic (ATOMIC_REQUESTS), so nothing of the request was written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and timed_out(exception):
            logger.warning("Statement timeout on %s", request.get_full_path())
            if request.path.startswith("/api/"):
                response = JsonResponse({"detail": str(TIMEOUT_MESSAGE)}, status=503)
            else:
                response = render(request, "503.html", {"too_slow": TIMEOUT_MESSAGE}, status=503)
            response["Retry-After"] = "30"
            return response
        if not isinstance(exception, DataError | OverflowError):
            return None
        logger.warning("Bad input on %s: %s", request.path, exception)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(MESSAGE)}, status=400)
        return render(request, "400.html", {"message": MESSAGE}, status=400)


class APIErrorsMiddleware:
    """Failures DRF never sees answered as JSON: a body larger than the server reads (413,
    refused before reading it) and a database outage (503, for pages too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if is_api(request) and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return JsonResponse(
                    {"detail": f"The request body is larger than {limit:,} bytes."}, status=413
                )
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable on %s: %s", request.path, exception)
            return database_unavailable(request)
        return None


def timed_out(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED
