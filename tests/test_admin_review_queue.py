"""The review queue and its history in words a curator reads: it opens on the pending links,
and history never shows "Deleted user (pk=None)" for a change nobody in particular made."""

import re

import pytest
from django.urls import reverse

from cbm import curation
from cbm.ingest import ingest_file
from cbm.models import Mention

from .conftest import ARTICLE_004
from .test_admin import curator  # noqa: F401  (the logged-in curator fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curator")]
QUEUE = reverse("admin:cbm_mention_changelist")


@pytest.fixture
def decided(curator):  # noqa: F811
    """Suggestions by the matcher: one accepted, one rejected, the rest pending."""
    ingest_file(ARTICLE_004, kind="news")
    first, second = Mention.objects.order_by("pk")[:2]
    curation.link_accept(link=first, by=curator)
    curation.link_reject(link=second, by=curator)
    return first, second


def shown(response):
    return {row.pk for row in response.context["cl"].result_list}


def test_the_queue_opens_on_pending_links(client, decided):
    """No filter chosen: only pending links; "all" and each status can still be chosen."""
    pending = set(Mention.objects.pending().values_list("pk", flat=True))
    response = client.get(QUEUE)
    assert pending and shown(response) == pending
    assert shown(client.get(QUEUE + "?status__exact=accepted")) == {decided[0].pk}
    assert len(shown(client.get(QUEUE + "?status__exact=all"))) == len(pending) + 2
    page = response.content.decode()
    assert re.search(r'class="selected">\s*<a href="\?status__exact=pending"', page)


def test_history_names_who_changed_and_never_a_deleted_user(client, decided):
    """The matcher's creation says "the matcher"; an empty reviewer is "—"."""
    accepted = decided[0]
    page = client.get(reverse("admin:cbm_mention_history", args=[accepted.pk])).content.decode()
    assert "Deleted user" not in page and "pk=None" not in page
    assert "the matcher" in page
    assert re.search(r"<strong>Reviewed by:</strong>\s*—\s*&nbsp;&rarr;&nbsp;&nbsp;cora", page)


def test_the_term_filter_costs_the_same_however_many_terms_fired(
    client, decided, django_assert_max_num_queries
):
    """The queue's "term" filter names each term that fired without a query per term."""
    fired = Mention.objects.values("term").distinct().count()
    assert fired > 3
    client.get(QUEUE)  # warm per-process caches
    with django_assert_max_num_queries(16):
        page = client.get(QUEUE + "?status__exact=all").content.decode()
    term = Mention.objects.exclude(term=None).first().term
    assert f"?status__exact=all&amp;term__id__exact={term.pk}" in page


def test_the_positions_queue_opens_on_pending_positions(admin_client, admin_user):
    """As the mentions' queue: pending positions only, with a status filter to see all."""
    from cbm.ingest import ingest_bytes
    from cbm.models import Position

    from .test_positions_qa import REPORT

    ingest_bytes(REPORT, source_name="report.txt")
    accepted, pending = Position.objects.order_by("pk")[:2]
    curation.link_accept(link=accepted, by=admin_user)
    response = admin_client.get("/admin/cbm/position/")
    assert shown(response) == {pending.pk}
    html = response.content.decode()
    assert 'href="?status__exact=all"' in html  # the visible way to every status
    assert shown(admin_client.get("/admin/cbm/position/?status__exact=all")) == {
        accepted.pk,
        pending.pk,
    }
    accepted_only = admin_client.get("/admin/cbm/position/?status__exact=accepted")
    assert shown(accepted_only) == {accepted.pk}
