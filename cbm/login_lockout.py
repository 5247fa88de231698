"""The answer to a login refused by django-axes (too many wrong passwords for one user name from
one address): a 429 that says why and for how long, JSON for the API, a page for the admin."""

from axes.helpers import get_cool_off, get_lockout_message
from django.http import JsonResponse
from django.shortcuts import render

from .errors import is_api


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    message = get_lockout_message()
    if minutes:
        message = f"{message} The lock lasts {minutes} minutes from the last try."
    if is_api(request):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "cbm/locked_out.html", {"message": message}, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
