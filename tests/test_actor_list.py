"""The actors' index, /actors/: every actor with the instruments it took part in and the
positions anyone may see, counted; in the page's language; a constant number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cbm.ingest import ingest_bytes
from cbm.models import Actor, Document, MeasureType, Position

pytestmark = pytest.mark.django_db


def position(actor, status, published_on=None, withdrawn=False, name="a.txt"):
    text = f"Russia is ready to discuss restrictions on exercises ({name}).\n".encode()
    document = ingest_bytes(text, source_name=name, suggest=False).document
    Document.objects.filter(pk=document.pk).update(published_on=published_on, withdrawn=withdrawn)
    passage = document.passages.get()
    return Position.objects.create(
        passage=passage,
        start=0,
        end=6,
        quote=passage.text[:6],
        actor=Actor.objects.get(slug=actor),
        stance="proposes",
        measure_type=MeasureType.objects.get(slug="exercise-caps"),
        status=status,
    )


def row(html, name):
    """The cells of the actor's row, as text."""
    found = re.search(rf"<tr><th scope=\"row\"><a[^>]*>{name}</a>.*?</tr>", html, re.S)
    assert found, name
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(0), re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def test_counts_only_what_the_public_may_see_and_dates_the_latest(client):
    position("russia", "accepted", datetime.date(2021, 3, 4), name="a.txt")
    position("russia", "accepted", datetime.date(2022, 5, 6), name="b.txt")
    position("russia", "accepted", None, name="c.txt")  # undated: counted, never "latest"
    position("russia", "pending", datetime.date(2023, 1, 1), name="d.txt")
    position("russia", "rejected", datetime.date(2023, 1, 1), name="e.txt")
    position("russia", "accepted", datetime.date(2024, 1, 1), withdrawn=True, name="f.txt")
    position("nato", "pending", datetime.date(2020, 1, 1), name="g.txt")

    html = client.get("/actors/").content.decode()
    russia = Actor.objects.get(slug="russia")
    instruments = russia.participations.values("instrument").distinct().count()
    assert instruments > 3
    # kind, instruments, positions, latest
    assert row(html, "Russia")[1:] == [str(instruments), "3", "6 May 2022"]
    assert row(html, "NATO")[2:] == ["0", "—"]
    assert 'href="/actors/russia/"' in html and 'aria-current="page">Actors' in html


def test_filters_by_kind_and_ignores_an_unknown_one_with_a_message(client):
    html = client.get("/actors/?kind=alliance").content.decode()
    assert ">NATO<" in html and ">Russia<" not in html
    response = client.get("/actors/?kind=planet")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">Russia<" in html and "Select a valid choice" in html


def test_russian_page_lists_by_the_russian_name(client):
    html = client.get("/ru/actors/").content.decode()
    names = re.findall(r'<th scope="row"><a href="/ru/actors/[^"]+/"[^>]*>([^<]+)</a>', html)
    assert "Россия" in names and "США" in names
    assert names == sorted(names, key=str.casefold)


def test_queries_do_not_grow_with_actors_or_positions(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/actors/").status_code == 200
        return len(captured)

    before = queries()
    for n, slug in enumerate(["russia", "nato", "united-states", "poland"]):
        position(slug, "accepted", datetime.date(2022, 1, 1 + n), name=f"{slug}.txt")
    Actor.objects.create(name="Atlantis", slug="atlantis")
    assert queries() == before


def test_the_sitemap_lists_the_index(client):
    assert "/actors/</loc>" in client.get("/sitemap.xml").content.decode()


def test_a_mistyped_year_is_not_the_latest_position(client):
    """A document stored with year 2990 or 1066 (before such dates were refused) is left out of
    "newest position", as the timelines leave it out."""
    position("russia", "accepted", datetime.date(2022, 5, 6), name="a.txt")
    position("russia", "accepted", datetime.date(2990, 1, 1), name="b.txt")
    position("nato", "accepted", datetime.date(1066, 10, 14), name="c.txt")
    html = client.get("/actors/").content.decode()
    assert row(html, "Russia")[2:] == ["2", "6 May 2022"]
    assert row(html, "NATO")[2:] == ["1", "—"]
