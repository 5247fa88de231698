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


@pytest.mark.parametrize("kind", ["mentions", "citations", "positions"])
def test_a_note_on_a_decided_link_keeps_who_decided_it_and_when(client, curator, pending, kind):
    """Another curator's note on an accepted link is kept (versioned, in its history), but the
    acceptance stays the first curator's: the public provenance does not move to the note's
    author or date."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cbm import curation

    link = pending[kind]
    curation.link_accept(link=link, by=curator)
    link.refresh_from_db()
    accepted_at, version = link.reviewed_at, link.version
    other = get_user_model().objects.create_user("nota", password="a-long-password-2")
    other.groups.add(Group.objects.get(name="Curators"))
    client.force_login(other)
    response = client.patch(
        f"{API}/{kind}/{link.pk}/",
        {"note": "source checked", "version": version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    link.refresh_from_db()
    assert link.note == "source checked" and link.version == version + 1
    assert (link.status, link.reviewed_by, link.reviewed_at) == ("accepted", curator, accepted_at)
    assert link.history.count() >= 3  # suggested, accepted, noted
