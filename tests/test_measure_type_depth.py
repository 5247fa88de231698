"""A sub-type of a sub-type (the taxonomy allows any depth) is listed under its parent and its
mentions count for every type above it, as a sub-type's do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cbm.ingest import ingest_bytes
from cbm.models import MeasureType, Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def grandchild():
    challenge = MeasureType.objects.get(slug="challenge-inspection")
    return MeasureType.objects.create(
        name="Short-notice challenge inspection",
        slug="short-notice-challenge-inspection",
        category=challenge.category,
        parent=challenge,
        definition="A challenge inspection at very short notice.",
    )


def accepted_mention(measure_type):
    result = ingest_bytes(b"Inspectors arrived within hours.", suggest=False)
    passage = result.document.passages.get()
    return Mention.objects.create(
        passage=passage,
        measure_type=measure_type,
        start=0,
        end=10,
        quote=passage.text[:10],
        status="accepted",
    )


def measures_page(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/measures/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_measures_page_nests_a_third_level_type_under_its_parent(client, grandchild):
    page, _ = measures_page(client)
    challenge = page.index('href="/measures/challenge-inspection/"')
    nested = page.index('href="/measures/short-notice-challenge-inspection/"', challenge)
    assert "<ul>" in page[challenge:nested]  # a list inside the parent's item
    assert 'href="/measures/short-notice-challenge-inspection/"' in client.get("/").content.decode()


def test_the_measures_page_runs_the_same_queries_however_deep_the_tree(client, grandchild):
    _, deep = measures_page(client)
    MeasureType.objects.create(
        name="Night inspection",
        slug="night-inspection",
        category=grandchild.category,
        parent=grandchild,
        definition="Deeper still.",
    )
    page, deeper = measures_page(client)
    assert 'href="/measures/night-inspection/"' in page
    assert deeper == deep


def test_a_third_level_types_mentions_count_for_the_top_level_type(client, grandchild):
    mention = accepted_mention(grandchild)
    quote = f'<mark class="hl-measure">{mention.quote}</mark>'
    assert quote in client.get("/measures/inspection/").content.decode()
    assert quote in client.get("/measures/challenge-inspection/").content.decode()
    search = client.get("/search/", {"measure_type": "inspection"}).content.decode()
    assert "Inspectors arrived within hours" in search
    api = client.get("/api/v1/mentions/", {"measure_type_family": "inspection"}).json()
    assert mention.pk in [row["id"] for row in api["results"]]
