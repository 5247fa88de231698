"""Ingest: real articles in with exact offsets; bad files out with a clear error and nothing written."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cbm.ingest import IngestError, ingest_bytes, ingest_file, read_metadata, split_passages
from cbm.models import Document, Passage

from .conftest import ARTICLE_000, ARTICLE_004, ARTICLES

pytestmark = pytest.mark.django_db


def assert_nothing_written():
    assert Document.objects.count() == 0
    assert Passage.objects.count() == 0


def test_article_000_date_marker_gives_the_date_and_is_not_a_passage():
    result = ingest_file(ARTICLE_000, kind="news")
    document = result.document
    assert result.created
    assert document.published_on == datetime.date(2022, 1, 9)
    assert document.publisher == ""
    assert document.kind == "news"
    assert document.passages.count() == 12
    first = document.passages.get(ordinal=1)
    assert first.start == len(" date 2022-01-09 ")
    assert first.text.startswith("According to a source in the Biden administration")
    assert document.title.startswith("According to a source in the Biden administration")
    assert document.body == ARTICLE_000.read_text(encoding="utf-8")


def test_article_004_dateline_gives_the_publisher_and_stays_in_the_lead():
    document = ingest_file(ARTICLE_004).document
    assert document.publisher == "Washington Insider Magazine"
    assert document.published_on is None
    assert document.passages.count() == 9
    first = document.passages.get(ordinal=1)
    assert (first.start, first.text[:36]) == (0, "Moscow (Washington Insider Magazine)")
    assert document.title.startswith("A current administration official")


def test_every_passage_is_its_documents_exact_words():
    """Offsets are exact: a paragraph of the file is body[start:end], line by line for 004."""
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path)
    for passage in Passage.objects.select_related("document"):
        assert passage.document.body[passage.start : passage.end] == passage.text
    lines = ARTICLE_004.read_text(encoding="utf-8").splitlines()
    texts = list(
        Passage.objects.filter(document__source_name=ARTICLE_004.name).values_list(
            "text", flat=True
        )
    )
    assert texts == [line.strip() for line in lines if line.strip()]


def test_the_same_file_twice_is_one_document():
    first = ingest_file(ARTICLE_000)
    again = ingest_file(ARTICLE_000)
    assert (first.created, again.created, again.outcome) == (True, False, "unchanged")
    assert again.document == first.document
    assert Document.objects.count() == 1 and Passage.objects.count() == 12


def test_a_bom_and_windows_newlines_do_not_make_a_new_document():
    """Decoding drops the BOM and normalises CRLF, so it is the same text."""
    data = ARTICLE_004.read_bytes()
    ingest_bytes(data)
    again = ingest_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    assert not again.created
    assert "\r" not in again.document.body


def test_options_override_what_the_text_says():
    document = ingest_file(
        ARTICLE_004,
        title="US weighs offer on drills",
        published_on=datetime.date(2022, 1, 8),
        publisher="NBC News",
        url="https://example.org/report",
        kind="news",
        language="en",
    ).document
    assert (document.title, document.publisher, document.published_on) == (
        "US weighs offer on drills",
        "NBC News",
        datetime.date(2022, 1, 8),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Prior notification \xff\xfe of exercises",
            "not valid UTF-8: byte 0xff at byte offset 19",
        ),
        (b"", "is empty"),
        (b" \n\t\n  ", "contains only whitespace"),
        (b"PK\x03\x04\x00\x00binary", "looks binary (NUL byte at byte offset 4)"),
        ("Vienna Document".encode("utf-16"), "UTF-16"),
        (b"date 2022-13-45 Talks began.", "not a real date"),
        (b"Talks \x02began\x03.", "control character (U+0002) at byte offset 6"),
        (b"Vertical\x0btab.", "control character (U+000B) at byte offset 8"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(data, message):
    with pytest.raises(IngestError, match=re.escape(message)):
        ingest_bytes(data)
    assert_nothing_written()


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Exercise limits. " * 1000)
    with pytest.raises(IngestError, match="larger than the 1,000 bytes limit"):
        ingest_file(path, max_bytes=1000)
    assert_nothing_written()


def test_the_size_limit_is_a_setting(settings):
    settings.CBM_INGEST_MAX_BYTES = 10
    with pytest.raises(IngestError, match="larger than"):
        ingest_bytes(b"Prior notification of exercises.")


def test_an_invalid_url_is_refused_and_writes_nothing():
    with pytest.raises(IngestError, match="url"):
        ingest_bytes(b"Observers were invited.", url="not a url")
    assert_nothing_written()


def test_command_ingests_good_files_reports_bad_ones_and_fails(tmp_path):
    """One bad file does not stop the others; the exit status says something failed."""
    (tmp_path / "a.txt").write_bytes(ARTICLE_000.read_bytes())
    (tmp_path / "b.md").write_bytes(b"latin-1 caf\xe9")
    (tmp_path / "c.txt").write_bytes(b"   ")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    from io import StringIO

    out, err = StringIO(), StringIO()
    with pytest.raises(
        CommandError, match="3 file\\(s\\): 1 created, 0 unchanged, 2 failed; 12 passage"
    ):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    errors = err.getvalue()
    assert f"error: {tmp_path / 'b.md'}: is not valid UTF-8: byte 0xe9 at byte offset 11" in errors
    assert f"error: {tmp_path / 'c.txt'}: contains only whitespace" in errors
    assert Document.objects.count() == 1


def test_command_summary_on_success_and_rerun(capsys):
    from io import StringIO

    out = StringIO()
    call_command("ingest", str(ARTICLES), "--kind", "news", stdout=out, stderr=StringIO())
    assert (
        "2 file(s): 2 created, 0 unchanged, 0 failed; 21 passage(s) written, 19 link(s) suggested."
        in out.getvalue()
    )
    out = StringIO()
    call_command("ingest", str(ARTICLES), stdout=out, stderr=StringIO())
    assert "0 created, 2 unchanged, 0 failed" in out.getvalue()


def test_command_refuses_a_malformed_date_option():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("ingest", str(ARTICLE_000), "--published", "9 Jan 2022")


def test_command_refuses_a_title_for_many_files():
    with pytest.raises(CommandError, match="exactly one file"):
        call_command("ingest", str(ARTICLES), "--title", "Two at once")
    assert_nothing_written()


def test_a_non_text_file_named_explicitly_is_an_error(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError, match=r"not a \.txt or \.md file"):
        ingest_file(path)


def test_hard_wrapped_markdown_paragraphs_stay_whole():
    body = "# Talks\n\nThe parties discussed\nprior notification of\nexercises.\n\nNext para.\n"
    texts = [body[s:e] for s, e in split_passages(body)]
    assert texts == [
        "# Talks",
        "The parties discussed\nprior notification of\nexercises.",
        "Next para.",
    ]


# Texts made of words, punctuation, spaces, tabs, newlines and the odd non-ASCII letter.
pieces = st.sampled_from([*list("ab .,!?\n\n\t -’“”é#\r"), "Exercise", "date ", "2022-01-09 "])
texts = st.lists(pieces, max_size=80).map("".join)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_passages_are_ordered_disjoint_never_blank_and_exact(body):
    """For any text: passages in order, not overlapping, not blank, trimmed, and cover all words."""
    start = read_metadata(body).content_start if body.strip() else 0
    spans = split_passages(body, start)
    previous_end = start
    covered = set()
    for s, e in spans:
        assert previous_end <= s < e <= len(body)
        text = body[s:e]
        assert text.strip() and text == text.strip()
        covered.update(range(s, e))
        previous_end = e
    uncovered = [i for i in range(start, len(body)) if i not in covered and not body[i].isspace()]
    assert uncovered == []


@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and "\x00" not in t))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_ingests_into_passages_the_database_accepts(text):
    """The database's own checks (triggers) agree with ingest on any Unicode text."""
    try:
        result = ingest_bytes(text.encode("utf-8"))
    except IngestError:
        return  # e.g. a date marker with an impossible date: refused, and nothing written
    for passage in result.document.passages.all():
        assert result.document.body[passage.start : passage.end] == passage.text


def test_a_paragraph_longer_than_the_maximum_is_cut_at_sentence_ends():
    from cbm.ingest import PASSAGE_MAX

    body = "The talks went on. " * 1000  # 19,000 characters, no blank line
    spans = split_passages(body)
    assert len(spans) > 1
    assert all(e - s <= PASSAGE_MAX for s, e in spans)
    assert all(body[s:e].endswith("on.") for s, e in spans)  # cut after a sentence
    assert "".join(body[s:e] + " " for s, e in spans) == body
