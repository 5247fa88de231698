"""Deep pages of passages and mentions by cursor: following `next` from the first page gives
every row once, in the list's order, whatever the ties and missing dates; `previous` walks
back the same pages; a cursor page costs the same queries at any depth and page size; a
cursor that is not one is a 400 that names it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cbm.api import pagination
from cbm.ingest import ingest_bytes
from cbm.models import Citation, Mention, Passage, Span
from cbm.suggest import suggest

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def corpus(gold_links):
    """Documents on the same day (ties on the date), one with no date, and links suggested
    in them (several in one passage)."""
    for n in range(5):
        ingest_bytes(
            "\n\n".join(
                f"Report {n}, paragraph {i}: observers were invited to the exercise, and "
                "prior notification of exercises was given under the CFE Treaty."
                for i in range(3)
            ).encode(),
            suggest=False,
            published_on="2021-03-04" if n < 3 else None,
            title=f"Report {n}",
        )
    suggest()
    for model in (Mention, Citation):  # half the suggestions accepted: anyone sees them
        pending = model.objects.filter(status=Span.Status.PENDING).order_by("pk")
        model.objects.filter(pk__in=list(pending.values_list("pk", flat=True))[::2]).update(
            status=Span.Status.ACCEPTED
        )
    assert Passage.objects.filter(published_on=None).exists()
    assert Mention.objects.values("passage").distinct().count() < Mention.objects.count()


@pytest.fixture
def every_page_by_cursor(monkeypatch):
    monkeypatch.setattr(pagination, "KEYSET_AFTER", 0)


def walk(client, url, link="next"):
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        pages.append([row["id"] for row in data["results"]])
        url = data[link]
    return pages


def everything(client, url):
    data = client.get(url + ("&" if "?" in url else "?") + "page_size=500").json()
    assert data["next"] is None
    return [row["id"] for row in data["results"]]


LISTS = [
    ("passages", ""),
    ("passages", "?ordering=-ordinal"),
    ("mentions", ""),
    ("mentions", "?ordering=start"),
    ("citations", ""),
]


@pytest.mark.parametrize("as_curator", [False, True])
@pytest.mark.parametrize("endpoint, query", LISTS)
def test_next_links_walk_every_row_once_in_order(
    corpus, curator_client, every_page_by_cursor, endpoint, query, as_curator
):
    client = curator_client if as_curator else APIClient()
    url = f"{API}/{endpoint}/{query}"
    expected = everything(client, url)
    assert len(expected) > 6, "too few rows to page"
    pages = walk(client, url + ("&" if query else "?") + "page_size=3")
    rows = [pk for page in pages for pk in page]
    assert rows == expected
    assert all(len(page) == 3 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 3


@pytest.mark.parametrize("endpoint, query", LISTS)
def test_previous_links_walk_the_same_pages_back(
    corpus, curator_client, every_page_by_cursor, endpoint, query
):
    url = f"{API}/{endpoint}/{query}" + ("&" if query else "?") + "page_size=4"
    forward = walk(curator_client, url)
    assert len(forward) > 2
    page_url, page = url, curator_client.get(url).json()
    while page["next"]:
        page_url, page = page["next"], curator_client.get(page["next"]).json()
    back = walk(curator_client, page_url, link="previous")  # from the last page to the first
    assert back == list(reversed(forward))


def test_shallow_pages_keep_page_numbers_and_deep_ones_link_by_cursor(corpus, monkeypatch):
    monkeypatch.setattr(pagination, "KEYSET_AFTER", 6)
    client = APIClient()
    first = client.get(f"{API}/passages/?page_size=3").json()
    assert first["next"].endswith("page=2&page_size=3") or "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert "cursor=" in second["next"] and "page=" not in second["next"]
    assert "page_size=3" in second["next"]
    third = client.get(second["next"]).json()
    assert third["count"] == first["count"] == Passage.objects.count()
    direct = client.get(f"{API}/passages/?page_size=3&page=3").json()
    assert [r["id"] for r in third["results"]] == [r["id"] for r in direct["results"]]


@pytest.mark.parametrize("endpoint", ["passages", "mentions"])
def test_a_cursor_page_costs_the_same_queries_at_any_depth_and_size(
    corpus, curator_client, every_page_by_cursor, endpoint
):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = curator_client.get(url)
        assert response.status_code == 200
        return len(captured), response.json()["next"]

    _, second = queries(f"{API}/{endpoint}/?page_size=2")
    shallow, third = queries(second)
    deeper, _ = queries(third)
    assert shallow == deeper
    _, second_big = queries(f"{API}/{endpoint}/?page_size=5")
    assert queries(second_big)[0] == shallow


def _cursor(values):
    import base64
    import json

    order = ["-published_on nulls last", "-document_id", "ordinal", "pk"]  # Passage.NEWEST
    text = json.dumps({"o": order, "v": values})
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


CURSOR_TOO_BIG = _cursor(["2021-03-04", 1, 1, 10**30])
CURSOR_NOT_A_DATE = _cursor(["2021-02-30", 1, 1, 1])


@pytest.mark.parametrize(
    "query, message",
    [
        ("cursor=nonsense", "is not a cursor of this list"),
        ("cursor=eyJvIjpbXSwidiI6W119", "belongs to another order"),
        ("cursor=W10", "is not a cursor of this list"),
        (f"cursor={CURSOR_TOO_BIG}", "is not a cursor of this list"),
        (f"cursor={CURSOR_NOT_A_DATE}", "is not a cursor of this list"),
        ("cursor=", "is empty"),
    ],
)
def test_a_bad_cursor_is_a_400_naming_it(corpus, query, message):
    response = APIClient().get(f"{API}/passages/?{query}")
    assert response.status_code == 400, response.content
    assert message in str(response.json()["cursor"])


def test_a_cursor_of_another_order_or_with_a_page_is_a_400(corpus, every_page_by_cursor):
    client = APIClient()
    cursor = client.get(f"{API}/mentions/?page_size=2").json()["next"].split("cursor=")[1]
    cursor = cursor.split("&")[0]
    other = client.get(f"{API}/mentions/?ordering=start&cursor={cursor}")
    assert other.status_code == 400 and "another order" in str(other.json()["cursor"])
    both = client.get(f"{API}/mentions/?page=2&cursor={cursor}")
    assert both.status_code == 400 and "not both" in str(both.json()["cursor"])
    # A list without cursor pages does not take the parameter.
    assert client.get(f"{API}/documents/?cursor={cursor}").status_code == 400


def test_the_schema_names_the_cursor(corpus):
    schema = (
        APIClient().get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    )
    for endpoint in ("passages", "mentions"):
        names = {p["name"] for p in schema["paths"][f"/api/v1/{endpoint}/"]["get"]["parameters"]}
        assert "cursor" in names
    names = {p["name"] for p in schema["paths"]["/api/v1/documents/"]["get"]["parameters"]}
    assert "cursor" not in names


@pytest.mark.parametrize("endpoint", ["mentions", "citations", "positions"])
def test_lists_give_dated_rows_newest_first_and_undated_ones_last_on_every_database(
    corpus, curator_client, every_page_by_cursor, endpoint
):
    """SQLite and PostgreSQL agree (PostgreSQL's DESC alone put undated rows first), on the
    first page and by cursor alike."""
    from cbm.models import Position

    if endpoint == "positions":
        from cbm.models import Document
        from cbm.positions import suggest_positions

        suggest_positions(Document.objects.all())
    model = {"mentions": Mention, "citations": Citation, "positions": Position}[endpoint]
    expected = everything(curator_client, f"{API}/{endpoint}/")
    dates = dict(model.objects.values_list("pk", "passage__document__published_on"))
    listed = [dates[pk] for pk in expected]
    dated = [day for day in listed if day is not None]
    assert listed == dated + [None] * (len(listed) - len(dated))
    assert dated == sorted(dated, reverse=True)
    if endpoint != "positions":
        assert None in listed and dated
        pages = walk(curator_client, f"{API}/{endpoint}/?page_size=3")
        assert [pk for page in pages for pk in page] == expected
