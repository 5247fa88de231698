"""The REST API: predictable reads for anyone, curator writes through the same services as
the admin, clear 4xx for bad input, constant queries per page."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cbm import exports
from cbm.gold import load_gold
from cbm.ingest import ingest_bytes, ingest_file
from cbm.models import Actor, Citation, Document, Mention
from cbm.suggest import suggest

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def registry_with_links(curator):
    """The demo state: seeds ingested, gold links accepted, the rest pending."""
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    ingest_bytes(
        b"The allies proposed prior notification of exercises.", kind="statement", publisher="NATO"
    )
    suggest()
    return Mention.objects.all()


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# -- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/categories/",
        "/categories/notification/",
        "/measure-types/",
        "/measure-types/advance-notice/",
        "/terms/",
        "/instruments/",
        "/instruments/cfe-treaty-1990/",
        "/provisions/",
        "/actors/",
        "/actors/russia/",
        "/documents/",
        "/passages/",
        "/mentions/",
        "/citations/",
        "/mentions/annotations/",
    ],
)
def test_anyone_can_read_every_endpoint(anon, registry_with_links, url):
    assert anon.get(API + url).status_code == 200


def test_measure_type_carries_category_legal_bases_thresholds_and_counts(anon, registry_with_links):
    data = anon.get(f"{API}/measure-types/advance-notice/").json()
    assert data["category"] == "notification"
    vd = next(
        b for b in data["legal_bases"] if b["provision"]["instrument"] == "vienna-document-2011"
    )
    assert vd["provision"]["label"] == "Ch. V"
    assert {
        "quantity": "troops",
        "value": 9000,
        "unit": "troops",
        "verified": False,
    }.items() <= next(t for t in vd["thresholds"] if t["quantity"] == "troops").items()
    assert data["accepted_mentions"] == 1
    assert data["page"].endswith("/measures/advance-notice/")


def test_instrument_has_parties_and_provisions(anon):
    data = anon.get(f"{API}/instruments/cfe-treaty-1990/").json()
    # `parties` lists every actor with a participation: the 22 signatories and their successors.
    assert len(data["parties"]) == 32 and {"soviet-union", "russia"} <= set(data["parties"])
    assert len(data["participations"]) == 32
    assert "Art. IV(1)" in [p["label"] for p in data["provisions"]]
    assert data["status"] == "suspended"


def test_anonymous_users_see_only_accepted_links(anon, curator_client, registry_with_links):
    public = anon.get(f"{API}/mentions/?page_size=500").json()
    assert {m["status"] for m in public["results"]} == {"accepted"}
    assert public["count"] == Mention.objects.accepted().count()
    everything = curator_client.get(f"{API}/mentions/?page_size=500").json()
    assert everything["count"] == Mention.objects.count() > public["count"]
    pending = Mention.objects.pending().first()
    assert anon.get(f"{API}/mentions/{pending.pk}/").status_code == 404
    assert curator_client.get(f"{API}/mentions/{pending.pk}/").status_code == 200


def test_term_internals_are_for_curators(anon, curator_client):
    public = results(anon.get(f"{API}/terms/?measure_type__slug=exercise-caps"))
    assert public and set(public[0]) == {
        "id",
        "measure_type",
        "instrument",
        "kind",
        "text",
        "language",
    }
    full = results(curator_client.get(f"{API}/terms/?measure_type__slug=exercise-caps"))
    assert {"near", "window", "cue_list", "unless_cue_list", "is_active", "note"} <= set(full[0])


def test_passages_carry_accepted_links_and_a_permalink(anon, registry_with_links):
    passage = Document.objects.get(source_name=ARTICLE_004.name).passages.get(ordinal=8)
    data = anon.get(f"{API}/passages/{passage.pk}/").json()
    assert {m["target"] for m in data["mentions"]} == {"data-exchange"}
    assert [c["target"] for c in data["citations"]] == ["cfe-treaty-1990"]
    assert data["permalink"].endswith(f"/documents/{passage.document_id}/passages/8/")
    assert (
        data["text"][data["citations"][0]["start"] : data["citations"][0]["end"]]
        == "1990 treaty on conventional forces"
    )


# -- filters -----------------------------------------------------------------------------------


def test_mention_filters(anon, curator_client, registry_with_links):
    def slugs(query, client=anon):
        return {
            m["measure_type"] for m in results(client.get(f"{API}/mentions/?page_size=500&{query}"))
        }

    assert slugs("measure_type=exercise-caps") == {"exercise-caps"}
    assert slugs("category=constraints-limits") <= {
        "exercise-caps",
        "troop-deployment-limits",
        "missile-deployment-limits",
    }
    assert slugs("instrument=inf-treaty-1987") == {"missile-deployment-limits"}
    assert slugs("document_kind=statement") == set()  # its link is pending: not public
    assert slugs("document_kind=statement&status=pending", curator_client) == {"advance-notice"}
    assert slugs("publisher=washington insider magazine") == {
        "exercise-caps",
        "troop-deployment-limits",
        "advance-notice",
        "missile-deployment-limits",
        "data-exchange",
    }
    assert slugs("published_after=2022-01-09&published_before=2022-01-09") == {
        "troop-deployment-limits",
        "exercise-caps",
        "missile-deployment-limits",
    }
    assert slugs("actor=poland") == {
        "troop-deployment-limits",
        "exercise-caps",
        "advance-notice",
        "missile-deployment-limits",
    }
    document = Document.objects.get(source_name=ARTICLE_000.name)
    assert len(results(anon.get(f"{API}/mentions/?document={document.pk}"))) == 8


def test_passage_and_document_filters(anon, registry_with_links):
    texts = [p["text"] for p in results(anon.get(f"{API}/passages/?q=Iskander Kaliningrad"))]
    assert len(texts) == 1 and "Iskander" in texts[0]
    assert len(results(anon.get(f"{API}/passages/?measure_type=data-exchange"))) == 1
    assert [d["publisher"] for d in results(anon.get(f"{API}/documents/?kind=statement"))] == [
        "NATO"
    ]
    assert len(results(anon.get(f"{API}/documents/?published_after=2022-01-01&language=en"))) == 1


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("measure_type=no-such-type", "measure_type"),
        ("published_after=2022-13-45", "published_after"),
        ("status=maybe", "status"),
        ("document=abc", "document"),
        ("actor=atlantis", "actor"),
        ("colour=blue", "colour"),
        ("ordering=colour", "ordering"),
        ("published_after=", "published_after"),
        ("page=abc", "page"),
        ("page_size=0", "page_size"),
        ("page_size=100000", "page_size"),
    ],
)
def test_bad_query_parameters_get_a_400_naming_them(anon, query, parameter):
    response = anon.get(f"{API}/mentions/?{query}")
    assert response.status_code == 400, response.content
    assert parameter in response.json()


def test_search_without_search_fields_and_unknown_ordering_are_refused(anon):
    assert anon.get(f"{API}/passages/?search=x").status_code == 400
    assert anon.get(f"{API}/mentions/?ordering=-published").status_code == 400
    assert anon.get(f"{API}/mentions/?ordering=-created_at,start").status_code == 200


def test_a_csv_export_with_a_bad_parameter_says_so_in_csv(anon):
    response = anon.get(f"{API}/mentions/?format=csv&page=-1.5")
    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["parameter", "error"],
        ["page", "must be a positive whole number, not '-1.5'."],
    ]


def test_a_page_past_the_end_is_a_404(anon):
    assert anon.get(f"{API}/measure-types/?page=999").status_code == 404


def test_lists_are_paginated_with_a_maximum(anon):
    data = anon.get(f"{API}/actors/?page_size=10").json()
    assert data["count"] == Actor.objects.count() > 70
    assert len(data["results"]) == 10 and data["next"]


# -- exports -----------------------------------------------------------------------------------


def read_csv(response):
    """The rows of a complete export: its last line states their number."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(content.decode())))[:-1]
    assert exports.complete(content) == len(rows)
    return rows


def test_mentions_csv_has_one_row_per_link_with_document_date_passage_quote_offsets(
    anon, registry_with_links
):
    rows = read_csv(anon.get(f"{API}/mentions/?format=csv&measure_type=advance-notice"))
    assert len(rows) == 1
    row = rows[0]
    document = Document.objects.get(pk=row["document_id"])
    assert (row["published_on"], row["passage_number"], row["quote"]) == (
        "",
        "2",
        "advance notice of force movements",
    )
    assert document.body[int(row["document_start"]) : int(row["document_end"])] == row["quote"]


@pytest.mark.parametrize("endpoint", ["citations", "passages", "measure-types"])
def test_other_csv_exports(anon, registry_with_links, endpoint):
    rows = read_csv(anon.get(f"{API}/{endpoint}/?format=csv"))
    assert rows


def test_csv_cells_cannot_run_as_spreadsheet_formulas(anon, curator):
    ingest_bytes(b'=HYPERLINK("http://evil") and prior notification of exercises.', suggest=True)
    Mention.objects.update(status="accepted")
    rows = read_csv(anon.get(f"{API}/passages/?format=csv"))
    assert rows[0]["text"].startswith("'=HYPERLINK")


def test_accepted_mentions_as_w3c_web_annotations(anon, registry_with_links):
    data = anon.get(f"{API}/mentions/annotations/?measure_type=data-exchange").json()
    assert (
        data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationPage"
    )
    (annotation,) = data["items"]
    quote, position = annotation["target"]["selector"]
    document = Document.objects.get(source_name=ARTICLE_004.name)
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    assert document.body[position["start"] : position["end"]] == quote["exact"]
    assert document.body[: position["start"]].endswith(quote["prefix"])
    assert document.body[position["end"] :].startswith(quote["suffix"])
    assert annotation["motivation"] == "classifying"


# -- writes and permissions ------------------------------------------------------------------------


def unsafe_requests(pending_mention, pending_citation):
    m, c = pending_mention.pk, pending_citation.pk
    return [
        ("post", "/documents/", {"text": "Observers were invited to the exercise."}),
        (
            "post",
            "/mentions/",
            {
                "passage": pending_mention.passage_id,
                "measure_type": "observation",
                "start": 0,
                "end": 5,
            },
        ),
        ("patch", f"/mentions/{m}/", {"status": "accepted"}),
        ("post", f"/mentions/{m}/accept/", {}),
        ("post", f"/mentions/{m}/reject/", {}),
        (
            "post",
            "/citations/",
            {
                "passage": pending_citation.passage_id,
                "instrument": "vienna-document-2011",
                "start": 0,
                "end": 5,
            },
        ),
        ("patch", f"/citations/{c}/", {"note": "checked"}),
        ("post", f"/citations/{c}/accept/", {}),
        ("post", f"/citations/{c}/reject/", {}),
    ]


@pytest.fixture
def pending_links():
    ingest_bytes(b"Talks on the CFE Treaty and prior notification of exercises went on.")
    return Mention.objects.pending().first(), Citation.objects.pending().first()


def test_permission_matrix_for_every_unsafe_method(curator_client, pending_links):
    nobody = get_user_model().objects.create_user("nobody", password="a-long-password-2")
    without_permission = APIClient()
    without_permission.force_authenticate(nobody)
    for method, url, body in unsafe_requests(*pending_links):
        anonymous = getattr(APIClient(), method)(API + url, body, format="json")
        assert anonymous.status_code == 401, (method, url)
        assert (
            getattr(without_permission, method)(API + url, body, format="json").status_code == 403
        ), (method, url)
    for method, url, body in unsafe_requests(*pending_links):
        response = getattr(curator_client, method)(API + url, body, format="json")
        assert response.status_code in (200, 201), (method, url, response.content)


def test_put_and_delete_are_not_offered(curator_client, pending_links):
    mention = pending_links[0]
    assert curator_client.delete(f"{API}/mentions/{mention.pk}/").status_code == 405
    assert curator_client.put(f"{API}/mentions/{mention.pk}/", {}, format="json").status_code == 405


def test_curator_posts_a_document_and_gets_passages_and_suggestions(curator_client):
    text = "Moscow (Example Wire) - The sides discussed prior notification of exercises.\nObservers were invited."
    response = curator_client.post(
        f"{API}/documents/", {"text": text, "kind": "news"}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["publisher"], data["passages"], data["body"]) == ("Example Wire", 2, text)
    assert Mention.objects.filter(passage__document_id=data["id"], status="pending").exists()
    again = curator_client.post(f"{API}/documents/", {"text": text}, format="json")
    assert again.status_code == 200 and again.json()["id"] == data["id"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "   "}, "only whitespace"),
        ({"text": "Exercise caps.", "url": "not a url"}, "url"),
        ({"text": "Exercise caps.", "kind": "poem"}, "kind"),
        ({}, "text"),
    ],
)
def test_bad_documents_get_a_400_and_write_nothing(curator_client, body, message):
    response = curator_client.post(f"{API}/documents/", body, format="json")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_a_text_over_the_size_limit_is_refused_with_the_limit(curator_client, settings):
    text = (
        "The delegations met again in Geneva on Monday. " * 100_000
    )  # 4.8 MB: above Django's default cap
    response = curator_client.post(f"{API}/documents/", {"text": text}, format="json")
    assert response.status_code == 201  # within the 5 MB ingest limit
    settings.CBM_INGEST_MAX_BYTES = 1_000
    response = curator_client.post(
        f"{API}/documents/", {"text": "Limits on drills. " * 100}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "text": ["The text is 1,800 bytes, larger than the 1,000 bytes limit."]
    }


def test_a_broken_json_body_is_a_400(curator_client):
    response = curator_client.post(
        f"{API}/documents/", '{"text": "unterminated', content_type="application/json"
    )
    assert response.status_code == 400 and "JSON parse error" in response.json()["detail"]


def test_accept_and_reject_through_the_api_record_the_curator(
    curator_client, curator, pending_links
):
    mention, citation = pending_links
    assert (
        curator_client.post(
            f"{API}/mentions/{mention.pk}/accept/", {"note": "ok"}, format="json"
        ).json()["status"]
        == "accepted"
    )
    assert (
        curator_client.post(f"{API}/citations/{citation.pk}/reject/", {}, format="json").json()[
            "status"
        ]
        == "rejected"
    )
    mention.refresh_from_db()
    assert (mention.reviewed_by, mention.note) == (curator, "ok")
    assert mention.history.latest().history_user == curator


def test_curator_corrects_a_span_and_adds_a_link_by_its_words(curator_client, pending_links):
    mention = pending_links[0]
    start = mention.passage.text.index("prior notification")
    response = curator_client.patch(
        f"{API}/mentions/{mention.pk}/", {"start": start, "end": start + 18}, format="json"
    )
    assert response.status_code == 200 and response.json()["quote"] == "prior notification"
    created = curator_client.post(
        f"{API}/mentions/",
        {"passage": mention.passage_id, "measure_type": "exercise-caps", "quote": "exercises"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert (created.json()["origin"], created.json()["status"], created.json()["quote"]) == (
        "curator",
        "accepted",
        "exercises",
    )
    duplicate = curator_client.post(
        f"{API}/mentions/",
        {"passage": mention.passage_id, "measure_type": "exercise-caps", "quote": "exercises"},
        format="json",
    )
    assert duplicate.status_code == 400


def test_a_span_outside_the_passage_is_a_400(curator_client, pending_links):
    mention = pending_links[0]
    response = curator_client.patch(
        f"{API}/mentions/{mention.pk}/", {"start": 0, "end": 10_000}, format="json"
    )
    assert response.status_code == 400 and "inside the passage" in response.content.decode()


def test_a_span_of_no_word_is_a_400_and_changes_nothing(curator_client, pending_links):
    """PATCH {"quote": " "} moved the suggestion's span to the passage's first space (200)."""
    mention = pending_links[0]
    for body in ({"quote": " "}, {"quote": "."}, {"start": 5, "end": 6}):
        response = curator_client.patch(f"{API}/mentions/{mention.pk}/", body, format="json")
        assert response.status_code == 400 and "holds no word" in response.content.decode()
    before = (mention.start, mention.end, mention.quote)
    mention.refresh_from_db()
    assert (mention.start, mention.end, mention.quote) == before


def test_a_link_writes_field_errors_are_lists_as_everywhere_else(curator_client, pending_links):
    """{"measure_type": "This field is required."} was a string where every other field error
    of a body is a list of messages (a client looping over it read it letter by letter)."""
    mention = pending_links[0]
    created = curator_client.post(
        f"{API}/mentions/", {"passage": mention.passage_id, "quote": "exercises"}, format="json"
    )
    assert created.json() == {"measure_type": ["This field is required."]}
    other = ingest_bytes(b"Another text on inspections.").document.passages.get()
    moved = curator_client.patch(
        f"{API}/mentions/{mention.pk}/", {"passage": other.pk}, format="json"
    )
    assert moved.json() == {"passage": ["A link cannot move to another passage."]}


def test_a_misspelt_field_in_a_link_write_is_a_400_and_changes_nothing(
    curator_client, pending_links
):
    """PATCH {"stauts": "rejected"} names the unknown field instead of answering 200 with the
    link unchanged (the curator would believe it rejected); the fields a link is read with may
    be sent back as they are (they are ignored), as before."""
    mention = pending_links[0]
    response = curator_client.patch(
        f"{API}/mentions/{mention.pk}/", {"stauts": "rejected"}, format="json"
    )
    assert response.status_code == 400 and response.json() == {"stauts": ["Unknown field."]}
    created = curator_client.post(
        f"{API}/mentions/",
        {"passage": mention.passage_id, "measure_type": "exercise-caps", "qoute": "exercises"},
        format="json",
    )
    assert created.status_code == 400 and "qoute" in created.json()
    mention.refresh_from_db()
    assert mention.status == "pending"
    read = curator_client.get(f"{API}/mentions/{mention.pk}/").json()
    echoed = curator_client.patch(
        f"{API}/mentions/{mention.pk}/", {**read, "status": "rejected"}, format="json"
    )
    assert echoed.status_code == 200, echoed.content
    assert echoed.json()["status"] == "rejected"


# -- speed, schema, docs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    [
        "mentions",
        "citations",
        "passages",
        "measure-types",
        "documents",
        "instruments",
        "terms",
        "provisions",
        "categories",
    ],
)
def test_list_query_count_does_not_depend_on_page_size(anon, registry_with_links, endpoint):
    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            assert anon.get(f"{API}/{endpoint}/?page_size={size}").status_code == 200
        return len(captured)

    assert queries(5) == queries(100)


def test_openapi_schema_is_valid_and_describes_filters(anon, tmp_path):
    from django.core.management import call_command

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    schema = anon.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/mentions/"]["get"]["parameters"]}
    assert {
        "measure_type",
        "category",
        "instrument",
        "status",
        "document",
        "document_kind",
        "publisher",
        "published_after",
        "published_before",
        "actor",
        "page",
        "page_size",
    } <= parameters
    assert "Unicode code points" in schema["info"]["description"]


def test_interactive_docs_are_served_by_the_project_not_a_cdn(client):
    html = client.get(f"{API}/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn" not in html.lower()


def test_anonymous_clients_are_throttled_and_curators_are_not(anon, curator_client, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    try:
        assert [anon.get(f"{API}/categories/").status_code for _ in range(4)] == [
            200,
            200,
            200,
            429,
        ]
        assert {curator_client.get(f"{API}/categories/").status_code for _ in range(5)} == {200}
    finally:
        cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/mentions/?document=99999999999999999999",
        "/mentions/?measure_type=%00",
        "/mentions/?actor=%00",
        "/passages/?q=%00",
        "/passages/?document=0",
    ],
)
def test_values_the_database_cannot_take_are_a_400(anon, url):
    response = anon.get(API + url)
    assert response.status_code == 400, (url, response.status_code)


def test_an_id_out_of_range_in_a_url_is_not_found_never_a_server_error(anon):
    assert anon.get(f"{API}/documents/99999999999999999999/").status_code in (400, 404)
    assert anon.get(f"{API}/documents/?search=%00").json() == ["Null characters are not allowed."]


def test_a_nul_in_a_posted_value_is_a_400_and_writes_nothing(curator_client):
    response = curator_client.post(
        f"{API}/documents/",
        {"text": "Observers were invited.", "publisher": "Bad\x00Press"},
        format="json",
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_csv_error_rows_cannot_run_as_spreadsheet_formulas(anon):
    """A parameter name or value echoed in an error row is quoted like every other cell."""
    for query in ({'=HYPERLINK("http://evil")': "1"}, {"measure_type": "\t=1+1"}):
        response = anon.get(f"{API}/mentions/", {"format": "csv", **query})
        assert response.status_code == 400
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["parameter", "error"] and len(rows) > 1
        for cell in (cell for row in rows[1:] for cell in row):
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), rows


@pytest.mark.parametrize("links", ["mentions", "positions"])
def test_openapi_schema_gives_annotations_their_filters_and_pages(anon, links):
    """The annotation pages take the list's filters and page numbers, and the schema says so."""
    schema = anon.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    listed = schema["paths"][f"/api/v1/{links}/"]["get"]["parameters"]
    annotated = schema["paths"][f"/api/v1/{links}/annotations/"]["get"]["parameters"]
    names = {p["name"] for p in annotated}
    assert {p["name"] for p in listed} - {"format"} <= names
    (page_size,) = (p for p in annotated if p["name"] == "page_size")
    assert page_size["schema"]["maximum"] == 500
