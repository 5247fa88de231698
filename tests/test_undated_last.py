"""Every public list ordered by date reads dated documents newest first and undated ones last,
on SQLite and PostgreSQL alike (PostgreSQL's plain DESC puts NULL first, SQLite's last)."""

import datetime

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Actor, Citation, Document, Instrument, MeasureType, Mention, Position

pytestmark = pytest.mark.django_db

# Three reports with the same words, one a year: the undated one ingested in between, so that
# neither ingest order nor id can put it last by chance.
TITLES = ["Report of 2021", "Report without a date", "Report of 2023"]
DATES = [datetime.date(2021, 5, 1), None, datetime.date(2023, 5, 1)]
TEXT = (
    "{title}: Russia proposed prior notification of military exercises under the "
    "Treaty on Conventional Armed Forces in Europe."
)


def link(model, passage, words, **target):
    start = passage.text.index(words)
    return model.objects.create(
        passage=passage,
        start=start,
        end=start + len(words),
        quote=words,
        status="accepted",
        **target,
    )


@pytest.fixture
def reports():
    """Linked by hand (no matcher to build): a mention, a citation and a position each."""
    notice = MeasureType.objects.get(slug="advance-notice")
    for title, day in zip(TITLES, DATES, strict=True):
        text = TEXT.format(title=title).encode()
        document = ingest_bytes(
            text, title=title, published_on=day, kind="news", suggest=False
        ).document
        passage = document.passages.get()
        link(Mention, passage, "prior notification", measure_type=notice)
        link(
            Citation,
            passage,
            "Treaty on Conventional Armed Forces in Europe",
            instrument=Instrument.objects.get(slug="cfe-treaty-1990"),
        )
        # The position's quote is the title: the actor's page shows quotes, not titles.
        link(
            Position,
            passage,
            title,
            actor=Actor.objects.get(slug="russia"),
            stance="proposes",
            measure_type=notice,
        )


def order_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    found = sorted((page.find(title), title) for title in TITLES if title in page)
    return [title for _, title in found]


NEWEST_FIRST = ["Report of 2023", "Report of 2021", "Report without a date"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/documents/",
        "/documents/?language=en",
        "/measures/advance-notice/",
        "/instruments/cfe-treaty-1990/",
        "/search/?measure_type=advance-notice",
        "/search/?q=notification",
        "/search/?q=exercises&kind=news",
    ],
)
def test_pages_list_undated_documents_after_the_dated_ones(client, reports, url):
    """A reader sees the newest dated documents first, whatever the database."""
    assert order_on(client, url) == NEWEST_FIRST


def test_an_actors_page_lists_undated_positions_last(client, reports):
    assert order_on(client, "/actors/russia/") == NEWEST_FIRST


@pytest.mark.parametrize("endpoint", ["documents", "passages"])
def test_api_lists_in_the_models_default_order_put_undated_rows_last(client, reports, endpoint):
    """The documents' and passages' lists keep their models' order: undated last there too."""
    rows = client.get(f"/api/v1/{endpoint}/").json()["results"]
    titles = [
        row["title"] if endpoint == "documents" else row["text"].split(":")[0] for row in rows
    ]
    assert list(dict.fromkeys(titles)) == NEWEST_FIRST


@pytest.mark.parametrize(
    ("url", "dated"),
    [
        ("/api/v1/documents/?ordering=-published_on", ["Report of 2023", "Report of 2021"]),
        ("/api/v1/documents/?ordering=published_on", ["Report of 2021", "Report of 2023"]),
        (
            "/api/v1/mentions/?ordering=passage__document__published_on",
            ["Report of 2021", "Report of 2023"],
        ),
    ],
)
def test_api_ordering_by_date_puts_undated_rows_last_either_way(client, reports, url, dated):
    """?ordering= by a date, up or down: the undated document comes last on every database."""
    rows = client.get(url).json()["results"]
    title = dict(Document.objects.values_list("pk", "title"))
    titles = [title[row["document"] if "document" in row else row["id"]] for row in rows]
    assert titles == [*dated, "Report without a date"]
