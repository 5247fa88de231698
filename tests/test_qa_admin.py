"""Admin addresses and forms edited by hand (a mistyped id in a history URL, a selection that
is not a row's id) answer with a 404 or a message, never a server error, and change nothing."""

import pytest
from django.test import Client

from cbm.models import Mention, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(curator, gold_links):
    curator.is_staff = True
    curator.save()
    client = Client()
    client.force_login(curator)
    return client


@pytest.mark.parametrize("model", ["mention", "term", "document", "category", "cuelist"])
def test_a_history_address_with_a_malformed_id_is_not_found(admin_client, model):
    """/history/abc/ and /history/<id>/abc/ are a 404, as a missing row is."""
    assert admin_client.get(f"/admin/cbm/{model}/abc/history/").status_code == 404
    assert admin_client.get(f"/admin/cbm/{model}/1%27/history/").status_code == 404
    assert admin_client.get(f"/admin/cbm/{model}/1/history/abc/").status_code == 404


def test_a_bulk_action_with_a_malformed_selection_changes_nothing(admin_client):
    """A selection holding something that is not an id is refused with a message: no link
    of it is accepted, and the queue is shown again."""
    link = Mention.objects.order_by("pk").first()
    Mention.objects.filter(pk=link.pk).update(status="pending")
    response = admin_client.post(
        "/admin/cbm/mention/",
        {"action": "accept", "_selected_action": [str(link.pk), "abc"], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert Mention.objects.get(pk=link.pk).status == "pending"
    assert any("not a valid" in str(m) for m in response.context["messages"])


def test_a_term_action_with_a_malformed_selection_changes_nothing(admin_client):
    """The same for the terms' actions: no term is deactivated."""
    term = Term.objects.filter(is_active=True).order_by("pk").first()
    response = admin_client.post(
        "/admin/cbm/term/",
        {"action": "deactivate", "_selected_action": [str(term.pk), "q"], "index": "0"},
    )
    assert response.status_code == 302
    assert Term.objects.get(pk=term.pk).is_active


def test_changing_a_links_target_to_a_twin_of_another_link_is_a_form_error(admin_client):
    """Giving a link the target of another link with the same passage and span is refused on
    the form with the rule's message (the passage is read-only there, which Django's own
    check skips), never a server error; the link keeps its target."""
    from cbm.models import MeasureType

    link = Mention.objects.order_by("pk").first()
    other_type = MeasureType.objects.exclude(pk=link.measure_type_id).order_by("pk").first()
    twin = Mention.objects.create(
        passage=link.passage,
        measure_type=other_type,
        start=link.start,
        end=link.end,
        quote=link.quote,
        origin="curator",
        status="accepted",
    )
    url = f"/admin/cbm/mention/{twin.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(measure_type=link.measure_type_id, allow_partial_words="")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "already has a link to this target" in str(response.context["adminform"].form.errors)
    twin.refresh_from_db()
    assert twin.measure_type == other_type
