"""A curator's note on a pending suggestion makes it the curator's: the note records who wrote
it and when (reviewed_by / reviewed_at, as any curation write does), the link stays pending, and
no later run of the matcher withdraws or replaces it, so the note is never lost."""

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Citation, Mention, Position, StanceCue, Term
from cbm.positions import suggest_positions
from cbm.suggest import suggest

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
def test_a_noted_pending_suggestion_survives_the_matcher_losing_it(
    curator_client, curator, pending, kind
):
    link = pending[kind]
    response = curator_client.patch(
        f"{API}/{kind}/{link.pk}/", {"note": "check the date"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"
    # the matcher no longer finds anything: every term and cue is switched off
    Term.objects.update(is_active=False)
    StanceCue.objects.update(is_active=False)
    suggest()
    suggest_positions(type(link.passage.document).objects.all())
    link.refresh_from_db()
    assert (link.status, link.note, link.reviewed_by) == ("pending", "check the date", curator)
    assert link.reviewed_at is not None
