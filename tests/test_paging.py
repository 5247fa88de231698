"""Pages of long lists: every row once across the pages, a next link exactly when there is a
next page, a 404 past the end, a count that is exact below the estimate threshold."""

import pytest
from rest_framework.test import APIClient

from cbm import paging
from cbm.ingest import ingest_bytes
from cbm.models import Document, Passage

pytestmark = pytest.mark.django_db


@pytest.fixture
def passages():
    for n in range(4):
        ingest_bytes(
            "\n\n".join(
                f"Report {n}, paragraph {i}: observers were invited." for i in range(3)
            ).encode(),
            suggest=False,
            published_on=f"2020-01-0{n + 1}",
        )
    return Passage.objects.public()


def walk(client, url):
    rows, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        rows += [r["id"] for r in data["results"]]
        url, pages = data["next"], pages + 1
    return rows, pages, data["count"]


def test_api_pages_give_every_row_once_and_stop(passages):
    """Page by page, the same rows in the same order as one big page; no next link on the
    last page; the page after it is a 404."""
    client = APIClient()
    everything = [r["id"] for r in client.get("/api/v1/passages/?page_size=500").json()["results"]]
    rows, pages, count = walk(client, "/api/v1/passages/?page_size=5")
    assert rows == everything and len(rows) == count == passages.count() == 12
    assert pages == 3
    assert client.get("/api/v1/passages/?page_size=5&page=4").status_code == 404
    assert client.get("/api/v1/passages/?page_size=4&page=3").json()["next"] is None


def test_a_huge_list_shows_an_estimated_count(passages, monkeypatch):
    """Over the threshold the count is PostgreSQL's estimate, and pages still work."""
    from django.db import connection

    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 0)
    client = APIClient()
    rows, _, count = walk(client, "/api/v1/passages/?page_size=5")
    assert len(rows) == 12
    if connection.vendor == "postgresql":
        assert isinstance(count, int) and count >= 1  # the planner's figure
    else:
        assert count == 12
    page = client.get("/documents/")
    assert page.status_code == 200
    assert Document.objects.count() == 4


def test_a_stale_estimate_never_stands_for_a_small_list(passages, monkeypatch):
    """Statistics from before a big delete say 26,000 rows: the 12 there are counted exactly."""
    monkeypatch.setattr(paging, "estimated_count", lambda queryset: 26_350)
    rows, _, count = walk(APIClient(), "/api/v1/passages/?page_size=5")
    assert len(rows) == count == 12


def test_documents_pages_link_to_each_other_and_show_every_document_once(passages, monkeypatch):
    """/documents/ links to the next page while there is one (the paging nav was never shown),
    keeps the filters in the link, and documents with the same date and ingest time neither
    repeat nor go missing across pages."""
    import re

    from django.test import Client

    from cbm.views import DocumentListView

    Document.objects.update(published_on="2020-01-01", created_at="2020-01-01T00:00:00Z")
    monkeypatch.setattr(DocumentListView, "paginate_by", 3)
    client, url, seen = Client(), "/documents/?kind=other", []
    while url:
        html = client.get(url).content.decode()
        seen += re.findall(r'href="/documents/(\d+)/"', html)
        older = re.search(r'href="\?([^"]*)" rel="next"', html)
        url = f"/documents/?{older.group(1).replace('&amp;', '&')}" if older else None
        if url:
            assert "kind=other" in url and url.count("page=") == 1
    assert sorted(seen) == sorted(str(pk) for pk in Document.objects.values_list("pk", flat=True))


def test_a_page_number_beyond_any_offset_is_past_the_end(passages, client):
    """A page number too large for the database's offset (SQLite and PostgreSQL take 64-bit
    ones) is a page past the end, a 404, on the pages and in the API; never a server error nor
    a message about a broken rule."""
    huge = 10**22
    assert client.get(f"/documents/?page={huge}").status_code == 404
    assert client.get(f"/ru/documents/?page={huge}").status_code == 404
    for endpoint in ("documents", "passages", "mentions"):
        response = APIClient().get(f"/api/v1/{endpoint}/?page={huge}")
        assert response.status_code == 404, response.content
    assert APIClient().get(f"/api/v1/passages/?page={2**63 // 10}").status_code == 404
