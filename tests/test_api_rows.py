"""Lists of mentions and citations are written from database rows (values()), not by the
serializer field by field: the JSON is the same, for anyone and for curators, whatever the
links' origin, status, term and reviewer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from cbm.api import serializers as s
from cbm.api.pagination import APIPaginator
from cbm.ingest import ingest_bytes
from cbm.models import Citation, CuratorProfile, Mention, Span
from cbm.suggest import suggest

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def varied_links(gold_links, curator):
    """Accepted by a curator with a public name and without; suggested, pending, rejected;
    by hand; found by a term since deleted; suggested by the measure-type model."""
    ingest_bytes(
        b"The allies proposed prior notification of exercises under the Vienna Document.\n\n"
        b"Moscow gave advance notice of the exercise and cited the CFE Treaty and the INF "
        b"Treaty; observers were invited.",
        kind="statement",
    )
    suggest()
    mentions = Mention.objects.order_by("pk")
    for model in (Mention, Citation):
        pending = model.objects.filter(status=Span.Status.PENDING)
        pending.filter(pk__in=pending.values("pk")[:1]).update(status=Span.Status.REJECTED)
    first = mentions.filter(status=Span.Status.ACCEPTED).first()
    Mention.objects.filter(pk=first.pk).update(origin=Span.Origin.SUGGESTED, reviewed_by=None)
    CuratorProfile.objects.update_or_create(user=curator, defaults={"display_name": " A. N. "})
    term = mentions.exclude(term=None).values("term")[:1]
    Mention.objects.filter(term__in=term).update(term=None, origin=Span.Origin.SUGGESTED)
    by_model = mentions.filter(status=Span.Status.ACCEPTED).exclude(pk=first.pk).last()
    Mention.objects.filter(pk=by_model.pk).update(
        term=None, origin=Span.Origin.SUGGESTED, by_model=True
    )
    assert mentions.filter(status=Span.Status.PENDING).exists()
    assert mentions.filter(origin=Span.Origin.SUGGESTED, term=None, by_model=False).exists()


def field_by_field(serializer, model, request):
    links = model.objects.select_related(
        "passage__document", "term", "reviewed_by__curator_profile"
    ).order_by("pk")
    return serializer(links, many=True, context={"request": request}).data


@pytest.mark.parametrize(
    "serializer, model", [(s.MentionSerializer, Mention), (s.CitationSerializer, Citation)]
)
@pytest.mark.parametrize("as_curator", [False, True])
def test_rows_give_the_json_the_serializer_gives(
    varied_links, curator, serializer, model, as_curator
):
    request = Request(APIRequestFactory().get("/"))
    request.user = curator if as_curator else AnonymousUser()
    expected = field_by_field(serializer, model, request)
    rows = serializer.values_of(model.objects.order_by("pk"))
    assert expected, "no links to compare"
    assert serializer.rows_json(rows, curator=as_curator) == expected


@pytest.mark.parametrize("endpoint", ["mentions", "citations"])
def test_a_list_page_is_the_detail_json_of_each_link_in_order(
    varied_links, curator_client, endpoint
):
    listed = curator_client.get(f"{API}/{endpoint}/?page_size=2&page=2").json()["results"]
    assert listed
    for row in listed:
        assert curator_client.get(f"{API}/{endpoint}/{row['id']}/").json() == row


@pytest.mark.postgres
def test_an_estimated_count_is_reused_and_an_exact_one_never(gold_links, monkeypatch):
    """Beyond ESTIMATE_ABOVE rows the count is the planner's, reused for a minute (no query);
    below it, counted every time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cbm import paging

    queryset = Mention.objects.order_by("pk")
    total = queryset.count()
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", total - 1)
    monkeypatch.setattr(paging, "estimated_count", lambda queryset: total + 1000)
    first = APIPaginator(queryset, 10)
    assert first.count == total + 1000 and first.estimated
    with CaptureQueriesContext(connection) as queries:
        assert APIPaginator(queryset, 10).count == total + 1000
    assert len(queries) == 0
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", total + 1)
    exact = queryset.filter(pk__gt=0)
    assert APIPaginator(exact, 10).count == total
    Mention.objects.filter(pk=queryset.first().pk).delete()
    assert APIPaginator(exact, 10).count == total - 1


@pytest.mark.parametrize("endpoint", ["mentions", "citations"])
@pytest.mark.parametrize("page", ["", "&page=2"])
def test_a_list_page_reads_its_rows_in_one_query(varied_links, curator_client, endpoint, page):
    """Besides the count, one query reads a page's rows with every field (the target's slug,
    the term and the reviewer looked up in it), whatever the page and its size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table = f'"cbm_{endpoint[:-1]}"'
    for size in (2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = curator_client.get(f"{API}/{endpoint}/?page_size={size}{page}")
        assert response.status_code == 200 and response.json()["results"]
        reads = [q["sql"] for q in queries if f"FROM {table}" in q["sql"]]
        # Besides counting (PostgreSQL first asks its planner for an estimate): the page.
        pages = [sql for sql in reads if not ("COUNT(" in sql or sql.startswith("EXPLAIN"))]
        assert len(pages) == 1 and "LIMIT" in pages[0], reads
