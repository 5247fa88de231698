"""What a text says about itself: a dateline after a date marker still names the publisher,
and titles are headlines or first sentences, never a dateline. The same text again with another
date is refused, naming the document and its date."""

import datetime

import pytest

from cbm.ingest import IngestError, derive_title, ingest_bytes
from cbm.models import Document

pytestmark = pytest.mark.django_db


def test_a_dateline_after_a_date_marker_gives_the_publisher_not_the_title():
    text = b"date 2024-03-14 Vienna (Arms Control Wire) - The OSCE states agreed on notification of exercises. More followed."
    document = ingest_bytes(text, suggest=False).document
    assert document.publisher == "Arms Control Wire"
    assert str(document.published_on) == "2024-03-14"
    assert document.title == "The OSCE states agreed on notification of exercises."
    assert "Vienna" not in document.title


def test_a_short_first_line_without_a_full_stop_is_the_headline():
    text = b"Russia Notifies Large Exercise Near Border\nMoscow announced a drill. Observers were invited."
    assert (
        ingest_bytes(text, suggest=False).document.title
        == "Russia Notifies Large Exercise Near Border"
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The sides met in Geneva. They agreed.", "The sides met in Geneva."),
        (
            "The sides discussed prior notification\nof exercises in Geneva. Then left.",
            "The sides discussed prior notification of exercises in Geneva.",
        ),
        ("Observers came.", "Observers came."),
        ("word " * 100, ("word " * 40)[:159].rsplit(" ", 1)[0] + "…"),
    ],
)
def test_otherwise_the_first_sentence_cut_at_a_word(text, title):
    assert derive_title(text) == title


# -- the same text again, with another date ---------------------------------------------------

TEXT = b"date 2022-01-09 The sides discussed prior notification of exercises. Observers came."


def test_the_same_text_with_another_date_names_the_document_and_its_date_and_changes_nothing():
    """It answered "unchanged" and kept the old date without a word."""
    document = ingest_bytes(TEXT, suggest=False).document
    with pytest.raises(IngestError) as raised:
        ingest_bytes(TEXT, suggest=False, published_on=datetime.date(2023, 3, 1))
    message = str(raised.value)
    with pytest.raises(IngestError, match="not 2023-03-01"):  # a date given as text too
        ingest_bytes(TEXT, suggest=False, published_on="2023-03-01")
    assert f"is already document {document.pk}" in message
    assert "published on 2022-01-09, not 2023-03-01" in message and "nothing" in message
    document.refresh_from_db()
    assert document.published_on == datetime.date(2022, 1, 9)


def test_the_same_text_with_its_own_date_or_none_is_unchanged():
    """Nothing claimed, nothing to report: the text's own marker, the stored date or no date."""
    document = ingest_bytes(TEXT, suggest=False).document
    for date in (None, datetime.date(2022, 1, 9)):
        result = ingest_bytes(TEXT, suggest=False, published_on=date)
        assert result.document == document and result.outcome == "unchanged"


def test_a_date_a_curator_corrected_is_kept_and_reingesting_the_file_still_passes():
    """make run ingests the seeds again: the marker in the text is no new claim."""
    document = ingest_bytes(TEXT, suggest=False).document
    Document.objects.filter(pk=document.pk).update(published_on=datetime.date(2022, 1, 10))
    assert ingest_bytes(TEXT, suggest=False).outcome == "unchanged"
    with pytest.raises(IngestError, match="published on 2022-01-10, not 2022-01-09"):
        ingest_bytes(TEXT, suggest=False, published_on=datetime.date(2022, 1, 9))


def test_an_undated_document_says_it_has_no_date():
    document = ingest_bytes(TEXT[16:], suggest=False).document
    with pytest.raises(IngestError, match=f"document {document.pk} .*has no publication date"):
        ingest_bytes(TEXT[16:], suggest=False, published_on=datetime.date(2023, 3, 1))
    document.refresh_from_db()
    assert document.published_on is None


def test_bulk_ingest_says_the_same():
    from cbm.ingest_bulk import ingest_many

    document = ingest_bytes(TEXT, suggest=False).document
    [(_name, outcome)] = ingest_many(
        [("a.txt", TEXT)], suggest_links=False, published_on=datetime.date(2023, 3, 1)
    )
    assert isinstance(outcome, IngestError) and f"document {document.pk}" in str(outcome)


def test_the_command_reports_it_as_a_failure(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    ingest_bytes(TEXT, suggest=False)
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT)
    out = StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        call_command("ingest", str(path), "--published", "2023-03-01", stdout=out, stderr=out)
    assert "a.txt: is already document" in out.getvalue()


def test_the_api_answers_409_with_the_document_and_its_date(curator_client):
    text = TEXT.decode()
    first = curator_client.post("/api/v1/documents/", {"text": text}, format="json").json()
    response = curator_client.post(
        "/api/v1/documents/", {"text": text, "published_on": "2023-03-01"}, format="json"
    )
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["document"] == first["id"] and body["published_on"] == "2022-01-09"
    assert "published on 2022-01-09, not 2023-03-01" in body["detail"]
    again = curator_client.post(
        "/api/v1/documents/", {"text": text, "published_on": "2022-01-09"}, format="json"
    )
    assert again.status_code == 200 and again.json()["id"] == first["id"]


def test_the_admins_ingest_page_shows_it_as_that_files_error(admin_client):
    document = ingest_bytes(TEXT, suggest=False).document
    page = admin_client.post(
        "/admin/cbm/document/ingest/",
        {"text": TEXT.decode(), "published_on": "2023-03-01", "kind": "news"},
    ).content.decode()
    assert f"is already document {document.pk}" in page and "0 files ingested, 1 failed" in page
