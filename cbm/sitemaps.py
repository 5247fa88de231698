"""What crawlers and browsers ask a site's root for: sitemap.xml (public pages only, withdrawn
documents left out; each page in every language, with its alternates), robots.txt pointing to
it, and /favicon.ico."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import Actor, Category, Document, Instrument, MeasureType


class MultilingualSitemap(Sitemap):
    """Each page at its address in every language (/…, /ru/…), naming the others."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(MultilingualSitemap):
    """The site's fixed pages."""

    names = [
        "home",
        "measure-type-list",
        "instrument-list",
        "actor-list",
        "document-list",
        "tracker",
        "quality",
    ]

    def items(self):
        return self.names

    def location(self, name):
        return reverse(f"cbm:{name}")


class RecordSitemap(MultilingualSitemap):
    """The pages of one kind of record, each at its get_absolute_url()."""

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.all()  # a fresh query each time, never a cached list


class DocumentSitemap(MultilingualSitemap):
    def items(self):
        return Document.objects.public().defer("body").order_by("pk")

    def lastmod(self, document):
        return document.updated_at


SITEMAPS = {
    "pages": PagesSitemap(),
    "categories": RecordSitemap(Category.objects.order_by("order", "pk")),
    "measures": RecordSitemap(MeasureType.objects.order_by("slug")),
    "instruments": RecordSitemap(Instrument.objects.order_by("slug")),
    "actors": RecordSitemap(Actor.objects.order_by("slug")),
    "documents": DocumentSitemap(),
}


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ru/admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('cbm:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers that ignore the page's <link rel=icon> ask for /favicon.ico: the SVG icon."""
    return redirect(static("cbm/favicon.svg"))
