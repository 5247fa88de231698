"""A curator who deletes a suggestion means "not this": the suggestion is kept as a rejection,
so the next `suggest` does not propose it again (admin delete, bulk delete; the API has no
delete). Links a curator made by hand are deleted."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from cbm import curation
from cbm.ingest import ingest_bytes
from cbm.models import Document, MeasureType, Mention, Position
from cbm.positions import suggest_positions
from cbm.suggest import suggest

from .test_positions import REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(curator):
    curator.is_staff = True
    curator.save()
    curator.groups.add(Group.objects.get(name="Curators"))
    client = Client()
    client.force_login(curator)
    return client


@pytest.fixture
def report():
    return ingest_bytes(REPORT, source_name="report.txt").document


def suggestion():
    return Mention.objects.get(measure_type__slug="exercise-caps", origin="suggested")


def test_deleting_a_suggestion_in_the_admin_rejects_it_and_suggest_does_not_bring_it_back(
    admin_client, report
):
    """The delete page says so, the row stays as a rejection by the curator, and a rerun of
    suggest leaves it alone."""
    link = suggestion()
    page = admin_client.get(f"/admin/cbm/mention/{link.pk}/delete/")
    assert "will not be deleted but rejected" in page.content.decode()
    response = admin_client.post(f"/admin/cbm/mention/{link.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == "rejected" and link.reviewed_by is not None
    suggest()
    assert list(Mention.objects.filter(measure_type__slug="exercise-caps")) == [link]
    assert Mention.objects.get(pk=link.pk).status == "rejected"


def test_bulk_delete_rejects_suggestions_and_deletes_curators_own_links(
    admin_client, curator, report
):
    link = suggestion()
    own = curation.link_create(
        passage=link.passage,
        target=MeasureType.objects.exclude(pk=link.measure_type_id).first(),
        start=link.start,
        end=link.end,
        by=curator,
    )
    data = {"action": "delete_selected", "_selected_action": [link.pk, own.pk]}
    confirm = admin_client.post("/admin/cbm/mention/?status__exact=all", data)
    assert "will not be deleted but rejected" in confirm.content.decode()
    response = admin_client.post(
        "/admin/cbm/mention/?status__exact=all", {**data, "post": "yes"}, follow=True
    )
    assert "1 suggestion(s) rejected" in response.content.decode()
    assert not Mention.objects.filter(pk=own.pk).exists()
    assert Mention.objects.get(pk=link.pk).status == "rejected"
    suggest()
    assert Mention.objects.filter(measure_type__slug="exercise-caps").count() == 1


def test_deleting_a_suggested_position_rejects_it(admin_client, report):
    position = Position.objects.get(stance="suspends")
    admin_client.post(f"/admin/cbm/position/{position.pk}/delete/", {"post": "yes"})
    assert Position.objects.get(pk=position.pk).status == "rejected"
    suggest_positions(Document.objects.all())
    assert Position.objects.filter(stance="suspends").count() == 1


def test_the_api_does_not_delete_links(curator_client, report):
    link = suggestion()
    assert curator_client.delete(f"/api/v1/mentions/{link.pk}/").status_code == 405
    assert Mention.objects.get(pk=link.pk).status == "pending"
