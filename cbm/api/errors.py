"""DRF's exception handler, plus the request errors Django raises while DRF reads a body."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import IntegrityError, connections
from rest_framework.exceptions import APIException, ParseError
from rest_framework.views import exception_handler as drf_exception_handler

from ..constraints import violation_message
from .parsers import PayloadTooLarge


class ConstraintViolated(APIException):
    status_code = 400
    default_code = "constraint_violated"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = ParseError(str(exc))
    elif isinstance(exc, IntegrityError):
        # A rule the serializers did not foresee: plain words and a 400, never a 500.
        exc = ConstraintViolated(violation_message(exc))
    if not getattr(getattr(context.get("view"), "dispatch", None), "_non_atomic_requests", None):
        return drf_exception_handler(exc, context)
    # A view outside the request transaction (the token view): DRF would mark a transaction
    # around it (a test's) for rollback, which is not the view's to undo.
    flags = {c.alias: c.needs_rollback for c in connections.all(initialized_only=True)}
    response = drf_exception_handler(exc, context)
    for connection in connections.all(initialized_only=True):
        connection.needs_rollback = flags.get(connection.alias, connection.needs_rollback)
    return response
