"""Suggest proposes links, and never overrides what a curator decided."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cbm import curation
from cbm.gold import load_gold
from cbm.ingest import ingest_file
from cbm.models import Citation, Cue, CueList, MeasureType, Mention, Term
from cbm.suggest import suggest

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    return [ingest_file(path, suggest=False).document for path in (ARTICLE_000, ARTICLE_004)]


@pytest.fixture
def curator():
    return get_user_model().objects.create_user("reviewer", password="x-long-password-1")


def snapshot():
    fields = (
        "passage_id",
        "start",
        "end",
        "quote",
        "status",
        "origin",
        "term_id",
        "reviewed_by_id",
    )
    return sorted(Mention.objects.values_list(*fields)), sorted(
        Citation.objects.values_list(*fields)
    )


def overlapping(mention):
    """The mentions of its passage and measure type that overlap it (itself included)."""
    return Mention.objects.filter(
        passage=mention.passage,
        measure_type=mention.measure_type,
        start__lt=mention.end,
        end__gt=mention.start,
    )


def test_suggest_proposes_pending_links_with_exact_words(seeds):
    result = suggest()
    assert result.passages == 21 and result.created > 0
    mention = Mention.objects.get(measure_type__slug="advance-notice")
    assert (mention.status, mention.origin) == ("pending", "suggested")
    assert mention.quote == mention.passage.text[mention.start : mention.end]
    assert "advance notice of force movements" in mention.quote
    assert mention.term is not None
    cited = set(Citation.objects.values_list("instrument__slug", flat=True))
    assert cited == {"inf-treaty-1987", "cfe-treaty-1990"}


def test_running_suggest_twice_changes_nothing(seeds):
    first = suggest()
    before = snapshot()
    again = suggest()
    assert (again.created, again.withdrawn, again.kept) == (0, 0, first.created)
    assert snapshot() == before


def test_overlapping_spans_of_one_target_become_one_suggestion(seeds):
    """“advance notice” (a phrase) and “notice … force movements” (proximity) overlap."""
    suggest()
    passage = seeds[1].passages.get(ordinal=2)
    assert Mention.objects.filter(passage=passage, measure_type__slug="advance-notice").count() == 1


def test_an_accepted_link_is_never_altered_or_duplicated(seeds, curator):
    suggest()
    mention = Mention.objects.filter(measure_type__slug="exercise-caps").first()
    Mention.objects.filter(pk=mention.pk).update(
        status="accepted", reviewed_by=curator, reviewed_at=timezone.now()
    )
    Term.objects.filter(pk=mention.term_id).update(is_active=False)  # its term no longer fires
    suggest()
    mention.refresh_from_db()
    assert (mention.status, mention.reviewed_by) == ("accepted", curator)
    assert list(overlapping(mention)) == [mention]


def test_a_rejected_suggestion_does_not_come_back(seeds, curator):
    suggest()
    mention = Mention.objects.filter(measure_type__slug="troop-deployment-limits").first()
    Mention.objects.filter(pk=mention.pk).update(
        status="rejected", reviewed_by=curator, reviewed_at=timezone.now()
    )
    result = suggest()
    assert result.created == 0
    mention.refresh_from_db()
    assert mention.status == "rejected"
    assert (
        not Mention.objects.pending()
        .filter(
            passage=mention.passage,
            measure_type=mention.measure_type,
            start__lt=mention.end,
            end__gt=mention.start,
        )
        .exists()
    )


def test_a_span_a_curator_corrected_is_kept_as_corrected(seeds, curator):
    """A corrected span (reviewed, still pending) is neither moved back nor duplicated."""
    suggest()
    mention = Mention.objects.get(measure_type__slug="advance-notice")
    new_end = mention.start + len("advance notice")
    Mention.objects.filter(pk=mention.pk).update(
        end=new_end,
        quote=mention.passage.text[mention.start : new_end],
        reviewed_by=curator,
        reviewed_at=timezone.now(),
    )
    suggest()
    assert list(
        Mention.objects.filter(measure_type__slug="advance-notice").values_list("end", flat=True)
    ) == [new_end]


def test_a_link_made_by_hand_is_never_touched(seeds):
    passage = seeds[0].passages.get(ordinal=4)
    quote = "massed tens of thousands of troops"
    start = passage.text.index(quote)
    handmade = Mention.objects.create(
        passage=passage,
        measure_type=MeasureType.objects.get(slug="troop-deployment-limits"),
        start=start,
        end=start + len(quote),
        quote=quote,
        origin="curator",
    )
    suggest()
    suggest()
    handmade.refresh_from_db()
    assert (handmade.status, handmade.origin, handmade.quote) == ("pending", "curator", quote)
    assert Mention.objects.filter(passage=passage).count() == 1


@pytest.mark.parametrize("change", ["delete", "deactivate", "edit"])
def test_a_pending_suggestion_whose_term_no_longer_fires_is_withdrawn(seeds, change):
    suggest()
    mention = Mention.objects.get(measure_type__slug="data-exchange")
    term = mention.term
    if change == "delete":
        term.delete()
    elif change == "deactivate":
        Term.objects.filter(pk=term.pk).update(is_active=False)
    else:
        Term.objects.filter(pk=term.pk).update(near="nothing of the kind")
    result = suggest()
    assert result.withdrawn >= 1
    assert not Mention.objects.filter(pk=mention.pk).exists()


def test_ingest_suggests_for_new_documents_unless_told_not_to():
    assert ingest_file(ARTICLE_004).suggestions > 0
    assert Mention.objects.exists()
    assert ingest_file(ARTICLE_000, suggest=False).suggestions == 0
    assert not Mention.objects.filter(passage__document__source_name=ARTICLE_000.name).exists()


def test_suggest_command_prints_progress_and_a_summary(seeds):
    out, err = StringIO(), StringIO()
    call_command("suggest", "--document", str(seeds[1].pk), stdout=out, stderr=err)
    assert "9 passage(s):" in out.getvalue() and "created" in out.getvalue()
    assert "Suggesting" in err.getvalue()
    assert not Mention.objects.filter(passage__document=seeds[0]).exists()


def test_gold_links_load_as_accepted_curator_links_and_win_over_suggestions(seeds, curator):
    suggest()
    counts = load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    assert counts["created"] == 19
    accepted = Mention.objects.accepted()
    assert accepted.count() + Citation.objects.accepted().count() == 19
    assert set(accepted.values_list("origin", "reviewed_by")) == {("curator", curator.pk)}
    assert load_gold(ROOT / "fixtures" / "gold", reviewer=curator)["kept"] == 19
    result = suggest()
    assert result.created == 0  # every suggestion on the seeds overlaps a gold link


def test_an_unless_list_withdraws_pending_suggestions_but_never_an_accepted_link(seeds, curator):
    """A curator gives two terms an unless list that occurs beside their matches: the re-run
    withdraws the pending suggestion, keeps the accepted link exactly as the curator left it,
    and makes nothing new over it; a second run changes nothing."""
    suggest()
    accepted = Mention.objects.filter(measure_type__slug="exercise-caps").first()
    Mention.objects.filter(pk=accepted.pk).update(
        status="accepted", reviewed_by=curator, reviewed_at=timezone.now()
    )
    accepted.refresh_from_db()
    pending = Mention.objects.get(measure_type__slug="data-exchange")
    stop = CueList.objects.create(slug="zz-stop", name="zz stop")
    for link in (accepted, pending):
        word = re.findall(r"[^\W\d_]+", link.quote)[0]  # inside the match: it counts
        Cue.objects.get_or_create(cue_list=stop, text=word)
        Term.objects.filter(pk=link.term_id).update(unless_cue_list=stop)
    before = Mention.objects.filter(pk=accepted.pk).values().get()
    result = suggest()
    assert result.withdrawn >= 1
    assert not Mention.objects.filter(pk=pending.pk).exists()
    assert Mention.objects.filter(pk=accepted.pk).values().get() == before
    assert list(overlapping(accepted)) == [accepted]
    after = snapshot()
    again = suggest()
    assert (again.created, again.withdrawn) == (0, 0)
    assert snapshot() == after


def test_a_term_stored_before_a_rule_it_breaks_is_left_out_and_reported(seeds, caplog):
    """A term, cue or stance cue of punctuation alone saved before such words were refused (or
    loaded around the form) does not stop suggest: it matches nothing, is named in the log for
    a curator to correct, and every other term still makes its suggestions."""
    from cbm.models import Actor, StanceCue

    expected = suggest().created
    advance = MeasureType.objects.get(slug="advance-notice")
    bad = Term.objects.create(measure_type=advance, kind="phrase", text="'")
    Term.objects.create(measure_type=advance, kind="proximity", text="notice", near="(", window=3)
    cues = CueList.objects.filter(language="en").first()
    Cue.objects.create(cue_list=cues, kind="abbreviation", text="()")
    StanceCue.objects.create(language="en", stance="proposes", kind="phrase", text=".*")
    Actor.objects.create(slug="dash", name="—")
    Mention.objects.all().delete()
    Citation.objects.all().delete()
    result = suggest()
    call_command("suggest", stdout=StringIO(), stderr=StringIO())  # positions too
    assert result.created == expected
    assert f"term #{bad.pk} “'”: “'” has no letters or digits" in caplog.text
    assert "cue #" in caplog.text and "“()”: " in caplog.text
    assert "stance cue #" in caplog.text and "actor name #" in caplog.text


def test_a_suggestion_a_curator_retargeted_does_not_come_back_in_its_old_form(seeds, curator):
    """A curator who corrects a suggestion's measure type (left pending or accepted) said the
    old type was wrong for these words: the next run does not propose the old one again."""
    suggest()
    mention = Mention.objects.get(measure_type__slug="advance-notice")
    other = MeasureType.objects.exclude(pk=mention.measure_type_id).order_by("pk").first()
    curation.link_edit(link=mention, by=curator, target=other)
    assert suggest().created == 0
    assert not overlapping(mention).exists()  # (of the old passage, type and span)


def test_a_suggestion_a_curator_moved_away_does_not_come_back_at_its_old_words(seeds, curator):
    """The same for a span moved to other words of the passage."""
    suggest()
    mention = Mention.objects.get(measure_type__slug="advance-notice")
    text = mention.passage.text
    elsewhere = next(m for m in re.finditer(r"\w+", text) if m.end() <= mention.start)
    curation.link_edit(link=mention, by=curator, start=elsewhere.start(), end=elsewhere.end())
    assert suggest().created == 0
    assert not overlapping(mention).exists()
