"""Download buttons: a list page links to the API list with the same filters, as CSV and
JSON. Empty filters are left out (the API refuses an empty parameter)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def download_links(route: str, what: str = "", querystring: str = "", **filters):
    """`what` names the rows ("these mentions"); `querystring` passes a page's own
    parameters through (the search's), `filters` name the API's."""
    params = [(name, value) for name, value in filters.items() if value not in ("", None)]
    query = "&".join(part for part in (querystring, urlencode(params)) if part)
    base = reverse(route) + "?" + (query + "&" if query else "")
    return format_html(
        '<p class="downloads">{}: <a href="{}" download>CSV</a>'
        '<a href="{}" type="application/json">JSON</a></p>',
        _("Download %(what)s") % {"what": what or _("this list")},
        base + "format=csv",
        base + "format=json",
    )
