"""Citing a passage: one record, four formats that real tools read (cbm.citing), and the
permalink page that offers them."""

import json
import re
from datetime import date

import bibtexparser
import pytest
from django.utils import timezone

from cbm import citing
from cbm.citing import Reference
from cbm.ingest import ingest_file
from cbm.models import Document

from .conftest import ARTICLE_000

REF = Reference(
    title="Talks on {snap} exercises & 50% cuts_now",
    paragraph=12,
    permalink="https://registry.example/documents/7/passages/12/",
    accessed=date(2026, 11, 26),
    publisher="Arms Control Wire",
    published=date(2022, 1, 9),
    source_url="https://news.example/a?b=1&c={x}",
    kind="news",
    key="cbm-7-p12",
)


def test_plain_citation_names_title_publisher_date_urls_and_access_date():
    """The line to paste has every part a reader needs to find the words again."""
    text = citing.plain(REF)
    assert text.startswith("Arms Control Wire, “Talks on {snap} exercises & 50% cuts_now”")
    assert "9 January 2022" in text and "https://news.example/a?b=1&c={x}" in text
    assert "paragraph 12, CBM Registry, https://registry.example/documents/7/passages/12/" in text
    assert text.endswith("(accessed 26 November 2026).")


def test_bibtex_parses_with_braces_and_specials_escaped():
    """A BibTeX parser reads one @online entry; braces in the title cannot break it."""
    source = citing.bibtex(REF)
    library = bibtexparser.parse_string(source)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "online" and entry.key == "cbm-7-p12"
    assert entry["title"] == r"{Talks on \{snap\} exercises \& 50\% cuts\_now}"
    assert entry["urldate"] == "2026-11-26" and entry["date"] == "2022-01-09"
    assert entry["url"] == "https://news.example/a?b=1&c=%7Bx%7D"
    assert entry["organization"] == "Arms Control Wire"
    assert source.count("{") == source.count("}") + source.count(r"\}") - source.count(r"\{")


def test_ris_has_type_first_end_last_and_both_urls():
    """RIS: TY opens, ER closes, every line a tag and a value; source and permalink both."""
    lines = citing.ris(REF).split("\r\n")
    assert lines[0] == "TY  - NEWS" and lines[-2] == "ER  -" and lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - ?.*", line) for line in lines[:-1])
    assert "UR  - https://news.example/a?b=1&c={x}" in lines
    assert "UR  - https://registry.example/documents/7/passages/12/" in lines
    assert "DA  - 2022/01/09" in lines and "Y2  - 2026/11/26" in lines
    assert "PB  - Arms Control Wire" in lines


def test_csl_json_is_a_list_of_one_item_with_the_required_fields():
    """CSL-JSON as citeproc and Zotero read it: dates as date-parts."""
    (item,) = json.loads(citing.csl_json(REF))
    assert item["type"] == "article-newspaper" and item["title"] == REF.title
    assert item["issued"] == {"date-parts": [[2022, 1, 9]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 26]]}
    assert item["URL"] == REF.source_url and item["archive_location"] == REF.permalink


def test_without_source_url_or_date_the_permalink_is_the_url():
    """A document ingested from a file still cites: the registry's permalink is the URL."""
    bare = Reference(title="Note", paragraph=1, permalink="https://r/p/", accessed=REF.accessed)
    (item,) = json.loads(citing.csl_json(bare))
    assert item["URL"] == "https://r/p/" and "issued" not in item and item["type"] == "webpage"
    assert citing.ris(bare).startswith("TY  - ELEC\r\n")
    assert bibtexparser.parse_string(citing.bibtex(bare)).entries[0]["url"] == "https://r/p/"


@pytest.fixture
def passage_url(db):
    document = ingest_file(ARTICLE_000, kind="news", suggest=False).document
    Document.objects.filter(pk=document.pk).update(url="https://example.org/story?id=1")
    return document, f"/documents/{document.pk}/passages/12/"


def test_permalink_page_has_one_h1_and_a_copyable_citation(client, passage_url):
    """One heading, the citation in a read-only field (copy works without JavaScript)."""
    document, url = passage_url
    page = client.get(url).content.decode()
    assert page.count("<h1") == 1
    field = re.search(
        r'<textarea id="citation" class="citation" readonly[^>]*>(.*?)</textarea>', page
    )
    assert field, "the citation is in a read-only text field"
    text = field.group(1)
    assert document.title.replace("'", "&#x27;") in text
    assert "https://example.org/story?id=1" in text
    assert f"http://testserver{url}" in text
    assert f"accessed {citing.long_date(timezone.localdate())}" in text
    assert 'data-copy="citation" hidden' in page and re.search(
        r"<script src=\"[^\"]*/cbm/copy[^\"]*\.js\" defer>", page
    )
    for name in ("bibtex", "ris", "csl-json"):
        assert f'href="{url}cite.{name}"' in page


@pytest.mark.parametrize(
    "name,media_type",
    [
        ("bibtex", "application/x-bibtex"),
        ("ris", "application/x-research-info-systems"),
        ("csl-json", "application/vnd.citationstyles.csl+json"),
    ],
)
def test_downloads_are_attachments_in_one_query(
    client, passage_url, django_assert_num_queries, name, media_type
):
    """Each format is a file named after the passage, fetched with one query."""
    document, url = passage_url
    with django_assert_num_queries(3):  # the passage, inside the request's savepoint
        response = client.get(f"{url}cite.{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    assert f'filename="cbm-{document.pk}-p12.' in response["Content-Disposition"]
    body = response.content.decode()
    assert f"http://testserver{url}" in body and "example.org/story" in body


def test_unknown_format_and_withdrawn_documents_are_404(client, passage_url):
    """No citation for what the public cannot see, nor in a format we do not write."""
    document, url = passage_url
    assert client.get(f"{url}cite.docx").status_code == 404
    Document.objects.filter(pk=document.pk).update(withdrawn=True)
    assert client.get(f"{url}cite.ris").status_code == 404


def test_russian_permalink_page_cites_in_russian(client, passage_url):
    """On /ru/ the citation to copy has Russian words and dates, not English ones."""
    _, url = passage_url
    page = client.get(f"/ru{url}").content.decode()
    text = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', page).group(1)
    assert "абзац 12, Реестр МД, " in text and "дата обращения: " in text
    assert "9 января 2022" in text
    assert "paragraph" not in text and "accessed" not in text and "January" not in text


@pytest.mark.parametrize("prefix,language", [("", "en"), ("/ru", "ru")])
def test_the_citation_dates_the_document_as_its_page_does(client, passage_url, prefix, language):
    """One long date for both (translation.long_date): "9 January 2022", "9 января 2022"."""
    from django.utils import translation

    from cbm.translation import long_date

    document, url = passage_url
    page = client.get(prefix + url).content.decode()
    shown = re.search(r"<time datetime=\"[0-9-]+\">(.*?)</time>", page).group(1)
    cite = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', page).group(1)
    with translation.override(language):
        assert shown == long_date(document.published_on) and shown in cite
