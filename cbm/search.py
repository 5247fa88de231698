"""Full-text search over passages.

PostgreSQL: its text search, English configuration — websearch syntax ("exercise limits",
-bombers, "advance notice"), ranking, and ts_headline snippets; a GIN index on the same
expression (migration 0005) keeps it fast. SQLite: a working fallback — every word, any case,
newest first, snippets cut around the first hit. Filters by links only ever use accepted links.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Passage, Span

# ts_headline marks hits with these; they never occur in ingested text (control characters),
# so the snippet can be escaped first and the marks turned into <mark> after.
START, STOP = "\u0002", "\u0003"
# Must stay identical to the indexed expression in migration 0005.
VECTOR = SearchVector("text", config="english")


@dataclass(frozen=True)
class SearchFilters:
    measure_type: str = ""
    category: str = ""
    instrument: str = ""
    kind: str = ""
    published_after: object = None
    published_before: object = None


def filtered_passages(filters: SearchFilters):
    passages = Passage.objects.public()
    accepted = Q(mention__status=Span.Status.ACCEPTED)
    if filters.measure_type:
        passages = passages.filter(accepted, mention__measure_type__slug=filters.measure_type)
    if filters.category:
        passages = passages.filter(accepted, mention__measure_type__category__slug=filters.category)
    if filters.instrument:
        passages = passages.filter(
            citation__status=Span.Status.ACCEPTED, citation__instrument__slug=filters.instrument
        )
    if filters.kind:
        passages = passages.filter(document__kind=filters.kind)
    if filters.published_after:
        passages = passages.filter(document__published_on__gte=filters.published_after)
    if filters.published_before:
        passages = passages.filter(document__published_on__lte=filters.published_before)
    if filters.measure_type or filters.category or filters.instrument:
        passages = passages.distinct()
    return passages


def search_passages(q: str, filters: SearchFilters):
    """Passages matching q, best first. On PostgreSQL each has .headline (with marks)."""
    passages = filtered_passages(filters).select_related("document")
    if not q.split():
        return passages.order_by("-document__published_on", "document_id", "ordinal")
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="english", search_type="websearch")
        headline = SearchHeadline(
            "text",
            query,
            config="english",
            start_sel=START,
            stop_sel=STOP,
            max_words=45,
            min_words=20,
        )
        return (
            passages.annotate(vector=VECTOR)
            .filter(vector=query)
            .annotate(rank=SearchRank(VECTOR, query), headline=headline)
            .order_by("-rank", "-document__published_on", "pk")
        )
    for word in q.split():
        passages = passages.filter(text__icontains=word.strip('"'))
    return passages.order_by("-document__published_on", "document_id", "ordinal")


def snippet(passage: Passage, q: str, *, length: int = 260) -> SafeString:
    """The passage around its hits, hits in <mark>, everything else escaped."""
    headline = getattr(passage, "headline", None)
    if headline:
        # Escaped first; only the marks, which ingested text never holds, become HTML.
        return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))
    words = [re.escape(w.strip('"')) for w in q.split() if w.strip('"')]
    text = passage.text
    if not words:
        return escape(text[:length] + ("…" if len(text) > length else ""))
    pattern = re.compile("|".join(words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - length // 3)
    excerpt = text[start : start + length]
    pieces, position = [], 0
    for hit in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : hit.start()]))
        pieces.append(f"<mark>{escape(hit.group())}</mark>")
        position = hit.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # every piece was escaped above
