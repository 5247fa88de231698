"""What the public pages share: their page size, accepted links highlighted, filters kept."""

from django.db.models import Prefetch
from django.utils.http import urlencode

from ..highlight import highlight_spans
from ..models import Citation, Document, Mention
from ..translation import translated

PAGE_SIZE = 20


def accepted_links_prefetch(*related):
    """Accepted mentions and citations of passages, in two queries, as .mentions/.citations
    (with the related rows named too)."""
    return [
        Prefetch(
            "mention_set",
            queryset=Mention.objects.accepted().select_related("measure_type", *related),
            to_attr="mentions",
        ),
        Prefetch(
            "citation_set",
            queryset=Citation.objects.accepted().select_related("instrument", *related),
            to_attr="citations",
        ),
    ]


def highlighted(passage) -> str:
    spans = [
        (m.start, m.end, translated(m.measure_type, "name")[0], "measure") for m in passage.mentions
    ]
    spans += [
        (c.start, c.end, translated(c.instrument, "short_name")[0], "treaty")
        for c in passage.citations
    ]
    return highlight_spans(passage.text, spans)


def filter_params(request) -> str:
    """The request's query string for the links to other pages and the downloads: without its
    page number, and without the form's empty fields (the API refuses an empty parameter)."""
    return urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name != "page"
            for value in values
            if value != ""
        ]
    )


def visible_documents(request):
    """Public documents; curators also reach withdrawn ones (marked as such) by their URL."""
    if request.user.has_perm("cbm.change_document"):
        return Document.objects.all()
    return Document.objects.public()
