"""Search forgives typography, knows the curated terms, and explains an over-long query."""

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Citation, Mention
from cbm.search import QUERY_MAX, SearchFilters, search_passages

pytestmark = pytest.mark.django_db


def found(q, **filters):
    return [p.text for p in search_passages(q, SearchFilters(**filters))]


def test_apostrophes_hyphens_and_spaces_are_the_same():
    """ "NATO's" finds "NATO’s"; "forward-presence" finds "forward presence", and back."""
    ingest_bytes("NATO’s ministers met in Brussels.\n\nThe forward presence grew.".encode())
    ingest_bytes(b"The alliance's forward-presence battalions stayed.", suggest=False)
    assert found("NATO's") == ["NATO’s ministers met in Brussels."]
    assert found("NATO’s") == ["NATO’s ministers met in Brussels."]
    assert sorted(found("forward-presence")) == [
        "The alliance's forward-presence battalions stayed.",
        "The forward presence grew.",
    ]
    assert len(found("forward presence")) == 2


def test_a_curated_term_finds_the_passages_linked_to_its_target():
    """ "INF" finds a passage whose accepted citation is the INF Treaty though its words differ."""
    document = ingest_bytes(
        b"The intermediate-range treaty signed in 1987 was discussed.\n\n"
        b"Nothing else of note happened.\n\n"
        b"Officials mentioned the INF in passing.",
        suggest=False,
    ).document
    first, _, third = document.passages.order_by("ordinal")
    Citation.objects.create(
        passage=first,
        instrument_id=third_instrument("INF"),
        start=0,
        end=3,
        quote="The",
        origin="curator",
        status="accepted",
    )
    texts = found("INF")
    assert set(texts) == {first.text, third.text}
    assert "Nothing else of note happened." not in texts
    assert found("hotline") == []  # a term with no linked or matching passage finds nothing
    assert found("INF Treaty signed") == []  # not a term: only the words count


def test_pending_links_do_not_count_for_a_curated_term():
    document = ingest_bytes(b"A plain passage about nothing in particular.", suggest=False).document
    passage = document.passages.get()
    Mention.objects.create(
        passage=passage,
        measure_type_id=measure_type_of("hotline*"),
        start=0,
        end=1,
        quote="A",
        origin="curator",
        status="pending",
    )
    assert found("hotline") == []


def test_an_over_long_query_gets_a_plain_message(client):
    response = client.get("/search/", {"q": "word " * 100})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Your search is too long: use at most {QUERY_MAX} characters" in page
    assert "errorlist" not in page


def third_instrument(term_text):
    from cbm.models import Term

    return Term.objects.get(text=term_text, instrument__isnull=False).instrument_id


def measure_type_of(term_text):
    from cbm.models import Term

    return Term.objects.get(text=term_text, measure_type__isnull=False).measure_type_id


def test_search_pages_count_every_hit_and_a_page_past_the_end_is_the_last(client, monkeypatch):
    """The count comes with the page's ids (one pass over the hits): exact, every hit once
    across the pages; a page number past the end shows the last page, never a 500."""
    import re

    from cbm.views import search

    for n in range(5):
        ingest_bytes(f"Report {n}: observers were invited to the exercise.".encode(), suggest=False)
    monkeypatch.setattr(search, "PAGE_SIZE", 2)  # the search page's module reads it
    seen = []
    for number in (1, 2, 3):
        page = client.get("/search/", {"q": "observers", "page": number}).content.decode()
        assert "5 passages found." in page
        seen += set(re.findall(r"Report (\d):", page))
    assert sorted(seen) == ["0", "1", "2", "3", "4"]
    last = client.get("/search/", {"q": "observers", "page": 99})
    assert last.status_code == 200
    assert set(re.findall(r"Report (\d):", last.content.decode())) == {seen[-1]}


def test_a_measure_type_filter_finds_its_sub_types_mentions_too():
    """Searching "On-site inspection" finds a passage linked to a challenge inspection (its
    page counts it), and searching the sub-type does not find the parent's passage."""
    from cbm.models import MeasureType

    document = ingest_bytes(
        b"Inspectors arrived at short notice.\n\nAn inspection team visited the base.",
        suggest=False,
    ).document
    challenge, plain = document.passages.order_by("ordinal")
    for passage, slug in ((challenge, "challenge-inspection"), (plain, "inspection")):
        Mention.objects.create(
            passage=passage,
            measure_type=MeasureType.objects.get(slug=slug),
            start=0,
            end=2,
            quote=passage.text[:2],
            origin="curator",
            status="accepted",
        )
    assert sorted(found("", measure_type="inspection")) == sorted([challenge.text, plain.text])
    assert found("", measure_type="challenge-inspection") == [challenge.text]


def test_a_period_that_ends_before_it_starts_is_explained(client):
    """From after To finds nothing: the page and the API say why instead, in the page's
    language, as the tracker does."""
    period = {"q": "treaty", "published_after": "2023-02-01", "published_before": "2023-01-01"}
    page = client.get("/search/", period).content.decode()
    assert "The period must start before it ends." in page
    russian = client.get("/ru/search/", period).content.decode()
    assert "The period must start before it ends." not in russian and 'role="alert"' in russian
    response = client.get("/api/v1/search/", period)
    assert response.status_code == 400
    assert response.json()["published_before"] == ["The period must start before it ends."]
