"""Positions: the finder reads who takes which stance on which measure, suggestions never touch
curators' decisions, and the database keeps a position's span and target honest."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from cbm.gold import load_gold
from cbm.ingest import ingest_bytes, ingest_file
from cbm.matching import TermSpec
from cbm.models import Actor, Document, MeasureType, Passage, Position, Stance, StanceCue, Term
from cbm.positions import suggest_positions
from cbm.positions_eval import load_gold_positions
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan
from cbm.suggest import suggest

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

ACTORS = [
    TermSpec(1, "russia", "phrase", "Russia"),
    TermSpec(2, "russia", "phrase", "Moscow"),
    TermSpec(3, "us", "phrase", "the United States"),
    TermSpec(4, "us", "phrase", "Washington"),
    TermSpec(5, "nato", "abbreviation", "NATO"),
]
CUES = [
    CueSpec(10, "suspends", "phrase", "suspend/suspended/suspension"),
    CueSpec(11, "proposes", "phrase", "ready to discuss", negated_stance="rejects"),
    CueSpec(12, "rejects", "phrase", "unacceptable"),
    CueSpec(13, "accepts", "phrase", "agreed"),
    CueSpec(14, "suspends", "phrase", "halt"),
    CueSpec(15, "implements", "phrase", "notified"),
    CueSpec(16, "proposes", "phrase", "proposed"),
    CueSpec(17, "rejects", "phrase", "refused"),
    CueSpec(18, "implements", "phrase", "invited"),
]
WORDS = PositionWords.from_lists(
    {
        "negations": ["not", "n't", "never"],
        "objects": ["to", "of", "with", "from"],
        "frames": ["under", "by"],
        "agents": ["by"],
        "pronouns": ["it", "they"],
        "joiners": ["and"],
    }
)


def find(text, *targets):
    """Positions in text, with each (words, target) given as a mention."""
    spans = [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]
    finder = PositionFinder(ACTORS, CUES, WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans)}


def test_actor_cue_and_target_in_one_sentence_make_a_position():
    found = find("Russia suspended the CFE Treaty in 2007.", ("the CFE Treaty", "cfe"))
    assert found == {("russia", "suspends", "cfe")}


def test_without_curated_negations_a_negated_cue_keeps_its_stance():
    """The negations are data: a finder given none reads no negation."""
    text = "The United States is not ready to discuss troop limits."
    spans = [TargetSpan(text.index("troop"), len(text) - 1, "troops")]
    found = PositionFinder(ACTORS, CUES).find(text, spans)
    assert {(p.actor, p.stance) for p in found} == {("us", "proposes")}


def test_a_target_overlapping_the_cue_is_its_object():
    """ "invited observers": the mention that starts with the cue is what the cue governs."""
    text = "Russia invited observers to the exercise."
    assert find(text, ("invited observers", "obs")) == {("russia", "implements", "obs")}


def test_a_possessive_actor_after_a_preposition_acts():
    text = "With Russia's suspension of the CFE Treaty, transparency was lost."
    assert find(text, ("the CFE Treaty", "cfe")) == {("russia", "suspends", "cfe")}


def test_the_agent_of_a_passive_acts():
    text = "Open skies were first proposed to Moscow in 1955 by the United States."
    assert find(text, ("Open skies", "skies")) == {("us", "proposes", "skies")}


def test_a_pronoun_stands_for_the_sentence_subject():
    text = "Russia ignored a request from NATO, and it refused the inspection."
    assert find(text, ("the inspection", "insp")) == {("russia", "rejects", "insp")}


def test_an_instrument_after_a_frame_word_and_a_year_is_the_acts_frame():
    """What is notified is the drill; the Document after "under" (and a year) is no object of
    the cue, but the act done under it implements it too (POSITIONS.md rule 8)."""
    text = "Russia notified the drill under the 2011 Vienna Document."
    assert find(
        text, ("the drill", ("measure_type", 1)), ("Vienna Document", ("instrument", 2))
    ) == {
        ("russia", "implements", ("measure_type", 1)),
        ("russia", "implements", ("instrument", 2)),
    }


def test_an_abbreviation_in_brackets_is_the_same_mention():
    """ "NATO and the North Atlantic Treaty Organization (NATO)": the bracket takes no role."""
    actors = [*ACTORS, TermSpec(6, "nato", "phrase", "North Atlantic Treaty Organization")]
    text = "States of the North Atlantic Treaty Organization (NATO) suspended the CFE Treaty."
    spans = [TargetSpan(text.index("the CFE"), len(text) - 1, "cfe")]
    assert PositionFinder(actors, CUES, WORDS).find(text, spans) == []


def test_no_cue_or_no_target_no_position():
    assert find("Russia spoke about the CFE Treaty.", ("the CFE Treaty", "cfe")) == set()
    assert find("Russia suspended its talks.") == set()


def test_negation_turns_a_cue_into_its_negated_stance():
    text = "The United States is not ready to discuss troop limits."
    assert find(text, ("troop limits", "troops")) == {("us", "rejects", "troops")}


def test_reported_speech_is_the_reporters_position():
    text = "According to the United States, limits on exercises are unacceptable."
    assert find(text, ("limits on exercises", "caps")) == {("us", "rejects", "caps")}


def test_the_object_of_a_verb_is_not_who_acts():
    text = "Russia notified the United States of its strategic exercise."
    assert find(text, ("strategic exercise", "sen")) == {("russia", "implements", "sen")}


def test_a_cue_joined_by_to_is_governed_by_the_first():
    text = "Moscow and Washington agreed to halt military drills near the border."
    found = find(text, ("military drills", "caps"))
    assert found == {("russia", "accepts", "caps"), ("us", "accepts", "caps")}


def test_the_subject_carries_over_to_unattributed_sentences():
    text = "Washington is ready to discuss caps. “We are ready to discuss drills,” the source said."
    found = find(text, ("caps", "caps"), ("drills", "drills"))
    assert found == {("us", "proposes", "caps"), ("us", "proposes", "drills")}


# -- the service -------------------------------------------------------------------------------


REPORT = (
    b"date 2023-05-01\n\nRussia suspended the Treaty on Conventional Armed Forces in Europe.\n\n"
    b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
)


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_user("reviewer", password="x-long-password-1")


def positions():
    return set(
        Position.objects.values_list(
            "actor__slug", "stance", "measure_type__slug", "instrument__slug", "status"
        )
    )


@pytest.mark.django_db
def test_ingest_suggests_pending_positions_with_the_cue_and_exact_words():
    document = ingest_bytes(REPORT, source_name="report.txt").document
    assert positions() == {
        ("russia", "suspends", None, "cfe-treaty-1990", "pending"),
        ("russia", "proposes", "exercise-caps", None, "pending"),
    }
    position = Position.objects.get(stance="suspends")
    assert position.quote == position.passage.text[position.start : position.end]
    assert position.quote.startswith("Russia suspended")
    assert position.cue.stance == "suspends" and position.origin == "suggested"
    assert position.passage.document == document


@pytest.mark.django_db
def test_a_cue_between_a_proximity_terms_words_is_the_sentences_act():
    """ "… observation aircraft conducted a flight … under the Open Skies Treaty": the measure's
    proximity term spans the verb; the verb is the United States' act, not part of a name. The
    ingested document's mention carries its term, whose kind tells the finder so."""
    text = (
        b"A US Air Force observation aircraft conducted a flight over Ukraine on Friday under "
        b"the Open Skies Treaty.\n"
    )
    ingest_bytes(text, source_name="flight.txt")
    assert ("united-states", "implements", "aerial-observation", None, "pending") in positions()


@pytest.mark.django_db
def test_a_cue_after_a_determiner_inside_a_proximity_term_stays_a_name():
    """ "restrictions on the conduct of exercises" (a proximity term's words too): "the" makes
    "conduct" a noun of the measure's name; the offer is the position, not an act."""
    from cbm.positions import build_finder

    text = "The United States is ready to discuss restrictions on the conduct of exercises."
    start = text.index("restrictions")
    end = text.index("exercises") + len("exercises")
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    finder = build_finder("en", by_slug=True)
    for loose in (False, True):
        span = TargetSpan(start, end, ("measure_type", "exercise-caps"), loose=loose)
        found = {(slugs[p.actor], p.stance) for p in finder.find(text, [span])}
        assert found == {("united-states", "proposes")}


@pytest.mark.django_db
def test_a_suggested_position_keeps_the_actor_term_that_named_its_actor(client, curator):
    """ "Moscow is ready to discuss …": the position records the actor term "Moscow" (the
    curator sees which words were read as Russia, and which term to correct); an actor named
    by its own name ("Russia suspended") records none. A re-run changes nothing."""
    ingest_bytes(REPORT, source_name="report.txt")
    proposes = Position.objects.get(stance="proposes")
    assert (proposes.term.text, proposes.term.actor.slug) == ("Moscow", "russia")
    assert Position.objects.get(stance="suspends").term is None
    before = list(Position.objects.order_by("pk").values())
    suggest_positions(Document.objects.all())
    assert list(Position.objects.order_by("pk").values()) == before
    curator.is_superuser = curator.is_staff = True
    curator.save()
    client.force_login(curator)
    page = client.get(f"/admin/cbm/position/{proposes.pk}/change/").content.decode()
    assert "Actor term that named the actor" in page and "Moscow" in page


@pytest.mark.django_db
def test_curators_decisions_are_never_altered_duplicated_or_resurrected(curator):
    from cbm import curation

    document = ingest_bytes(REPORT, source_name="report.txt").document
    documents = type(document).objects.filter(pk=document.pk)
    rejected = Position.objects.get(stance="suspends")
    curation.link_reject(link=rejected, by=curator)
    accepted = Position.objects.get(stance="proposes")
    curation.link_accept(link=accepted, by=curator, note="checked")
    before = list(Position.objects.order_by("pk").values())
    result = suggest_positions(documents)
    assert result.created == 0 and result.withdrawn == 0
    assert list(Position.objects.order_by("pk").values()) == before
    # Deactivating the cue withdraws only what is still pending; decisions stay.
    StanceCue.objects.filter(text__startswith="suspend").update(is_active=False)
    StanceCue.objects.filter(text="ready to discuss").update(is_active=False)
    suggest_positions(documents)
    assert list(Position.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_a_pending_position_no_longer_found_is_withdrawn_and_reruns_change_nothing():
    document = ingest_bytes(REPORT, source_name="report.txt").document
    documents = type(document).objects.filter(pk=document.pk)
    assert suggest_positions(documents).created == 0  # a second run changes nothing
    StanceCue.objects.filter(text__startswith="suspend").update(is_active=False)
    result = suggest_positions(documents)
    assert result.withdrawn == 1
    assert positions() == {("russia", "proposes", "exercise-caps", None, "pending")}


@pytest.mark.django_db
def test_a_rejected_mention_gives_no_position():
    ingest_bytes(REPORT, source_name="report.txt", suggest=False)
    suggest()
    from cbm.models import Mention

    Mention.objects.filter(measure_type__slug="exercise-caps").update(status="rejected")
    suggest_positions(type(Passage.objects.first().document).objects.all())
    assert not Position.objects.filter(measure_type__slug="exercise-caps").exists()


@pytest.mark.django_db
def test_a_pending_model_guess_is_no_target_until_a_curator_accepts_it(curator):
    """A measure type only the words model proposes (by_model, pending) gives no position: a
    guess on a guess. Once a curator accepts it, it is the registry's word and the position is
    suggested; a model guess a curator has not seen never holds a position back."""
    from cbm import curation
    from cbm.models import Mention

    ingest_bytes(REPORT, source_name="report.txt", suggest=False)
    suggest()
    documents = Document.objects.all()
    caps = Mention.objects.get(measure_type__slug="exercise-caps")
    Mention.objects.filter(pk=caps.pk).update(term=None, by_model=True)
    suggest_positions(documents)
    assert not Position.objects.filter(measure_type__slug="exercise-caps").exists()
    assert Position.objects.filter(instrument__slug="cfe-treaty-1990").exists()
    curation.link_accept(link=Mention.objects.get(pk=caps.pk), by=curator)
    assert suggest_positions(documents).created == 1
    assert Position.objects.get(measure_type__slug="exercise-caps").stance == "proposes"


@pytest.mark.django_db
def test_the_database_keeps_one_target_and_an_exact_span():
    ingest_bytes(REPORT, source_name="report.txt")
    position = Position.objects.get(stance="suspends")
    caps = MeasureType.objects.get(slug="exercise-caps")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(measure_type=caps)  # two targets
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(quote="x" * len(position.quote))
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(  # the same (passage, actor, stance, target) twice
            passage=position.passage,
            actor=position.actor,
            stance=position.stance,
            instrument=position.instrument,
            start=position.start,
            end=position.end,
            quote=position.quote,
        )


@pytest.mark.django_db
def test_the_registry_ships_stance_cues_and_actor_terms():
    assert StanceCue.objects.filter(stance="rejects", text="unacceptable").exists()
    assert set(StanceCue.objects.values_list("stance", flat=True)) == set(Stance.values)
    kremlin = Term.objects.get(text="the Kremlin")
    assert kremlin.actor == Actor.objects.get(slug="russia") and kremlin.target == kremlin.actor
    for slug in ("india", "pakistan", "china", "north-korea", "south-korea", "un"):
        assert Actor.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_vietnam_is_a_registry_state_the_finder_names():
    """Vietnam (fixtures/eval/en/actors-needed.txt, batch z) loads with its Russian name, its
    capital and its adjective, and a sentence naming it gives it a position."""
    from cbm.positions import build_finder

    vietnam = Actor.objects.get(slug="vietnam")
    assert (vietnam.kind, vietnam.iso_code, vietnam.name_ru) == ("state", "VNM", "Вьетнам")
    terms = set(Term.objects.filter(actor=vietnam).values_list("text", flat=True))
    assert {"Hanoi", "Vietnamese side", "Viet Nam"} <= terms
    text = "China and Vietnam signed a memorandum on a defence hotline."
    start = text.index("defence hotline")
    span = TargetSpan(start, start + len("defence hotline"), ("measure_type", "hotline"))
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    found = build_finder("en", by_slug=True).find(text, [span])
    assert {slugs[p.actor] for p in found} == {"china", "vietnam"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug,iso,name_ru,capital",
    [
        ("thailand", "THA", "Таиланд", "Bangkok"),
        ("cambodia", "KHM", "Камбоджа", "Phnom Penh"),
        ("egypt", "EGY", "Египет", "Cairo"),
        ("philippines", "PHL", "Филиппины", "Manila"),
        ("peru", "PER", "Перу", "Lima"),
        ("venezuela", "VEN", "Венесуэла", "Caracas"),
        ("ethiopia", "ETH", "Эфиопия", "Addis Ababa"),
        ("lebanon", "LBN", "Ливан", "Beirut"),
        ("malaysia", "MYS", "Малайзия", "Kuala Lumpur"),
    ],
)
def test_states_the_reserve_batch_named_are_registry_actors(slug, iso, name_ru, capital):
    """Thailand, Cambodia, Egypt and the Philippines (fixtures/eval/en/actors-needed.txt),
    Peru, Venezuela, Ethiopia, Lebanon and Malaysia (the header of unseen/en/ad.yaml) load with
    their Russian names and capitals."""
    actor = Actor.objects.get(slug=slug)
    assert (actor.kind, actor.iso_code, actor.name_ru) == ("state", iso, name_ru)
    assert Term.objects.filter(actor=actor, text=capital).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text,words,expected",
    [
        ("Эфиопия предложила создать буферную зону.", "буферную зону", "ethiopia"),
        ("Власти Венесуэлы отвергли инспекцию.", "инспекцию", "venezuela"),
        ("Ливан и Израиль согласились на буферную зону.", "буферную зону", "lebanon"),
    ],
)
def test_the_new_states_are_named_in_russian_cases(text, words, expected):
    """The Russian terms of the new states cover their cases («Венесуэлы»)."""
    from .lexicon_finder import position_finder

    assert expected in {actor for actor, *_ in position_finder("ru")(text, (words, "t"))}


@pytest.mark.django_db
def test_states_named_by_their_adjectives_take_a_position():
    """ "Thai and Cambodian military authorities have agreed …": both states accept, named only
    by adjectives joined to each other."""
    from cbm.positions import build_finder

    text = (
        "Thai and Cambodian military authorities have agreed to withdraw their troops from a "
        "provisional demilitarised zone near the Preah Vihear temple."
    )
    start = text.index("withdraw their troops")
    span = TargetSpan(start, start + len("withdraw their troops"), ("measure_type", "pullback"))
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    found = build_finder("en", by_slug=True).find(text, [span])
    assert {(slugs[p.actor], p.stance) for p in found} == {
        ("thailand", "accepts"),
        ("cambodia", "accepts"),
    }


@pytest.mark.django_db
def test_negations_and_prepositions_are_curated_words_the_finder_reads():
    """Position words ship per role; retiring one in the admin changes what the finder reads."""
    from cbm.models import PositionWord
    from cbm.positions import position_words

    for role in PositionWord.Role.values:  # (case endings are Russian only)
        assert PositionWord.objects.filter(role=role).exists(), role
    assert "not" in position_words().negations and "to" in position_words().objects
    PositionWord.objects.filter(role="negations", word="not").update(is_active=False)
    assert "not" not in position_words().negations


@pytest.mark.django_db
def test_the_seed_gold_positions_load_as_accepted_and_score(curator):
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    counts = load_gold_positions(ROOT / "fixtures" / "gold", reviewer=curator)
    assert counts["created"] == 18
    assert Position.objects.accepted().filter(origin="curator").count() == 18
    assert load_gold_positions(ROOT / "fixtures" / "gold", reviewer=curator)["kept"] == 18
    out = StringIO()
    call_command("evaluate_positions", stdout=out)
    overall = next(line for line in out.getvalue().splitlines() if line.startswith("OVERALL"))
    precision, recall = map(float, overall.split()[-2:])
    assert precision >= 0.75 and recall >= 0.6


@pytest.mark.django_db
def test_the_test_split_prints_only_overall_figures():
    out = StringIO()
    call_command(
        "evaluate_positions", str(ROOT / "fixtures/eval/en"), "--split", "test", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("OVERALL") and not any("missed" in line for line in lines)


# -- the API -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_lists_accepted_positions_with_filters_csv_and_annotations(client, curator):
    from cbm import curation

    ingest_bytes(REPORT, source_name="report.txt")
    curation.link_accept(link=Position.objects.get(stance="suspends"), by=curator)
    data = client.get("/api/v1/positions/").json()
    assert [(r["actor"], r["stance"], r["instrument"]) for r in data["results"]] == [
        ("russia", "suspends", "cfe-treaty-1990")
    ]  # anonymous readers see accepted positions only
    assert client.get("/api/v1/positions/?stance=proposes").json()["count"] == 0
    assert client.get("/api/v1/positions/?actor=atlantis").status_code == 400
    csv = client.get("/api/v1/positions/?format=csv&actor=russia")
    text = b"".join(csv.streaming_content).decode()
    assert text.splitlines()[0].startswith("id,status,actor,stance,measure_type,instrument")
    assert "russia,suspends,,cfe-treaty-1990" in text
    page = client.get("/api/v1/positions/annotations/").json()
    values = {b.get("value") for b in page["items"][0]["body"]}
    assert {"actor:russia", "stance:suspends", "cfe-treaty-1990"} <= values


# -- pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_actor_page_lists_accepted_positions_in_constant_queries(
    client, curator, django_assert_max_num_queries
):
    from cbm import curation

    for n in range(3):
        ingest_bytes(REPORT + f"\n\nVersion {n}.\n".encode(), source_name=f"r{n}.txt")
    for position in Position.objects.filter(stance="suspends"):
        curation.link_accept(link=position, by=curator, note="internal working note")
    with django_assert_max_num_queries(7):  # 7th: the states continuing this one
        response = client.get("/actors/russia/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Russia suspended the Treaty") == 3 and "suspends" in html
    assert "internal working note" not in html  # curators' notes stay private
    assert "ready to discuss" not in html  # pending positions are not public
    assert "CFE" in html or "Conventional" in html
    assert client.get("/actors/atlantis/").status_code == 404


def accept_reports(curator, n, withdrawn=False):
    """n dated reports (one a month), their suggested positions accepted by the curator."""
    from cbm import curation

    for i in range(n):
        body = REPORT.replace(b"2023-05-01", f"2023-{i + 1:02d}-01".encode())
        ingest_bytes(body + f"\n\nVersion {i}.\n".encode(), source_name=f"r{i}.txt")
    for position in Position.objects.all():
        curation.link_accept(link=position, by=curator)
    if withdrawn:
        Position.objects.first().passage.document.__class__.objects.update(withdrawn=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "words", "on"),
    [
        ("/measures/exercise-caps/", "is ready to discuss restrictions", "measure_type__slug"),
        ("/instruments/cfe-treaty-1990/", "Russia suspended the Treaty", "instrument__slug"),
    ],
)
def test_measure_and_instrument_pages_draw_positions_in_constant_queries(
    client, curator, url, words, on
):
    """A timeline (marks coloured, lettered and linking to the quote) and a table, the same
    number of queries for one position as for three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accept_reports(curator, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    Position.objects.all().delete()
    from cbm.models import Document

    Document.objects.all().delete()
    accept_reports(curator, 3)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(three.captured_queries) == len(one.captured_queries)
    html = response.content.decode()
    assert html.count('class="mark stance-') == 3  # one mark a position, coloured by stance
    assert ">P</text>" in html or ">S</text>" in html  # and labelled: colour is not the only cue
    for position in Position.objects.public().filter(**{on: url.split("/")[2]}):
        assert f"#position-{position.pk}" in html  # each mark and row links to its quote
    assert html.count(words) >= 3  # the table quotes each


@pytest.mark.django_db
def test_pages_show_no_pending_or_withdrawn_positions(client, curator):
    ingest_bytes(REPORT, source_name="report.txt")  # pending only
    assert "No accepted positions yet." in client.get("/measures/exercise-caps/").content.decode()
    Position.objects.all().delete()
    accept_reports(curator, 1, withdrawn=True)
    html = client.get("/instruments/cfe-treaty-1990/").content.decode()
    assert "#position-" not in html and "No accepted positions yet." in html
    assert "No accepted" in client.get("/tracker/").content.decode()


@pytest.mark.django_db
def test_the_passage_page_anchors_each_public_position(client, curator):
    accept_reports(curator, 1)
    position = Position.objects.get(stance="suspends")
    html = client.get(position.passage.get_absolute_url()).content.decode()
    assert f'id="position-{position.pk}"' in html and "suspends" in html


@pytest.mark.django_db
def test_tracker_shows_the_latest_stance_per_actor_and_type_in_constant_queries(
    client, curator, django_assert_max_num_queries
):
    """Default period: the twelve months up to the latest date with data."""
    from cbm import curation

    accept_reports(curator, 3)  # Russia proposes exercise caps in January, February, March
    march = Position.objects.get(stance="proposes", passage__document__published_on__month=3)
    curation.position_edit(position=march, stance="rejects", by=curator, reason="test")
    with django_assert_max_num_queries(5):
        response = client.get("/tracker/")
    html = response.content.decode()
    assert "1 Mar 2022 to 1 Mar 2023" not in html and "2 Mar 2022 to 1 Mar 2023" in html
    assert html.count('class="stance stance-') == 1  # one cell: the latest stance only
    assert "stance-rejects" in html and f"#position-{march.pk}" in html
    html = client.get("/tracker/?start=2023-01-01&end=2023-01-31").content.decode()
    assert "stance-proposes" in html and "stance-rejects" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["start=bad", "start=2023-02-01&end=2023-01-01", "end=9999999"])
def test_tracker_reads_a_bad_period_as_a_form_error(client, query):
    response = client.get(f"/tracker/?{query}")
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_corrects_actor_and_stance_in_one_write_under_the_version_rule(admin_client):
    """A curator's correction in the admin is saved (not only the verdict), and a form opened
    before someone else's change saves nothing."""
    ingest_bytes(REPORT, source_name="report.txt")
    position = Position.objects.get(stance="proposes")
    url = f"/admin/cbm/position/{position.pk}/change/"
    form = {
        "passage": position.passage_id,
        "actor": Actor.objects.get(slug="united-states").pk,
        "stance": "rejects",
        "measure_type": position.measure_type_id,
        "instrument": "",
        "start": position.start,
        "end": position.end,
        "quote": position.quote,
        "reason": "actor misread",
        "seen_version": position.version,
        "status": "accepted",
        "note": "",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    position.refresh_from_db()
    assert (position.actor.slug, position.stance, position.status) == (
        "united-states",
        "rejects",
        "accepted",
    )
    stale = admin_client.post(url, {**form, "stance": "accepts"})  # the old version again
    assert stale.status_code == 200  # the form, with the conflict as its error
    position.refresh_from_db()
    assert position.stance == "rejects"


@pytest.mark.django_db
def test_optional_positions_count_neither_as_hits_nor_as_misses(tmp_path):
    """fixtures/eval/POSITIONS.md: a position an analyst could defend either way (an actor the
    paragraph never names, say) is neither a false hit when suggested nor a miss when not."""
    text = "Russia suspended the CFE Treaty."
    (tmp_path / "x.yaml").write_text(
        f"- {{id: x-1, split: dev, text: '{text}', measure_types: [],"
        " instruments: [cfe-treaty-1990], positions: [],"
        " optional_positions: [{actor: russia, stance: suspends, target: cfe-treaty-1990}]}\n"
        f"- {{id: x-2, split: dev, text: '{text}', measure_types: [],"
        " instruments: [cfe-treaty-1990],"
        " positions: [{actor: russia, stance: suspends, target: cfe-treaty-1990}],"
        " optional_positions: [{actor: nato, stance: rejects, target: cfe-treaty-1990}]}\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("evaluate_positions", str(tmp_path), stdout=out)
    overall = next(line for line in out.getvalue().splitlines() if line.startswith("OVERALL"))
    assert overall.split()[1:4] == ["1", "0", "0"]  # tp, fp, fn


def test_a_folder_that_is_no_evaluation_set_is_a_clear_error_not_a_traceback(tmp_path):
    # fixtures/gold holds gold files (mappings): it once crashed with an AttributeError
    (tmp_path / "g.yaml").write_text("document: x\nmentions: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"g\.yaml: not an evaluation batch"):
        call_command("evaluate_positions", str(tmp_path), stdout=StringIO())
    (tmp_path / "g.yaml").write_text("- [unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"g\.yaml"):
        call_command("evaluate_positions", str(tmp_path), stdout=StringIO())
