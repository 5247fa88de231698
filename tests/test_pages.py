"""Public pages: readable, citable, searchable; only accepted links; queries that do not grow
with the rows shown."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cbm.gold import load_gold
from cbm.ingest import ingest_bytes, ingest_file
from cbm.models import Document, MeasureType, Mention

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """As after make run: seeds, gold links accepted, the rest pending."""
    curator = get_user_model().objects.create_user("curator", password="a-long-password-3")
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    return curator


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_home_explains_counts_categories_and_latest_documents(client, demo):
    page = html(client, "/")
    assert "confidence-building measure" in page
    assert re.search(r"<strong>17</strong> accepted mentions", page)
    assert "Constraints and limits" in page and 'href="/measures/exercise-caps/"' in page
    assert "Washington Insider Magazine" in page


def test_measure_type_page_has_definition_legal_basis_chart_and_highlighted_mentions(client, demo):
    page = html(client, "/measures/exercise-caps/")
    assert "Caps on the size, number, frequency" in page
    assert "Ch. VIII" in page and "at most 1 activity" in page and "not yet checked" in page
    assert '<svg class="timeline"' in page and "January 2022: 3" in page
    assert '<mark class="hl-measure">restrictions on military exercises</mark>' in page
    assert "5 accepted" in page
    assert 'href="/documents/' in page and "/passages/" in page


def test_sub_type_mentions_count_for_the_parent(client, demo):
    passage = Document.objects.first().passages.first()
    challenge = MeasureType.objects.get(slug="challenge-inspection")
    Mention.objects.create(
        passage=passage,
        measure_type=challenge,
        start=0,
        end=9,
        quote=passage.text[:9],
        status="accepted",
    )
    assert '<mark class="hl-measure">' + passage.text[:9] + "</mark>" in html(
        client, "/measures/inspection/"
    )


def test_instrument_pages(client, demo):
    listing = html(client, "/instruments/")
    assert "CFE Treaty" in listing and "Suspended" in listing.title()
    page = html(client, "/instruments/cfe-treaty-1990/")
    assert "Soviet Union" in page and "Art. IV(1)" in page and "Equipment ceilings" in page
    assert '<mark class="hl-treaty">1990 treaty on conventional forces</mark>' in page


def test_document_list_filters(client, demo):
    ingest_bytes(b"Observers were invited.", kind="statement", publisher="OSCE", published_on=None)
    assert "Observers were invited" in html(client, "/documents/?kind=statement")
    assert "Observers were invited" not in html(client, "/documents/?kind=news")
    assert "Washington Insider" in html(client, "/documents/?publisher=washington insider magazine")
    page = html(client, "/documents/?year=2022")
    assert "According to a source" in page and "A current administration" not in page


def test_document_reader_highlights_accepted_spans_with_labels_and_anchors(client, demo):
    document = Document.objects.get(source_name=ARTICLE_004.name)
    page = html(client, document.get_absolute_url())
    assert page.count('class="passage" id="p-') == 9
    assert (
        '<mark class="hl-measure" title="Prior notification of military activities">advance notice of force movements</mark>'
        in page
    )
    assert (
        '<mark class="hl-treaty" title="CFE Treaty">1990 treaty on conventional forces</mark>'
        in page
    )


def test_passage_permalink_with_a_cite_block(client, demo):
    document = Document.objects.get(source_name=ARTICLE_000.name)
    page = html(client, f"/documents/{document.pk}/passages/12/")
    cite = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "9 January 2022" in cite and "paragraph 12, CBM Registry" in cite
    assert f"http://testserver/documents/{document.pk}/passages/12/" in cite
    assert "INF Treaty" in page


def test_search_ranks_and_highlights_with_filters(client, demo):
    page = html(client, "/search/?q=Iskander+missiles")
    assert "1 passage found" in page and re.search(r"<mark>Iskander</mark>", page)
    page = html(client, "/search/?q=exercises&measure_type=exercise-caps")
    assert "passages found" in page or "passage found" in page
    page = html(client, "/search/?q=troops&instrument=cfe-treaty-1990")
    assert "0 passages found" in page
    page = html(
        client,
        "/search/?q=&category=constraints-limits&kind=news&published_after=2022-01-01&published_before=2022-12-31",
    )
    assert "passages found" in page
    assert "Enter a valid date" in html(client, "/search/?published_after=soon")


def test_quotes_and_text_are_escaped(client):
    document = ingest_bytes(
        b"<script>alert('x')</script> prior notification of exercises."
    ).document
    Mention.objects.update(status="accepted")
    for url in (
        document.get_absolute_url(),
        "/search/?q=notification",
        "/measures/advance-notice/",
    ):
        page = html(client, url)
        assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_pending_and_rejected_links_never_appear(client, demo):
    passage = Document.objects.get(source_name=ARTICLE_000.name).passages.get(ordinal=4)
    observation = MeasureType.objects.get(slug="observation")
    for status, words in (("pending", "massed tens"), ("rejected", "Ukrainian border")):
        start = passage.text.index(words)
        Mention.objects.create(
            passage=passage,
            measure_type=observation,
            start=start,
            end=start + len(words),
            quote=words,
            status=status,
        )
    for url in (
        "/measures/observation/",
        passage.document.get_absolute_url(),
        passage.get_absolute_url(),
        "/",
    ):
        page = html(client, url)
        assert "<mark>massed tens</mark>" not in page and ">Ukrainian border</mark>" not in page
        assert 'title="Observation of military activities"' not in page
    assert "0 accepted" in html(client, "/measures/observation/")
    assert "0 passages found" in html(client, "/search/?measure_type=observation")


def test_friendly_not_found_page(client):
    page = html(client, "/measures/no-such-measure/", status=404)
    assert "There is no page at this address" in page


def test_friendly_server_error_page():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and b"Something went wrong on our side" in response.content


def test_static_files_are_served_by_whitenoise(client):
    page = html(client, "/")
    stylesheet = re.search(r'href="(/static/cbm/site\.[0-9a-f]+\.css)"', page).group(1)
    response = client.get(stylesheet)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")


def make_rows(n):
    for i in range(
        Mention.objects.filter(measure_type__slug="advance-notice", status="accepted").count(), n
    ):
        ingest_bytes(
            f"Report {i}: they agreed on prior notification of exercises.".encode(),
            published_on=None,
        )
    Mention.objects.update(status="accepted")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/measures/",
        "/measures/advance-notice/",
        "/instruments/",
        "/instruments/vienna-document-2011/",
        "/documents/",
        "/search/?q=notification",
        "/search/?measure_type=advance-notice",
    ],
)
def test_page_queries_do_not_grow_with_rows(client, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_rows(3)
    count()  # the first request fills per-process caches (run alone, search read 11 then 8)
    few = count()
    make_rows(15)
    assert count() == few


def test_reader_queries_do_not_grow_with_passages(client):
    def count(document):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(document.get_absolute_url()).status_code == 200
        return len(queries)

    short = ingest_bytes(b"Prior notification of exercises.\n\nObservers were invited.").document
    long = ingest_bytes(
        "\n\n".join(f"Para {i}: prior notification of exercises." for i in range(30)).encode()
    ).document
    Mention.objects.update(status="accepted")
    assert count(short) == count(long)


@pytest.mark.parametrize(
    "url", ["/search/?measure_type=%00", "/documents/?publisher=%00", "/search/?q=%00"]
)
def test_pages_refuse_values_the_database_cannot_take(client, url):
    assert client.get(url).status_code in (200, 400)  # a form error or a 400, never a 500


def test_overlapping_accepted_spans_are_one_highlight_with_both_labels(client, demo):
    document = Document.objects.get(source_name=ARTICLE_004.name)
    page = html(client, document.get_absolute_url())
    assert (
        '<mark class="hl-measure" title="Limits on troop deployments; Limits on military exercises">'
        "scaling back US and Russian troop movements and military drills</mark>"
    ) in page
