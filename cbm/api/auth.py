"""POST auth/token/: a token for a user name and password, guarded by django-axes."""

from axes.helpers import get_cool_off, get_lockout_message
from django.db import transaction
from django.utils.decorators import method_decorator
from rest_framework import parsers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError

from .parsers import JSONParser


class LockedOut(Throttled):
    default_detail = "Too many failed logins."


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class TokenView(ObtainAuthToken):
    """A wrong password is a 400; after too many for one user name from one address, every try
    is a 429 until the cool-off ends. Not atomic: the failure django-axes records must outlive
    the 400 (DRF rolls back a failed request's transaction)."""

    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise LockedOut(
                    wait=cool_off.total_seconds() if cool_off else None,
                    detail=get_lockout_message(),
                ) from None
            raise
