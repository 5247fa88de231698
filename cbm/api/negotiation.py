"""Content negotiation: an unknown ?format= is a 400 naming the formats the URL has (DRF's is a
404 "Not found.", as if the list itself did not exist)."""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            formats = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise ValidationError({"format": f"one of: {formats}."})
        return found
