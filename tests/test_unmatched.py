"""A term, cue, stance cue or actor name the matcher cannot compile (stored before the rule it
breaks, or written past clean()) finds nothing: its curator sees it under the admin's "cannot
be matched" filter with the matcher's reason, and a suggest run names it, while every other
term still matches."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from cbm.ingest import ingest_file
from cbm.jobs import suggest_start
from cbm.matching import problem, validate
from cbm.matching.notation import TermSyntaxError
from cbm.models import Actor, Cue, Document, Mention, StanceCue, Term
from cbm.positions import suggest_positions
from cbm.unmatched import unmatched

from .conftest import ARTICLE_000

pytestmark = pytest.mark.django_db
REASON = "no letters or digits"


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user("una", password="a-long-password-5", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def broken_term():
    """An active term made invalid in the database, past Term.clean (as an old row is)."""
    term = Term.objects.active().for_links().filter(kind="phrase", language="en").first()
    Term.objects.filter(pk=term.pk).update(text="'")
    term.refresh_from_db()
    return term


@pytest.fixture
def broken_cue():
    cue = Cue.objects.filter(is_active=True, cue_list__language="en", kind="phrase").first()
    Cue.objects.filter(pk=cue.pk).update(text="(")
    cue.refresh_from_db()
    return cue


def test_the_reason_is_the_matchers_own():
    """problem() is what validate raises, and what a matcher built with skip_invalid skips."""
    with pytest.raises(TermSyntaxError) as raised:
        validate("phrase", "'")
    assert problem("phrase", "'") == str(raised.value) and REASON in str(raised.value)
    assert problem("phrase", "prior notification") == ""


def test_a_term_broken_in_the_database_shows_under_the_filter_with_its_reason(
    client, curator, broken_term
):
    assert REASON in unmatched(Term.objects.all())[broken_term.pk]
    changelist = reverse("admin:cbm_term_changelist")
    page = client.get(changelist + "?unmatched=yes")
    assert page.status_code == 200
    assert [t.pk for t in page.context["cl"].result_list] == [broken_term.pk]
    assert REASON in page.content.decode()
    others = client.get(changelist + "?unmatched=no").context["cl"]
    assert broken_term.pk not in [t.pk for t in others.result_list] and others.result_count > 1
    change = client.get(reverse("admin:cbm_term_change", args=[broken_term.pk]))
    assert change.status_code == 200 and REASON in change.content.decode()
    # and in the list of terms of what it signals (its inline)
    target = broken_term.measure_type or broken_term.instrument
    page = f"admin:cbm_{target._meta.model_name}_change"
    inline = client.get(reverse(page, args=[target.pk]))
    assert inline.status_code == 200 and REASON in inline.content.decode()


def test_a_broken_cue_stance_cue_and_actor_name_show_under_their_filters(
    client, curator, broken_cue
):
    stance = StanceCue.objects.filter(kind="phrase").first()
    StanceCue.objects.filter(pk=stance.pk).update(text="''")
    actor = Actor.objects.first()
    Actor.objects.filter(pk=actor.pk).update(name="?")
    for model, row in (("cuelist", broken_cue.cue_list), ("stancecue", stance), ("actor", actor)):
        page = client.get(reverse(f"admin:cbm_{model}_changelist") + "?unmatched=yes")
        assert page.status_code == 200, model
        assert [r.pk for r in page.context["cl"].result_list] == [row.pk], model
        change = client.get(reverse(f"admin:cbm_{model}_change", args=[row.pk]))
        assert change.status_code == 200 and REASON in change.content.decode(), model


def test_suggest_still_runs_and_names_the_term_it_skipped(broken_term, broken_cue):
    document = ingest_file(ARTICLE_000, kind="news", suggest=False).document
    out = StringIO()
    call_command("suggest", document=[document.pk], stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert Mention.objects.filter(passage__document=document).exists()  # the others matched
    assert "cannot be matched" in text
    assert f"term #{broken_term.pk} “'”: " in text and REASON in text
    assert f"cue #{broken_cue.pk} “(”" in text


def test_a_position_run_names_the_stance_cue_and_actor_name_it_skipped():
    document = ingest_file(ARTICLE_000, kind="news").document
    stance = StanceCue.objects.filter(kind="phrase", language="en", is_active=True).first()
    StanceCue.objects.filter(pk=stance.pk).update(text="''")
    actor = Actor.objects.first()
    Actor.objects.filter(pk=actor.pk).update(name="?")
    result = suggest_positions(Document.objects.filter(pk=document.pk))
    named = {(row.what, row.id) for row in result.skipped}
    assert {("stance cue", stance.pk), ("actor name", actor.pk)} <= named


def test_a_suggest_job_names_the_skipped_term_in_its_result_and_page(
    client, curator, broken_term, django_capture_on_commit_callbacks
):
    ingest_file(ARTICLE_000, kind="news", suggest=False)
    with django_capture_on_commit_callbacks(execute=True):
        job = suggest_start(by=curator)
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert "cannot be matched" in job.summary
    [row] = job.result["skipped"]
    assert (row["what"], row["id"], row["text"]) == ("term", broken_term.pk, "'")
    assert REASON in row["reason"]
    page = client.get(reverse("admin:cbm_job_change", args=[job.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and REASON in body
    assert reverse("admin:cbm_term_change", args=[broken_term.pk]) in body


def test_naming_the_skipped_rows_costs_the_same_few_queries_however_many(
    django_assert_num_queries,
):
    """Skipped actor names and cues are named with one query each kind, not one a row."""
    from cbm.unmatched import skipped_rows

    actors = list(Actor.objects.order_by("pk")[:3])
    cues = list(Cue.objects.order_by("pk")[:3])
    terms = list(Term.objects.order_by("pk")[:3])
    pairs = [(("name", a.pk), REASON) for a in actors]
    pairs += [((c.cue_list_id, c.text), REASON) for c in cues]
    pairs += [(t.pk, REASON) for t in terms]
    with django_assert_num_queries(3):
        found = skipped_rows(pairs, "term")
    assert [(s.what, s.id, s.text) for s in found] == [
        *(("actor name", a.pk, a.name) for a in actors),
        *(("cue", c.pk, c.text) for c in cues),
        *(("term", t.pk, t.text) for t in terms),
    ]
