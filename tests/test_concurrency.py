"""Curators' decisions survive concurrency: a running suggest never deletes or changes a link a
curator touched, two writers never silently overwrite each other, and nothing unreviewed leaks.

The interleavings are forced deterministically on both databases; on PostgreSQL the same
promises are also checked with real concurrent transactions in threads."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import close_old_connections, connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cbm import curation
from cbm import suggest as suggest_module
from cbm.ingest import ingest_bytes
from cbm.models import MeasureType, Mention, Term
from cbm.suggest import suggest

API = "/api/v1"
TEXT = "\n\n".join(
    f"Paragraph {n}: the parties agreed on advance notification of large exercises."
    for n in range(1, 41)
).encode()
# A curator's span correction: other words than any the matcher suggests in TEXT, so a correction
# always changes the link (whatever the lexicon's longest match there is).
CORRECTED = "notification of large exercises"


def make_curator(name="cura"):
    user = get_user_model().objects.create_user(name, password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def pending_for_one_term():
    """40 pending suggestions, all made by one term, which a curator then deactivates."""
    ingest_bytes(TEXT, kind="news", publisher="Wire")
    links = Mention.objects.pending().filter(measure_type__slug="advance-notice")
    terms = set(links.values_list("term", flat=True))
    assert len(terms) == 1 and links.count() == 40, (terms, links.count())
    term = Term.objects.get(pk=terms.pop())
    term.is_active = False
    term.save()
    return list(links.order_by("pk"))


# -- forced interleavings (SQLite and PostgreSQL) ---------------------------------------------


@pytest.mark.django_db
def test_suggest_never_withdraws_a_link_accepted_after_it_read_the_links(monkeypatch):
    curator = make_curator()
    links = pending_for_one_term()
    accepted = links[:10]
    real = suggest_module.is_decided
    calls = {"n": 0}

    def curator_accepts_meanwhile(*args):
        # suggest has read the links as pending; a curator accepts ten of them now.
        if calls["n"] == 0:
            for link in accepted:
                curation.link_accept(link=link, by=curator)
        calls["n"] += 1
        return real(*args)

    monkeypatch.setattr(suggest_module, "is_decided", curator_accepts_meanwhile)
    result = suggest()

    assert calls["n"] > 0
    survivors = Mention.objects.filter(pk__in=[link.pk for link in links])
    assert set(survivors.values_list("pk", flat=True)) == {link.pk for link in accepted}
    assert set(survivors.values_list("status", flat=True)) == {"accepted"}
    assert result.withdrawn == 30


@pytest.mark.django_db
def test_accepting_a_suggestion_the_matcher_withdrew_is_a_conflict_not_a_success():
    curator = make_curator()
    link = pending_for_one_term()[0]
    suggest()  # the term is inactive: the suggestion is withdrawn
    response = api_client(curator).post(f"{API}/mentions/{link.pk}/accept/")
    assert response.status_code == 404
    with pytest.raises(curation.LinkGone):
        curation.link_accept(link=link, by=curator)
    assert not Mention.objects.filter(pk=link.pk).exists()


@pytest.mark.django_db
def test_a_stale_write_is_refused_with_409_and_changes_nothing():
    alice, bob = make_curator("alice"), make_curator("bob")
    link = pending_for_one_term()[0]
    seen = api_client(alice).get(f"{API}/mentions/{link.pk}/").json()["version"]

    # Bob corrects the span first.
    words = CORRECTED
    assert link.quote != words
    corrected = api_client(bob).patch(
        f"{API}/mentions/{link.pk}/", {"quote": words, "version": seen}, format="json"
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["quote"] == words and corrected.json()["version"] == seen + 1

    # Alice still has the old version: her rejection must not overwrite Bob's decision.
    stale = api_client(alice).post(f"{API}/mentions/{link.pk}/reject/", {"version": seen})
    assert stale.status_code == 409
    assert "changed" in stale.json()["detail"]
    stale_header = api_client(alice).patch(
        f"{API}/mentions/{link.pk}/",
        {"note": "wrong"},
        format="json",
        HTTP_IF_MATCH=f'"{seen}"',
    )
    assert stale_header.status_code == 409
    link.refresh_from_db()
    assert (link.quote, link.status, link.note, link.reviewed_by) == (words, "pending", "", bob)


@pytest.mark.django_db
def test_writes_without_a_version_change_only_their_own_fields():
    """A span correction and an accept that race both land: neither rewrites the other's
    fields from an older read."""
    curator = make_curator()
    link = pending_for_one_term()[0]
    old_copy = Mention.objects.get(pk=link.pk)  # what a second request read before the first
    curation.link_correct_span(link=link, quote=CORRECTED, by=curator)
    curation.link_accept(link=old_copy, by=curator, note="right")
    link.refresh_from_db()
    assert (link.quote, link.status, link.note, link.version) == (
        CORRECTED,
        "accepted",
        "right",
        3,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, message",
    [
        ({"start": 0, "end": 4, "quote": "Acco"}, "not the passage’s words"),
        ({"start": 3, "end": 12}, "inside a word"),
        ({"start": "١", "end": "٩"}, "valid integer"),
        ({"start": True, "end": 9}, "valid integer"),
        ({"start": 9, "end": 3}, "must start before it ends"),
        ({"quote": "no such words"}, "do not occur"),
    ],
)
def test_a_span_that_is_not_what_it_says_is_a_400_naming_the_problem(body, message):
    curator = make_curator()
    link = pending_for_one_term()[0]
    before = Mention.objects.values().get(pk=link.pk)
    response = api_client(curator).patch(f"{API}/mentions/{link.pk}/", body, format="json")
    assert response.status_code == 400, response.content
    assert message in response.content.decode()
    assert Mention.objects.values().get(pk=link.pk) == before

    created = api_client(curator).post(
        f"{API}/mentions/",
        {"passage": link.passage_id, "measure_type": "observation", **body},
        format="json",
    )
    assert created.status_code == 400 and message in created.content.decode()
    assert not Mention.objects.filter(measure_type__slug="observation").exists()


@pytest.mark.django_db
def test_a_confirmed_partial_word_span_and_matching_quote_are_saved():
    curator = make_curator()
    link = pending_for_one_term()[0]
    text = link.passage.text
    start = text.index("notification")
    response = api_client(curator).patch(
        f"{API}/mentions/{link.pk}/",
        {"start": start, "end": start + 6, "quote": "notifi", "allow_partial_words": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["quote"] == "notifi"


@pytest.mark.django_db
def test_anonymous_passage_filter_never_reveals_a_pending_mention():
    """A passage with an accepted mention of one type and a pending mention of another is not
    listed for the other type."""
    curator = make_curator()
    ingest_bytes(
        b"The sides agreed on advance notification of exercises and on an annual calendar.",
        kind="news",
    )
    notice = Mention.objects.get(measure_type__slug="advance-notice")
    curation.link_accept(link=notice, by=curator)
    calendar = Mention.objects.get(measure_type__slug="annual-calendar")
    assert calendar.status == "pending"

    anon = APIClient()
    listed = anon.get(f"{API}/passages/", {"measure_type": "annual-calendar"}).json()
    assert listed["count"] == 0 and listed["results"] == []
    listed = anon.get(f"{API}/passages/", {"measure_type": "advance-notice"}).json()
    assert listed["count"] == 1


def test_sqlite_serialises_writers_by_taking_the_write_lock_at_begin(settings):
    """On SQLite the row locks above are no-ops; writers queue on the database lock instead."""
    from django.conf import settings as live

    database = live.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert database["OPTIONS"]["timeout"] >= 5
    else:
        assert live.CBM_LOCK_TIMEOUT_MS > 0


# -- real concurrent transactions (PostgreSQL) ------------------------------------------------


def _in_thread(function, results, key):
    def run():
        try:
            results[key] = function()
        except Exception as error:  # the test inspects what each writer got
            results[key] = error
        finally:
            close_old_connections()
            connection.close()

    return threading.Thread(target=run)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_suggest_racing_two_curators_loses_no_decision():
    alice, bob = make_curator("alice"), make_curator("bob")
    links = pending_for_one_term()
    results = {}
    threads = [_in_thread(suggest, results, "suggest")]
    for i, link in enumerate(links):
        who = alice if i % 2 else bob
        threads.append(
            _in_thread(
                lambda link=link, who=who: curation.link_accept(link=link, by=who),
                results,
                link.pk,
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"

    said_accepted = [pk for pk in (link.pk for link in links) if isinstance(results[pk], Mention)]
    refused = [pk for pk in (link.pk for link in links) if pk not in said_accepted]
    assert all(isinstance(results[pk], curation.LinkGone) for pk in refused), results
    lost = set(said_accepted) - set(
        Mention.objects.accepted().filter(pk__in=said_accepted).values_list("pk", flat=True)
    )
    assert lost == set()
    assert not isinstance(results["suggest"], Exception), results["suggest"]
    # What the matcher withdrew is exactly what no curator accepted.
    assert Mention.objects.filter(pk__in=refused).count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_racing_edits_of_one_link_lose_no_update():
    curator = make_curator()
    link = pending_for_one_term()[0]
    results = {}
    barrier = threading.Barrier(2)

    def correct():
        barrier.wait()
        return curation.link_correct_span(link=link, quote=CORRECTED, by=curator)

    def accept():
        barrier.wait()
        return curation.link_accept(link=link, by=curator, note="checked")

    threads = [_in_thread(correct, results, "correct"), _in_thread(accept, results, "accept")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    link.refresh_from_db()
    assert (link.quote, link.status, link.note, link.version) == (
        CORRECTED,
        "accepted",
        "checked",
        3,
    ), results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_a_held_lock_is_a_clear_busy_error_not_a_hung_worker(settings):
    from django.db import transaction

    settings.CBM_LOCK_TIMEOUT_MS = 200
    curator = make_curator()
    link = pending_for_one_term()[0]
    holding, release, results = threading.Event(), threading.Event(), {}

    def hold():
        with transaction.atomic():
            Mention.objects.select_for_update().get(pk=link.pk)
            holding.set()
            release.wait(10)

    holder = _in_thread(hold, results, "hold")
    holder.start()
    assert holding.wait(10)
    try:
        with pytest.raises(curation.LinkBusy):
            curation.link_accept(link=link, by=curator)
    finally:
        release.set()
        holder.join(10)
    assert Mention.objects.get(pk=link.pk).status == "pending"
    assert MeasureType.objects.exists()


@pytest.mark.django_db
def test_admin_save_after_someone_elses_change_is_a_form_error_and_saves_nothing(client):
    alice, bob = make_curator("alice"), make_curator("bob")
    link = pending_for_one_term()[0]
    opened_version = link.version
    curation.link_accept(link=link, by=bob, note="bob checked it")  # while Alice's form is open

    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    response = client.post(
        f"/admin/cbm/mention/{link.pk}/change/",
        {
            "measure_type": link.measure_type_id,
            "start": link.start,
            "end": link.end,
            "quote": link.quote,
            "reason": "",
            "seen_version": opened_version,
            "status": "rejected",
            "note": "alice thinks not",
        },
    )
    assert response.status_code == 200
    assert "changed by bob" in response.content.decode()
    link.refresh_from_db()
    assert (link.status, link.note, link.reviewed_by) == ("accepted", "bob checked it", bob)
