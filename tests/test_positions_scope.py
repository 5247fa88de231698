"""What a cue is about: an infinitive a proposal or demand governs is no deed of its own, and a
stance on a sub-type is not also one on its parent. Pure Python, like the finder; the last test
runs the service on a stored passage."""

import pytest

from cbm.models import MeasureType, Position
from cbm.positions import suggest_positions
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

from .test_positions_words import EN_ACTORS, EN_CUES, EN_WORDS, spans

CUES = [
    *EN_CUES,
    CueSpec(30, "implements", "phrase", "conduct/conducted"),
    CueSpec(31, "demands", "phrase", "called on"),
    CueSpec(32, "implements", "phrase", "notify"),
    CueSpec(33, "proposes", "phrase", "suggested"),
]


def find(text, *targets):
    finder = PositionFinder(EN_ACTORS, CUES, EN_WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_an_infinitive_after_a_proposal_is_what_is_proposed():
    text = "Moscow suggested measures such as allowing Sweden to conduct checks on the sites."
    assert find(text, ("checks on the sites", "insp")) == {("russia", "proposes", "insp")}
    text = "The United States called on Russia to notify its large exercises."
    assert find(text, ("its large exercises", "notice")) == {("us", "demands", "notice")}


def test_an_infinitive_after_a_target_is_a_deed_of_its_own():
    """ "Russia proposed talks, and Sweden will conduct checks": the deed stands."""
    text = "Russia proposed consultations, so Sweden is able to conduct checks on the sites."
    found = find(text, ("consultations", "cons"), ("checks on the sites", "insp"))
    assert ("sweden", "implements", "insp") in found


def test_a_stance_on_a_sub_type_is_not_also_one_on_its_parent():
    text = "Sweden will conduct a challenge inspection and other inspections in Russia."
    parent = frozenset({"insp"})
    targets = [
        TargetSpan(text.index("a challenge"), text.index(" and"), "challenge", parent),
        TargetSpan(text.index("inspections"), text.index(" in Russia"), "insp"),
    ]
    found = PositionFinder(EN_ACTORS, CUES, EN_WORDS).find(text, targets)
    assert {(p.actor, p.stance, p.target) for p in found} == {("sweden", "implements", "challenge")}
    # Russia, named alone, keeps a stance on the parent
    text = "Sweden conducted a challenge inspection. Russia conducted inspections."
    targets = [
        TargetSpan(text.index("a challenge"), text.index(". Russia"), "challenge", parent),
        TargetSpan(text.rindex("inspections"), len(text) - 1, "insp"),
    ]
    found = PositionFinder(EN_ACTORS, CUES, EN_WORDS).find(text, targets)
    assert {(p.actor, p.target) for p in found} == {("sweden", "challenge"), ("russia", "insp")}


@pytest.mark.django_db
def test_the_service_reads_parents_from_the_taxonomy():
    from cbm.ingest import ingest_bytes

    body = b"date 2023-05-01\n\nRussia conducted a challenge inspection and other inspections.\n"
    document = ingest_bytes(body, source_name="parent-child.txt").document
    suggest_positions(type(document).objects.filter(pk=document.pk))
    found = set(
        Position.objects.filter(passage__document=document).values_list(
            "measure_type__slug", flat=True
        )
    )
    assert MeasureType.objects.get(slug="challenge-inspection").parent.slug == "inspection"
    assert found == {"challenge-inspection"}


def test_a_target_span_holding_an_actor_and_a_cue_is_a_clause_not_a_name():
    """The link matcher's word groups may reach across a clause ("the treaty Russia will
    conduct flights"): its actor acts and its cue governs what follows it."""
    finder = PositionFinder(EN_ACTORS, CUES, EN_WORDS)
    text = "Under the treaty Russia will conduct observation flights over Sweden."
    span = [TargetSpan(text.index("treaty"), text.index(" over"), "flights")]
    found = finder.find(text, span)
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "implements", "flights")}
    # a name that holds a cue but no actor before it stays a name ("conduct of exercises")
    text = "Russia agreed to limits on the conduct of exercises."
    span = [TargetSpan(text.index("limits"), len(text) - 1, "caps")]
    found = finder.find(text, span)
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "accepts", "caps")}
    # an actor that is the object of a word before it does not make the span a clause
    words = PositionWords.from_lists({"objects": ["to", "of", "obliges"]})
    cues = [CueSpec(34, "accepts", "phrase", "accept")]
    text = "The treaty obliges Sweden to accept flights over its land."
    span = [TargetSpan(text.index("treaty"), text.index(" over"), "flights")]
    assert PositionFinder(EN_ACTORS, cues, words).find(text, span) == []
    text = "The treaty says Sweden will accept flights over its land."
    span = [TargetSpan(text.index("treaty"), text.index(" over"), "flights")]
    found = PositionFinder(EN_ACTORS, cues, words).find(text, span)
    assert {(p.actor, p.stance) for p in found} == {("sweden", "accepts")}


def test_signing_a_decree_that_suspends_an_instrument_does_not_accept_it():
    cues = [
        CueSpec(50, "accepts", "phrase", "signed"),
        CueSpec(51, "suspends", "phrase", "suspending/suspension"),
    ]
    finder = PositionFinder(EN_ACTORS, cues, EN_WORDS)
    text = "Russia signed a decree suspending the Open Skies Treaty."
    span = [TargetSpan(text.index("the Open"), len(text) - 1, ("instrument", 1))]
    found = {(p.actor, p.stance) for p in finder.find(text, span)}
    assert found == {("russia", "suspends")}
    text = "A law on the suspension of the Open Skies Treaty, Russia signed it in June."
    span = [TargetSpan(text.index("the Open"), text.index(","), ("instrument", 1))]
    found = {(p.actor, p.stance) for p in finder.find(text, span)}
    assert ("russia", "accepts") not in found
    # an agreement to halt drills still accepts the measure it halts
    text = "Russia signed a pledge suspending large drills."
    span = [TargetSpan(text.index("large"), len(text) - 1, ("measure_type", 1))]
    found = {(p.actor, p.stance) for p in finder.find(text, span)}
    assert ("russia", "accepts") in found


def test_a_duty_to_implement_is_not_an_implementation():
    words = PositionWords.from_lists({"objects": ["to", "of"], "modals": ["obliged", "must"]})
    cues = [CueSpec(60, "implements", "phrase", "invite/invited"), *CUES[1:]]
    finder = PositionFinder(EN_ACTORS, cues, words)
    text = "Russia and Sweden are obliged to invite observers to large drills."
    span = [TargetSpan(text.index("observers"), len(text) - 1, "obs")]
    assert finder.find(text, span) == []
    text = "Russia invited observers to large drills."
    span = [TargetSpan(text.index("observers"), len(text) - 1, "obs")]
    assert {(p.actor, p.stance) for p in finder.find(text, span)} == {("russia", "implements")}
