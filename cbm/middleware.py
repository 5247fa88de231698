"""A value the database cannot take is the client's mistake, not the server's."""

import logging

from django.db import DataError
from django.http import HttpResponseBadRequest, JsonResponse

logger = logging.getLogger(__name__)
MESSAGE = (
    "A value in the request cannot be stored or looked up: a number out of range, "
    "or a character a database cannot hold (such as NUL)."
)


class BadInputMiddleware:
    """DataError (PostgreSQL: NUL in text, bigint out of range) and OverflowError (SQLite: an
    integer too large) raised by a request's own values become a 400 with a message. Requests
    are atomic (ATOMIC_REQUESTS), so nothing of the request was written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DataError | OverflowError):
            return None
        logger.warning("Bad input on %s: %s", request.path, exception)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGE}, status=400)
        return HttpResponseBadRequest(MESSAGE)
