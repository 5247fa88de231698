"""DRF's exception handler, plus the request errors Django raises while DRF reads a body."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from rest_framework.exceptions import ParseError
from rest_framework.views import exception_handler as drf_exception_handler

from .parsers import PayloadTooLarge


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = ParseError(str(exc))
    return drf_exception_handler(exc, context)
