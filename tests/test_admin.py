"""The curators' admin: a review queue that records who decided what, and nothing for those
without the permission."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbm.ingest import ingest_file
from cbm.models import Citation, CueList, Document, Job, MeasureType, Mention, Term
from cbm.suggest import suggest

from .conftest import ARTICLE_000, ARTICLE_004

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:cbm_mention_changelist")


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user(
        "cora", password="a-long-password-42", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def suggestions():
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news")
    return Mention.objects.pending().order_by("pk")


def act(client, action, links, url=QUEUE):
    return client.post(
        url, {"action": action, "_selected_action": [link.pk for link in links]}, follow=True
    )


def test_queue_shows_pending_first_with_the_span_highlighted(client, curator, suggestions):
    first = suggestions.first()
    first.status = "accepted"
    first.save()
    page = client.get(QUEUE + "?status__exact=all")  # the queue opens on pending links only
    assert page.status_code == 200
    rows = page.context["cl"].result_list
    assert rows[0].status == "pending" and rows[len(rows) - 1].status == "accepted"
    assert f"<mark>{suggestions.last().quote}</mark>" in page.content.decode()


def test_the_queue_lists_pending_links_likeliest_first_and_unranked_last(
    client, curator, suggestions
):
    low, high = suggestions[0], suggestions[1]
    Mention.objects.filter(pk=low.pk).update(confidence=0.2)
    Mention.objects.filter(pk=high.pk).update(confidence=0.9)
    rows = client.get(QUEUE).context["cl"].result_list
    assert [row.pk for row in rows[:2]] == [high.pk, low.pk]
    assert len(rows) > 2 and all(row.confidence is None for row in rows[2:])
    assert all(row.status == "pending" for row in rows)


def test_the_term_filter_offers_the_terms_that_found_links_of_its_kind(
    client, curator, suggestions
):
    fired = set(Mention.objects.exclude(term=None).values_list("term__text", flat=True))
    assert fired
    for queue, model in [(QUEUE, Mention), (reverse("admin:cbm_citation_changelist"), Citation)]:
        changelist = client.get(queue).context["cl"]
        [terms] = [f for f in changelist.filter_specs if getattr(f, "field_path", "") == "term"]
        offered = {label for _, label in terms.lookup_choices}
        expected = set(model.objects.exclude(term=None).values_list("term", flat=True))
        assert offered == {str(term) for term in Term.objects.filter(pk__in=expected)}
    assert len(offered) < Term.objects.count()


@pytest.mark.postgres
def test_the_pending_queue_is_read_in_the_order_of_its_index_not_sorted(
    client, curator, suggestions
):
    """On a million passages sorting the 200,000 pending mentions took half a second."""
    for url, index in [
        (QUEUE, "cbm_mention_pending_queue_idx"),
        (reverse("admin:cbm_citation_changelist"), "cbm_citation_pending_queue_idx"),
    ]:
        changelist = client.get(url).context["cl"]
        with connection.cursor() as cursor:  # as if the table were large: no sort, no scan
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = changelist.queryset[: changelist.list_per_page].explain()
        assert index in plan and "Sort" not in plan, plan


def test_quotes_are_escaped_never_trusted_as_html(client, curator):
    document = ingest_file_text(
        "Officials proposed <script>alert(1)</script> prior notification of exercises."
    )
    assert document is not None
    body = client.get(QUEUE).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def ingest_file_text(text):
    from cbm.ingest import ingest_bytes

    return ingest_bytes(text.encode()).document


def test_bulk_accept_and_reject_record_reviewer_time_and_history(client, curator, suggestions):
    two, one = list(suggestions[:2]), suggestions[2]
    assert act(client, "accept", two).status_code == 200
    assert act(client, "reject", [one]).status_code == 200
    for link in two:
        link.refresh_from_db()
        assert (link.status, link.reviewed_by) == ("accepted", curator) and link.reviewed_at
        latest = link.history.latest()
        assert latest.history_user == curator
        changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
        assert {"status", "reviewed_by", "reviewed_at"} <= changed
        assert latest.prev_record.history_change_reason == "suggested by the matcher"
    one.refresh_from_db()
    assert one.status == "rejected"
    history_page = client.get(reverse("admin:cbm_mention_history", args=[one.pk]))
    assert history_page.status_code == 200
    assert "rejected" in history_page.content.decode() and "cora" in history_page.content.decode()


def test_a_bulk_verdict_leaves_links_already_so_decided_with_their_reviewer(curator, suggestions):
    """Accepting a selection that holds a link another curator accepted (the positions queue
    lists every status, so a select-all sweeps such links in) changes nothing of that link
    (reviewer, time, version, history) and counts only the links it changed."""
    from cbm import curation

    other = get_user_model().objects.create_user("ola", password="a-long-password-43")
    first, second = suggestions[0], suggestions[1]
    curation.link_accept(link=first, by=other)
    first.refresh_from_db()
    before = (first.reviewed_by, first.reviewed_at, first.version, first.history.count())
    assert curation.links_accept(links=[first, second], by=curator) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.reviewed_by, first.reviewed_at, first.version, first.history.count()) == before
    assert (second.status, second.reviewed_by) == ("accepted", curator)
    assert curation.links_reject(links=[first], by=curator) == 1  # another verdict still applies


def test_a_rejected_suggestion_stays_rejected_when_suggestions_rerun(client, curator, suggestions):
    one = suggestions.first()
    act(client, "reject", [one])
    suggest()
    one.refresh_from_db()
    assert one.status == "rejected"


def test_curator_corrects_a_span_and_the_quote_follows(client, curator, suggestions):
    link = Mention.objects.get(measure_type__slug="advance-notice")
    start = link.passage.text.index("advance notice")
    url = reverse("admin:cbm_mention_change", args=[link.pk])
    response = client.post(
        url,
        {
            "measure_type": link.measure_type_id,
            "start": start,
            "end": start + 14,
            "quote": "",
            "status": "accepted",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    link.refresh_from_db()
    assert (link.quote, link.status, link.reviewed_by) == ("advance notice", "accepted", curator)


def test_a_span_outside_the_passage_is_refused_with_a_message(client, curator, suggestions):
    link = suggestions.first()
    url = reverse("admin:cbm_mention_change", args=[link.pk])
    data = {
        "measure_type": link.measure_type_id,
        "start": 0,
        "end": 100000,
        "quote": "",
        "status": "pending",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must lie inside the passage" in response.content.decode()
    link.refresh_from_db()
    assert link.end != 100000


def test_curator_adds_a_link_by_hand_from_its_words(client, curator, suggestions):
    passage = Document.objects.get(source_name=ARTICLE_000.name).passages.get(ordinal=4)
    observation = MeasureType.objects.get(slug="observation")
    response = client.post(
        reverse("admin:cbm_mention_add"),
        {
            "passage": passage.pk,
            "measure_type": observation.pk,
            "quote": "massed tens of thousands of troops",
            "status": "accepted",
            "note": "test",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    link = Mention.objects.get(passage=passage, measure_type=observation)
    assert (link.origin, link.status, link.reviewed_by, link.quote) == (
        "curator",
        "accepted",
        curator,
        "massed tens of thousands of troops",
    )


def test_filters_narrow_the_queue(client, curator, suggestions):
    caps = MeasureType.objects.get(slug="exercise-caps")
    for query in [
        "status__exact=pending",
        f"measure_type__id__exact={caps.pk}",
        f"measure_type__category__id__exact={caps.category_id}",
        "instrument=vienna-document-2011",
        "passage__document__kind__exact=news",
        "origin__exact=suggested",
        f"term__id__exact={suggestions.first().term_id}",
    ]:
        page = client.get(f"{QUEUE}?{query}")
        assert page.status_code == 200, query
        assert page.context["cl"].result_count >= 1, query
    page = client.get(
        f"{QUEUE}?measure_type__id__exact={MeasureType.objects.get(slug='exercise-caps').pk}"
    )
    assert {m.measure_type.slug for m in page.context["cl"].result_list} == {"exercise-caps"}


def test_queue_query_count_does_not_grow_with_rows(client, curator):
    from cbm.ingest import ingest_bytes

    def make(n):  # ten paragraphs a document: ten mentions for one ingest
        while (first := Mention.objects.count()) < n:
            text = "\n\n".join(
                f"Item {i}: they agreed on prior notification of exercises."
                for i in range(first, first + 10)
            )
            ingest_bytes(text.encode())

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE + "?all=").status_code == 200
        return len(queries)

    make(10)
    ten = count_queries()
    make(100)
    assert Mention.objects.count() >= 100
    assert count_queries() == ten


def test_documents_list_counts_and_resuggest_action(
    client, curator, suggestions, django_capture_on_commit_callbacks
):
    page = client.get(reverse("admin:cbm_document_changelist"))
    assert page.status_code == 200
    documents = Document.objects.all()
    Term.objects.filter(measure_type__slug="advance-notice").update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once committed
        response = act(client, "resuggest", documents, url=reverse("admin:cbm_document_changelist"))
    assert "re-run suggestions #" in response.content.decode()
    assert "withdrawn" in Job.objects.get().summary
    assert not Mention.objects.filter(measure_type__slug="advance-notice").exists()


def test_upload_ingests_good_files_and_explains_bad_ones(client, curator):
    url = reverse("admin:cbm_document_ingest")
    files = [
        SimpleUploadedFile("a.txt", ARTICLE_004.read_bytes(), content_type="text/plain"),
        SimpleUploadedFile("b.txt", b"caf\xe9 latin-1", content_type="text/plain"),
        SimpleUploadedFile("c.pdf", b"%PDF-1.4", content_type="application/pdf"),
    ]
    response = client.post(url, {"files": files, "kind": "news", "language": "en"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "b.txt: is not valid UTF-8: byte 0xe9 at byte offset 3" in body
    assert "c.pdf: is not a .txt or .md file" in body
    assert Document.objects.get().source_name == "a.txt"
    assert Mention.objects.exists()


def test_upload_refuses_an_oversized_file(client, curator, settings):
    settings.CBM_INGEST_MAX_BYTES = 100
    files = [SimpleUploadedFile("big.txt", b"Prior notification. " * 20)]
    body = client.post(
        reverse("admin:cbm_document_ingest"), {"files": files, "kind": "news", "language": "en"}
    ).content.decode()
    assert "larger than the 100 bytes limit" in body
    assert not Document.objects.exists()


def test_a_term_with_bad_syntax_is_refused_in_the_admin(client, curator):
    data_exchange = MeasureType.objects.get(slug="data-exchange")
    response = client.post(
        reverse("admin:cbm_term_add"),
        {
            "measure_type": data_exchange.pk,
            "kind": "phrase",
            "text": "ex*change",
            "near": "",
            "window": 8,
            "is_active": "on",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "* may only end a word" in response.content.decode()


def test_the_demo_curator_role_can_curate_but_is_not_a_superuser(curator):
    assert not curator.is_superuser
    assert curator.has_perm("cbm.change_mention") and curator.has_perm("cbm.add_document")


def test_staff_without_the_permission_sees_neither_queue_nor_actions(client):
    viewer = get_user_model().objects.create_user(
        "viv", password="a-long-password-42", is_staff=True
    )
    client.force_login(viewer)
    assert client.get(QUEUE).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Mentions" not in index
    viewer.user_permissions.add(Permission.objects.get(codename="view_mention"))
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert page.context["action_form"] is None  # no action is offered without change permission


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _term_form(measure_type, **fields):
    return {
        "measure_type": measure_type.pk,
        "kind": "phrase",
        "text": "zzpull back",
        "near": "",
        "window": 8,
        "language": "en",
        "is_active": "on",
        "note": "",
        **fields,
    }


def test_an_unless_list_is_chosen_on_the_term_form_and_refused_with_a_message(client, curator):
    """The same list as needed, or a list of another language: the form says why (no 500, no
    term); a good one is saved, shown in the changelist and offered in the inline."""
    limits = MeasureType.objects.get(slug="troop-deployment-limits")
    commitments = CueList.objects.get(slug="commitments")
    russian = CueList.objects.create(slug="zz-ru", name="zz ru", language="ru")
    add = reverse("admin:cbm_term_add")
    same = client.post(
        add, _term_form(limits, cue_list=commitments.pk, unless_cue_list=commitments.pk)
    )
    assert same.status_code == 200
    assert "stopped by the same list" in same.content.decode()
    other = client.post(add, _term_form(limits, unless_cue_list=russian.pk))
    assert other.status_code == 200
    assert "in another language than the term" in other.content.decode()
    assert not Term.objects.filter(text="zzpull back").exists()

    saved = client.post(add, _term_form(limits, unless_cue_list=commitments.pk))
    assert saved.status_code == 302
    term = Term.objects.get(text="zzpull back")
    assert term.unless_cue_list == commitments
    page = client.get(reverse("admin:cbm_term_changelist") + "?q=zzpull").content.decode()
    assert "unless a cue from" in page and commitments.name in page
    inline = client.get(reverse("admin:cbm_measuretype_change", args=[limits.pk]))
    assert 'name="terms-0-unless_cue_list"' in inline.content.decode()
    lists = client.get(reverse("admin:cbm_cuelist_changelist")).content.decode()
    assert "Terms it stops" in lists


@pytest.mark.parametrize("target", ["measure_type", "instrument", "actor"])
def test_a_change_page_reads_its_terms_and_provisions_in_fixed_queries(client, curator, target):
    """A measure type's, instrument's or actor's page lists its terms (and an instrument its
    provisions) in a fixed number of queries: each row read its target and both cue-list menus
    again (460 queries for a measure type with 146 terms, 625 for an actor with 205)."""
    from django.db import reset_queries

    from cbm.models import Actor, Instrument, Provision

    model = {"measure_type": MeasureType, "instrument": Instrument, "actor": Actor}[target]
    row = model.objects.order_by("pk").first()
    url = reverse(f"admin:cbm_{model._meta.model_name}_change", args=[row.pk])

    def count_queries():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count_queries()  # (the first request also reads what later ones find cached)
    before = count_queries()
    cues = CueList.objects.order_by("pk")[:1].get()
    for n in range(8):
        Term.objects.create(**{target: row}, text=f"zz qa word {n}", cue_list=cues)
        if target == "instrument":
            Provision.objects.create(instrument=row, label=f"Art. {900 + n}", order=900 + n)
    assert count_queries() == before


def test_a_curator_sees_and_corrects_an_instruments_parties_and_status_history(client, curator):
    """The Curators group had no rights on participations and status changes: an instrument's
    page left out both lists, so a curator could neither see nor correct who signed, joined
    or withdrew, nor when (migration 0040)."""
    from cbm.models import Instrument

    from .test_qa_admin import change_form_data

    instrument = Instrument.objects.get(slug="cfe-treaty-1990")
    url = reverse("admin:cbm_instrument_change", args=[instrument.pk])
    page = client.get(url)
    shown = {inline.formset.prefix for inline in page.context["inline_admin_formsets"]}
    assert {"participations", "status_changes"} <= shown
    participation = instrument.participations.order_by("pk").first()
    data = change_form_data(page)
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("participations-") and key.endswith("-id") and value == participation.pk
    )
    data[f"{row}-source_note"] = "Checked against the depositary's list."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    participation.refresh_from_db()
    assert participation.source_note == "Checked against the depositary's list."


def test_an_instruments_parties_are_named_in_the_admins_language_without_a_query_each(
    client, curator
):
    """The instrument's page named each party "Russia in Vienna Document 2011", in English on
    /ru/admin/ too, reading its actor and instrument again for each row (182 queries for the
    Vienna Document's 56 parties). Only Django's actor menu still reads one row per party."""
    from django.db import reset_queries

    from cbm.models import Actor, Instrument, Participation

    instrument = Instrument.objects.get(slug="vienna-document-2011")
    party = instrument.participations.select_related("actor").first()
    url = f"/ru/admin/cbm/instrument/{instrument.pk}/change/"
    html = client.get(url).content.decode()
    assert f"{instrument.short_name_ru}: {party.actor.name_ru}" in html
    assert f"{party.actor.name} in {instrument.short_name}" not in html

    def count_queries():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count_queries()
    others = Actor.objects.exclude(participations__instrument=instrument).order_by("pk")[:8]
    assert len(others) == 8
    for actor in others:
        Participation.objects.create(instrument=instrument, actor=actor)
    assert count_queries() <= before + 8
