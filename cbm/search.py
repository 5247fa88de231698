"""Full-text search over passages.

PostgreSQL: its text search, English configuration — websearch syntax ("exercise limits",
-bombers, "advance notice"), ranking, and ts_headline snippets, over a stored, GIN-indexed
vector (migration 0006). SQLite: a working fallback — every word, any case, newest first,
snippets cut around the first hit. Filters by links only ever use accepted links, as EXISTS
(never a join that needs DISTINCT). Curly and straight apostrophes, hyphens and spaces are
the same to search; a query that is a curated term of a measure type or an instrument also
finds the passages linked to it.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .language import detect_language
from .models import Citation, Instrument, MeasureType, Mention, Passage, Span, Term
from .models.texts import newest_first
from .search_language import query_config, word_pattern
from .suggest import INSTRUMENT, MEASURE_TYPE, build_matcher

# ts_headline marks hits with these; they never occur in ingested text (control characters),
# so the snippet can be escaped first and the marks turned into <mark> after.
START, STOP = "\u0002", "\u0003"


class StoredVector(Expression):
    """The generated, indexed column of migration 0006 (PostgreSQL only; not a model field),
    of whichever alias the passage table has in the query (a subquery's is not the outer's)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{alias}."search_vector"', []


VECTOR = StoredVector()
# Newest first and undated last, by the passage's copy of its document's date: the order of
# an index, no join.
NEWEST = Passage.NEWEST
QUERY_MAX = 200  # characters; the form says so in words
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# A hyphen or dash between two words is a space to search ("forward-presence"); a leading
# hyphen is websearch's "not" and stays.
WORD_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011\u2013](?=\w)")


@dataclass(frozen=True)
class SearchFilters:
    measure_type: str = ""
    category: str = ""
    instrument: str = ""
    kind: str = ""
    published_after: object = None
    published_before: object = None
    language: str = ""


def normalise(q: str) -> str:
    """Curly apostrophes straight, hyphens between words spaces, whitespace single."""
    return " ".join(WORD_HYPHEN.sub(" ", q.translate(APOSTROPHES)).split())


def accepted_links(model, **filters):
    return Exists(
        model.objects.filter(passage=OuterRef("pk"), status=Span.Status.ACCEPTED, **filters)
    )


def filtered_passages(filters: SearchFilters):
    passages = Passage.objects.public()
    if filters.measure_type:
        # The type and its sub-types at any depth, as its page counts them ("Inspection"
        # finds challenge inspections); the pks looked up once, not joined for every hit the
        # EXISTS probes.
        family = MeasureType.objects.family(filters.measure_type)
        passages = passages.filter(accepted_links(Mention, measure_type__in=family))
    if filters.category:
        passages = passages.filter(
            accepted_links(Mention, measure_type__category__slug=filters.category)
        )
    if filters.instrument:
        instrument = Instrument.objects.filter(slug=filters.instrument).order_by().values("pk")[:1]
        passages = passages.filter(accepted_links(Citation, instrument=Subquery(instrument)))
    if filters.kind:
        passages = passages.filter(document__kind=filters.kind)
    if filters.published_after:
        passages = passages.filter(published_on__gte=filters.published_after)
    if filters.published_before:
        passages = passages.filter(published_on__lte=filters.published_before)
    if filters.language:
        passages = passages.filter(language=filters.language)
    return passages


def curated_targets(q: str):
    """Ids of the passages with accepted links to the measure types and instruments of which
    the whole of q is a curated term ("CFE", "Vienna Document", "hotline"); else None."""
    matcher = _term_matcher(detect_language(q))
    targets = {m.target for m in matcher.find(q) if (m.start, m.end) == (0, len(q))}
    if not targets:
        return None
    measure_types = [pk for kind, pk in targets if kind == MEASURE_TYPE]
    instruments = [pk for kind, pk in targets if kind == INSTRUMENT]
    mentions = Mention.objects.public().filter(measure_type__in=measure_types)
    citations = Citation.objects.public().filter(instrument__in=instruments)
    return mentions.order_by().values("passage_id").union(citations.order_by().values("passage_id"))


_matcher_cache: dict = {}  # the matchers over active terms, by the lexicon's last change


def _term_matcher(language: str = "en"):
    """One query per search: the time of the last change to any term (every save is in
    history), so an edit in the admin reaches search at once; the matcher is rebuilt then."""
    version = Term.history.aggregate(last=Max("history_date"), n=Count("pk"))
    key = (version["last"], version["n"])
    if not any(cached == key for cached, _ in _matcher_cache):
        _matcher_cache.clear()
    if (key, language) not in _matcher_cache:
        _matcher_cache[key, language] = build_matcher(language=language)
    return _matcher_cache[key, language]


def ranked(q: str) -> bool:
    """Whether search_passages gives q's hits best first (PostgreSQL), not newest first."""
    return bool(normalise(q)) and connection.vendor == "postgresql"


def search_passages(q: str, filters: SearchFilters):
    """Passages matching q, best first. On PostgreSQL each has .headline (with marks)."""
    passages = filtered_passages(filters).select_related("document")
    q = normalise(q)
    if not q:
        return passages.order_by(*NEWEST)
    linked = curated_targets(q)
    if connection.vendor == "postgresql":
        config = query_config(q, filters.language)  # the passages' vectors are in theirs
        query = SearchQuery(q, config=config, search_type="websearch")
        headline = SearchHeadline(
            "text",
            query,
            config=config,
            start_sel=START,
            stop_sel=STOP,
            max_words=45,
            min_words=20,
        )
        passages = passages.alias(vector=VECTOR)
        rank = SearchRank(F("vector"), query)
        if linked is None:
            passages = passages.filter(vector=query)
        else:
            # The text hits and the linked passages, each found by its own index; a linked
            # passage ranks as a strong text hit would.
            hits = Passage.objects.alias(vector=VECTOR).filter(vector=query)
            passages = passages.filter(pk__in=hits.order_by().values("pk").union(linked))
            rank = rank + Case(When(pk__in=linked, then=Value(0.5)), default=Value(0.0))
        return passages.annotate(rank=rank, headline=headline).order_by(
            "-rank", newest_first(), "pk"
        )
    words = Q()
    for word in q.split():
        if word.strip('"'):
            words &= Q(text__iregex=word_pattern(word.strip('"')))
    if linked is not None:
        words |= Q(pk__in=linked)
    return passages.filter(words).order_by(*NEWEST)


def snippet(passage: Passage, q: str, *, length: int = 260) -> SafeString:
    """The passage around its hits, hits in <mark>, everything else escaped."""
    headline = getattr(passage, "headline", None)
    if headline:
        # Escaped first; only the marks, which ingested text never holds, become HTML.
        return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))
    words = [word_pattern(w.strip('"')) for w in q.split() if w.strip('"')]
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
