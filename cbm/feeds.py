"""Atom feeds of newly accepted mentions, all of them and per measure type (sub-types
included, as on its page). Only accepted links in public documents; each entry quotes the
words and links to the passage's permalink."""

import copy

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import MeasureType, Mention
from .translation import translated

ENTRIES = 50


class AcceptedMentionsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("CBM Registry: newly accepted mentions")
    subtitle = gettext_lazy(
        "Passages a curator has linked to a confidence-building measure, newest first."
    )

    def __call__(self, request, *args, **kwargs):
        # Entry ids are absolute URLs, built from the request: a copy per request, as the
        # URLconf's one instance serves every thread.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def link(self, obj):
        return reverse("cbm:measure-type-list")

    def mentions(self):
        return (
            Mention.objects.public()
            .select_related("measure_type", "passage__document")
            .defer("passage__document__body", "note")
            .order_by(F("reviewed_at").desc(nulls_last=True), "-pk")
        )

    def items(self, obj):
        return self.mentions()[:ENTRIES]

    def item_title(self, mention):
        return f"{translated(mention.measure_type, 'name')[0]}: “{mention.quote}”"

    def item_description(self, mention):
        document = mention.passage.document
        source = ", ".join(
            part
            for part in (
                document.title,
                document.publisher,
                _("paragraph %(n)s") % {"n": mention.passage.ordinal},
            )
            if part
        )
        # An Atom summary of type "html": readers render it, so the words are escaped.
        return escape(f"“{mention.quote}” — {source}")

    def item_link(self, mention):
        return mention.passage.get_absolute_url()

    def item_guid(self, mention):
        # One passage can carry several mentions: each entry needs an id of its own.
        url = self.request.build_absolute_uri(mention.passage.get_absolute_url())
        return f"{url}#mention-{mention.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, mention):
        return mention.reviewed_at

    def item_updateddate(self, mention):
        return mention.reviewed_at

    def item_categories(self, mention):
        return [translated(mention.measure_type, "name")[0]]


class MeasureTypeMentionsFeed(AcceptedMentionsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(MeasureType, slug=slug)

    def title(self, measure_type):
        return _("CBM Registry: newly accepted mentions of %(name)s") % {
            "name": translated(measure_type, "name")[0]
        }

    def link(self, measure_type):
        return measure_type.get_absolute_url()

    def items(self, measure_type):
        family = MeasureType.objects.family(measure_type.slug)
        return self.mentions().filter(measure_type__in=family)[:ENTRIES]
