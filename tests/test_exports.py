"""CSV exports: a complete file says how many rows it has; a cut one can be told from it;
a too large one is refused up front; rows and visibility are those of the list."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models.expressions import RawSQL
from rest_framework.test import APIClient

from cbm import exports
from cbm.documents import document_withdraw
from cbm.ingest import ingest_bytes
from cbm.models import Document, Mention
from cbm.suggest import suggest

pytestmark = pytest.mark.django_db
API = "/api/v1"
TEXTS = [
    b"date 2021-03-04\n\nThe allies proposed prior notification of exercises.",
    b"date 2022-05-06\n\nMoscow refused advance notice of military exercises and the hotline.",
    b"date 2023-07-08\n\nBoth sides agreed on an exchange of military data and on observers.",
]


@pytest.fixture
def links():
    """Three documents with suggestions; the first two of each document's accepted."""
    for text in TEXTS:
        ingest_bytes(text, kind="news", publisher="=Reuters", suggest=False)
    suggest()
    for mention in Mention.objects.order_by("pk")[::2]:
        Mention.objects.filter(pk=mention.pk).update(status="accepted")
    return Mention.objects.all()


def content(response) -> bytes:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def rows_of(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))[:-1]


def test_a_complete_export_ends_with_its_row_count(links):
    """The last line says how many rows came before it; a client checks it."""
    data = content(APIClient().get(f"{API}/mentions/?format=csv"))
    rows = rows_of(data)
    assert data.endswith(f"# end: {len(rows)} rows\n".encode())
    assert exports.complete(data) == len(rows) == Mention.objects.public().count() > 0
    with pytest.raises(exports.IncompleteExport):
        exports.complete(data[: data.rindex(b"# end")])


def test_export_rows_and_visibility_are_the_lists(links, curator):
    """Anonymous: accepted links of public documents only, with the list's filters; the
    same rows the JSON list gives, in its order."""
    document_withdraw(document=Document.objects.order_by("pk").last(), by=curator, reason="x")
    client = APIClient()
    for query in ("", "&measure_type=advance-notice", "&published_after=2022-01-01"):
        listed = client.get(f"{API}/mentions/?page_size=500{query}").json()["results"]
        exported = rows_of(content(client.get(f"{API}/mentions/?format=csv{query}")))
        assert [int(r["id"]) for r in exported] == [m["id"] for m in listed]
        assert {r["status"] for r in exported} <= {"accepted"}
    withdrawn = Document.objects.get(withdrawn=True)
    everything = rows_of(content(client.get(f"{API}/passages/?format=csv")))
    assert str(withdrawn.pk) not in {r["document_id"] for r in everything}


def test_export_cells_and_addresses(links):
    """Offsets point into the document; text a spreadsheet would run is quoted; the passage
    address is absolute."""
    (row, *_) = rows_of(content(APIClient().get(f"{API}/mentions/?format=csv")))
    mention = Mention.objects.get(pk=row["id"])
    document = mention.passage.document
    assert document.body[int(row["document_start"]) : int(row["document_end"])] == row["quote"]
    assert row["publisher"] == "'=Reuters"
    assert row["published_on"] == str(document.published_on)
    assert row["passage_url"] == "http://testserver" + mention.passage.get_absolute_url()


def test_an_export_over_the_limit_is_refused_before_any_row(links, settings):
    """More rows than CBM_EXPORT_MAX_ROWS: a 400 that says to narrow the filters."""
    settings.CBM_EXPORT_MAX_ROWS = 1
    response = APIClient().get(f"{API}/mentions/?format=csv")
    assert response.status_code == 400
    assert "narrow the filters" in response.content.decode()
    one = APIClient().get(f"{API}/mentions/?format=csv&measure_type=advance-notice")
    assert exports.complete(content(one)) == 1


def test_a_stream_that_fails_midway_has_no_trailer(links, monkeypatch):
    """An error after rows were sent raises (the server aborts the response) and what the
    client got carries no row count."""
    failing = exports.FIELDS["mention"]

    def fields(base_url):
        last = Mention.objects.public().order_by("pk").last().pk
        # Division by zero on the last row, in the database (SQLite gives NULL, so fail there
        # in Python by the same rule).
        return [*failing(base_url), ("boom", RawSQL("1 / (cbm_mention.id - %s)", [last]))]

    monkeypatch.setitem(exports.FIELDS, "mention", fields)
    from django.db import connection

    if connection.vendor != "postgresql":
        real = exports.stream_rows

        def stream_rows(rows, names=None):
            def failing_rows():
                for row in rows:
                    if row[-1] is None:
                        raise ZeroDivisionError("division by zero")
                    yield row

            return real(failing_rows(), names)

        monkeypatch.setattr(exports, "stream_rows", stream_rows)
    response = APIClient().get(f"{API}/mentions/?format=csv")
    received = b""
    with pytest.raises(Exception, match="division by zero"):
        for block in response.streaming_content:
            received += block
    assert received.startswith(b"id,status,measure_type")
    with pytest.raises(exports.IncompleteExport):
        exports.complete(received)


def test_write_csv_is_the_same_export_without_limit(links, settings, tmp_path):
    """The service for background jobs writes the list's rows to a file, any number."""
    settings.CBM_EXPORT_MAX_ROWS = 1
    path = tmp_path / "mentions.csv"
    with path.open("wb") as file:
        n = exports.write_csv("mentions", {}, file, base_url="https://cbm.example.org")
    data = path.read_bytes()
    assert n == Mention.objects.public().count() == len(rows_of(data)) > 1
    assert rows_of(data)[0]["passage_url"].startswith("https://cbm.example.org/documents/")
    as_curator = io.BytesIO()
    user = get_user_model().objects.create_superuser("boss", password="x" * 12)
    assert (
        exports.write_csv(
            "mentions", {"status": "pending"}, as_curator, base_url="https://x.org", user=user
        )
        == Mention.objects.filter(status="pending").count()
    )
    with pytest.raises(ValueError, match="unknown parameter"):
        exports.write_csv("mentions", {"colour": "red"}, io.BytesIO(), base_url="https://x.org")
