"""A curator's note on a pending suggestion is no verdict: after a PATCH of the note alone the
link is still pending, with no reviewer and no review time; a verdict still records both."""

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Citation, Mention, Position

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def pending():
    ingest_bytes(
        b"Russia suspended the Treaty on Conventional Armed Forces in Europe.\n\n"
        b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
    )
    links = {
        "mentions": Mention.objects.pending().first(),
        "citations": Citation.objects.pending().first(),
        "positions": Position.objects.pending().first(),
    }
    assert all(links.values()), links
    return links


@pytest.mark.parametrize("kind", ["mentions", "citations", "positions"])
def test_a_note_alone_leaves_a_pending_link_pending_and_unreviewed(curator_client, pending, kind):
    link = pending[kind]
    version = link.version
    response = curator_client.patch(
        f"{API}/{kind}/{link.pk}/", {"note": "check the date"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"
    link.refresh_from_db()
    assert link.note == "check the date" and link.version == version + 1
    assert (link.status, link.reviewed_by, link.reviewed_at) == ("pending", None, None)


@pytest.mark.parametrize("kind", ["mentions", "citations", "positions"])
def test_a_verdict_with_a_note_records_the_reviewer(curator_client, curator, pending, kind):
    link = pending[kind]
    body = {"note": "right", "status": "accepted"}
    response = curator_client.patch(f"{API}/{kind}/{link.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    link.refresh_from_db()
    assert (link.status, link.reviewed_by) == ("accepted", curator)
    assert link.reviewed_at is not None
