"""Every public list page offers CSV and JSON downloads of the API list with the same filters;
the API gives CSV for instruments, documents, legal bases, thresholds and search results."""

import csv
import html as html_module
import io
import re

import pytest

from cbm import exports
from cbm.models import Actor, Document, Instrument, LegalBasis, Mention, Threshold

from .test_pages import demo, html  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def rows(client, url):
    """The rows of a complete CSV export (its last line states their number)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    table = list(csv.DictReader(io.StringIO(content.decode())))[:-1]
    assert exports.complete(content) == len(table), url
    return table


def download_links(page):
    """(csv, json) URLs of each download button on a page."""
    found = re.findall(r'<a href="([^"]+format=csv)" download>CSV</a><a href="([^"]+)"', page)
    return [(html_module.unescape(c), html_module.unescape(j)) for c, j in found]


@pytest.mark.parametrize(
    ("resource", "count", "column"),
    [
        ("instruments", lambda: Instrument.objects.count(), "short_name"),
        ("legal-bases", lambda: LegalBasis.objects.count(), "provision"),
        ("thresholds", lambda: Threshold.objects.count(), "value"),
    ],
)
def test_the_api_gives_csv_of_registry_lists(client, resource, count, column):
    table = rows(client, f"/api/v1/{resource}/?format=csv")
    assert len(table) == count() > 0 and all(row[column] for row in table)


def test_documents_csv_lists_public_documents_only(client, demo):  # noqa: F811
    withdrawn = Document.objects.first()
    Document.objects.filter(pk=withdrawn.pk).update(withdrawn=True)
    table = rows(client, "/api/v1/documents/?format=csv")
    public = set(Document.objects.public().values_list("pk", flat=True))
    assert {int(row["id"]) for row in table} == public and withdrawn.pk not in public
    assert withdrawn.title not in str(table)


def test_actors_csv_lists_the_filtered_actors_with_their_pages(client):
    """/actors/ links a CSV download: the API gave a 404 ('Not found.') for it."""
    table = rows(client, "/api/v1/actors/?format=csv&kind=alliance")
    assert {row["slug"] for row in table} == set(
        Actor.objects.filter(kind="alliance").values_list("slug", flat=True)
    )
    nato = next(row for row in table if row["slug"] == "nato")
    assert nato["name_ru"] and nato["page_url"].endswith("/actors/nato/")


def test_threshold_csv_filters_by_instrument(client):
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    table = rows(
        client,
        f"/api/v1/thresholds/?format=csv&legal_basis__provision__instrument__slug={cfe.slug}",
    )
    assert table and {row["instrument"] for row in table} == {cfe.slug}


@pytest.mark.parametrize(
    "url",
    [
        "/measures/",
        "/measures/exercise-caps/",
        "/categories/constraints-limits/",
        "/instruments/",
        "/instruments/?status=suspended",
        "/instruments/cfe-treaty-1990/",
        "/actors/",
        "/actors/?kind=alliance",
        "/actors/russia/",
        "/documents/",
        "/documents/?year=2022&kind=news",
        "/search/?q=exercises",
        "/search/?q=troops&kind=news",
    ],
)
def test_every_list_page_links_csv_and_json_downloads_that_work(client, demo, url):  # noqa: F811
    links = download_links(html(client, url))
    assert links, url
    for csv_url, json_url in links:
        assert csv_url.startswith("/api/v1/") and json_url.endswith("format=json")
        rows(client, csv_url)
        assert client.get(json_url).status_code == 200, json_url


def test_measure_type_download_has_the_pages_mentions_sub_types_included(client, demo):  # noqa: F811
    page = html(client, "/measures/exercise-caps/")
    csv_url = next(c for c, _ in download_links(page) if "mention" in c)
    total = int(re.search(r"Mentions <span[^>]*>\((\d+) accepted", page).group(1))
    assert len(rows(client, csv_url)) == total == 5
    inspection = rows(client, "/api/v1/mentions/?format=csv&measure_type_family=inspection")
    assert (
        len(inspection)
        == Mention.objects.public()
        .filter(measure_type__slug__in=["inspection", "challenge-inspection"])
        .count()
    )


def test_document_download_keeps_the_year_filter(client, demo):  # noqa: F811
    page = html(client, "/documents/?year=2022")
    csv_url = download_links(page)[0][0]
    assert "published_after=2022-01-01" in csv_url and "published_before=2022-12-31" in csv_url
    listed = re.findall(r'<li><a href="/documents/(\d+)/"', page)
    assert sorted(int(row["id"]) for row in rows(client, csv_url)) == sorted(map(int, listed))


def test_document_download_keeps_the_language_filter(client, demo):  # noqa: F811
    """/documents/?language=ru linked the CSV and JSON of every document, in any language."""
    from cbm.ingest import ingest_bytes

    ingest_bytes("Россия предложила уведомлять об учениях.".encode(), suggest=False)
    page = html(client, "/documents/?language=ru")
    csv_url = download_links(page)[0][0]
    listed = re.findall(r'<li><a href="/documents/(\d+)/"', page)
    assert "language=ru" in csv_url and len(listed) == 1
    assert [int(row["id"]) for row in rows(client, csv_url)] == [int(listed[0])]


def test_search_download_gives_the_pages_results_in_its_order(client, demo):  # noqa: F811
    page = html(client, "/search/?q=troops")
    csv_url = download_links(page)[0][0]
    listed = re.findall(r'href="(/documents/\d+/passages/\d+/)"', page)
    table = rows(client, csv_url)
    assert [re.sub(r"^https?://[^/]+", "", row["passage_url"]) for row in table] == listed
    json = client.get(download_links(page)[0][1]).json()
    assert json["count"] == len(table)


def test_search_download_leaves_the_forms_empty_fields_out(client, demo):  # noqa: F811
    page = html(client, "/search/?q=troops&measure_type=&category=&kind=&published_after=")
    csv_url, json_url = download_links(page)[0][:2]
    assert "measure_type" not in csv_url and "published_after" not in csv_url
    assert client.get(json_url).json()["count"] == len(rows(client, csv_url)) > 0
    # The API itself refuses an empty parameter beside real ones, as its schema says.
    answer = client.get("/api/v1/search/?q=troops&measure_type=&published_after=")
    assert answer.status_code == 400
    assert set(answer.json()) == {"measure_type", "published_after"}


def test_search_api_says_what_is_wrong_in_words(client):
    assert client.get("/api/v1/search/").json()["count"] == 0  # nothing asked, as on the page
    assert "at least one" in str(client.get("/api/v1/search/?q=").json())
    long = client.get("/api/v1/search/?q=" + "x" * 300)
    assert long.status_code == 400 and "too long" in str(long.json())
    assert client.get("/api/v1/search/?q=a&colour=red").status_code == 400


@pytest.mark.parametrize(
    ("url", "what", "target"),
    [
        ("/measures/exercise-caps/", "mention", {"measure_type__slug": "exercise-caps"}),
        ("/instruments/cfe-treaty-1990/", "citation", {"instrument__slug": "cfe-treaty-1990"}),
    ],
)
def test_a_signed_in_curator_downloads_what_the_page_shows(client, demo, url, what, target):  # noqa: F811
    """A page's download of mentions or citations holds what anyone sees (accepted links of
    documents not withdrawn), for a curator too: no pending, rejected or withdrawn rows."""
    from django.contrib.auth.models import Group

    from cbm.models import Citation

    model = Mention if what == "mention" else Citation
    accepted = model.objects.public().filter(**target).order_by("passage__document_id", "pk")
    pending, hidden = accepted.first(), accepted.last()
    model.objects.filter(pk=pending.pk).update(status="pending")
    if hidden.passage.document_id != pending.passage.document_id:  # (the citations: one)
        Document.objects.filter(pk=hidden.passage.document_id).update(withdrawn=True)
    demo.is_staff = True
    demo.save()
    demo.groups.add(Group.objects.get(name="Curators"))
    public_rows = [len(rows(client, c)) for c, _ in download_links(html(client, url)) if what in c]
    client.force_login(demo)
    curator_links = [c for c, _ in download_links(html(client, url)) if what in c]
    assert [len(rows(client, c)) for c in curator_links] == public_rows
    ids = {int(row["id"]) for c in curator_links for row in rows(client, c)}
    assert pending.pk not in ids
    assert hidden.pk not in ids or hidden.passage.document_id == pending.passage.document_id
