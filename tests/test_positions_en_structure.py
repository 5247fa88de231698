"""English structures the position finder reads beyond one paragraph's phrasing (issue 12,
pos-en): threats and possibilities are no position (POSITIONS.md rule 10), and a participle
after a noun phrase that names no one is a passive whose agent is not said. Pure Python, like
the finder; one test reads the registry's data."""

import pytest

from cbm.matching import TermSpec
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords

from .test_positions_words import EN_ACTORS, spans

CUES = [
    CueSpec(10, "suspends", "phrase", "scrap+"),
    CueSpec(11, "suspends", "phrase", "withdraw+ from"),
    CueSpec(12, "suspends", "phrase", "shut+ down"),
    CueSpec(13, "accepts", "phrase", "sign+"),
    CueSpec(14, "accuses", "phrase", "violate+"),
    CueSpec(15, "implements", "phrase", "set/sets/setting up"),
]
BASE = {
    "negations": ["not"],
    "objects": ["to", "of", "with", "in", "from", "by"],
    "agents": ["by"],
    "joiners": ["and", "the"],
    "determiners": ["the"],
    "passives": ["was", "were"],
    "participles": ["ed", "set"],
    "heads": ["military", "side"],
    "organs": ["ministry"],
    "groups": ["delegation"],
}
WORDS = PositionWords.from_lists({**BASE, "intents": ["threatened", "may", "could", "considering"]})


def find(text, *targets, words=WORDS):
    finder = PositionFinder(EN_ACTORS, CUES, words)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


@pytest.mark.parametrize(
    "text",
    [
        "Russia threatened to scrap the hotline pact.",
        "Russia may withdraw from the hotline pact.",
        "Russia is considering withdrawing from the hotline pact.",
        # an alternative joined to the threatened act is threatened too
        "Russia threatened to shut down the office or even withdraw from the hotline pact.",
    ],
)
def test_a_threat_or_a_possibility_is_no_position(text):
    assert find(text, ("hotline pact", "hotline")) == set()
    # without the intent words, the same sentence suspends
    plain = PositionWords.from_lists(BASE)
    assert ("russia", "suspends", "hotline") in find(text, ("hotline pact", "hotline"), words=plain)


def test_a_possible_violation_still_accuses():
    """ "could violate the pact" is an accusation all the same."""
    text = "Washington said the plan could violate the hotline pact."
    assert ("us", "accuses", "hotline") in find(text, ("hotline pact", "hotline"))


def test_an_announced_act_stays():
    text = "Russia withdraws from the hotline pact."
    assert find(text, ("hotline pact", "hotline")) == {("russia", "suspends", "hotline")}


@pytest.mark.parametrize(
    "text, target",
    [
        ("Russia left talks on the military cooperation agreement signed in 2018.", "agreement"),
        ("Russia praised the hotline, a Cold War tool set up in 1963.", "hotline"),
    ],
)
def test_a_participle_after_a_noun_phrase_names_no_agent(text, target):
    """A reduced relative clause: the phrase before the participle is its object."""
    found = find(text, (target, "hotline"))
    assert not any(stance in ("accepts", "implements") for _, stance, _ in found)
    # with an auxiliary and no such phrase the subject acts as before
    assert find("Russia set up the hotline.", ("hotline", "hotline")) == {
        ("russia", "implements", "hotline")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russia signed the hotline pact in 2018.",
        "On Friday the delegation of Sweden signed the hotline pact.",
        "Sweden, the host, signed the hotline pact.",
    ],
)
def test_a_participle_after_an_actor_or_its_people_is_active(text):
    actor = "russia" if "Russia" in text else "sweden"
    assert find(text, ("hotline pact", "hotline")) == {(actor, "accepts", "hotline")}


@pytest.mark.django_db
def test_the_registry_ships_english_intent_words():
    from cbm.positions import position_words

    words = position_words("en").intents
    assert {"threatened", "may", "could"} <= words
    assert "will" not in words  # "will withdraw" is an announced decision (rule 10)


FRAME_CUES = [
    CueSpec(20, "accepts", "phrase", "agreed to"),
    CueSpec(21, "implements", "phrase", "conducted"),
    CueSpec(22, "implements", "phrase", "in compliance with"),
]
FRAME_WORDS = PositionWords.from_lists({**BASE, "frames": ["under", "to", "with"]})


def find_framed(text, *targets):
    finder = PositionFinder(EN_ACTORS, FRAME_CUES, FRAME_WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_an_instrument_a_cue_ends_before_is_its_object_not_a_frame():
    """ "agreed to the treaty": "to" ends the cue, the treaty is what is agreed to; an
    implementing cue's instrument stays a frame ("in compliance with the Vienna Document")."""
    text = "Russia agreed to the hotline treaty."
    assert find_framed(text, ("hotline treaty", ("instrument", "ht"))) == {
        ("russia", "accepts", ("instrument", "ht"))
    }
    text = "Russia conducted an inspection in compliance with the Vienna Document."
    found = find_framed(
        text, ("inspection", "inspection"), ("Vienna Document", ("instrument", "vd"))
    )
    assert found == {
        ("russia", "implements", "inspection"),
        ("russia", "implements", ("instrument", "vd")),
    }
    # after a frame word of no cue, the instrument is a frame: no acceptance of it
    text = "Russia agreed to inspections under the hotline treaty."
    found = find_framed(
        text, ("inspections", "inspection"), ("hotline treaty", ("instrument", "ht"))
    )
    assert found == {("russia", "accepts", "inspection")}


def test_announcing_another_act_implements_nothing():
    """ "notified allies he will withdraw": the notice is of the withdrawal, no implementing."""
    cues = [
        CueSpec(30, "implements", "phrase", "notified"),
        CueSpec(31, "suspends", "phrase", "withdraw from"),
    ]
    finder = PositionFinder(EN_ACTORS, cues, PositionWords.from_lists(BASE))
    text = "Russia notified allies it will withdraw from the hotline treaty."
    found = finder.find(text, spans(text, ("hotline treaty", ("instrument", "ht"))))
    assert {(p.actor, p.stance) for p in found} == {("russia", "suspends")}


def test_suspending_obligations_under_an_instrument_suspends_it():
    """ "suspend Russia's obligations under the treaty": the frame is what is suspended; an
    act done under it keeps it a frame."""
    cues = [
        CueSpec(40, "suspends", "phrase", "suspend+"),
        CueSpec(41, "implements", "phrase", "conducted"),
    ]
    words = PositionWords.from_lists({**BASE, "frames": ["under"]})
    finder = PositionFinder(EN_ACTORS, cues, words)
    text = "Russia suspended its obligations under the hotline treaty."
    found = finder.find(text, spans(text, ("hotline treaty", ("instrument", "ht"))))
    assert {(p.actor, p.stance, p.target) for p in found} == {
        ("russia", "suspends", ("instrument", "ht"))
    }
    text = "Russia conducted a flight under the hotline treaty."
    found = finder.find(text, spans(text, ("hotline treaty", ("instrument", "ht"))))
    assert not found


def test_the_source_of_a_report_is_not_joined_to_the_subject():
    """ "According to Moscow, NATO violated the treaty": Moscow accuses, NATO is accused."""
    cues = [CueSpec(50, "accuses", "phrase", "violated")]
    words = PositionWords.from_lists({**BASE, "accused": ["violated"]})
    finder = PositionFinder([*EN_ACTORS, TermSpec(9, "nato", "phrase", "NATO")], cues, words)
    text = "According to Moscow, NATO violated the hotline treaty."
    found = finder.find(text, spans(text, ("hotline treaty", ("instrument", "ht"))))
    assert {(p.actor, p.stance) for p in found} == {("russia", "accuses")}


def test_a_coordinated_infinitive_is_governed_too():
    """ "agreed to restore the ceasefire and revive the hotline": both are what is agreed."""
    cues = [
        CueSpec(60, "accepts", "phrase", "agreed to"),
        CueSpec(61, "implements", "phrase", "restore"),
        CueSpec(62, "implements", "phrase", "revive"),
    ]
    finder = PositionFinder(EN_ACTORS, cues, PositionWords.from_lists(BASE))
    text = "Russia agreed to restore the ceasefire and revive the hotline."
    found = finder.find(text, spans(text, ("hotline", "hotline")))
    assert {(p.actor, p.stance) for p in found} == {("russia", "accepts")}


def test_a_refusal_with_nothing_else_speaks_of_the_framed_instrument():
    cues = [CueSpec(70, "rejects", "phrase", "refused")]
    words = PositionWords.from_lists({**BASE, "frames": ["under"]})
    finder = PositionFinder(EN_ACTORS, cues, words)
    text = "Russia refused to fulfil its obligations under the hotline treaty."
    found = finder.find(text, spans(text, ("hotline treaty", ("instrument", "ht"))))
    assert {(p.actor, p.stance) for p in found} == {("russia", "rejects")}


def test_a_measure_act_in_the_passive_names_no_party():
    """ "The hotline between Russia and the United States is used …": who used it is not said;
    "Russia and the United States used the hotline" names both."""
    cues = [CueSpec(80, "implements", "phrase", "operated", only="hotline")]
    words = PositionWords.from_lists({**BASE, "participles": ["ed"], "passives": ["is", "was"]})
    finder = PositionFinder(EN_ACTORS, cues, words)
    text = "The hotline between Russia and the United States is operated by soldiers."
    assert not finder.find(text, spans(text, ("hotline", "hotline")))
    text = "Russia and the United States operated the hotline in a crisis."
    found = finder.find(text, spans(text, ("hotline", "hotline")))
    assert {(p.actor, p.stance) for p in found} == {("russia", "implements"), ("us", "implements")}


@pytest.mark.parametrize(
    "text",
    [
        "Russia signed an accord on setting up the hotline.",
        "Russia is examining the possibility of setting up the hotline.",
        "Russia agreed to stop drills by setting up the hotline.",
    ],
)
def test_a_gerund_after_a_governing_cue_is_what_it_is_about(text):
    cues = [
        CueSpec(90, "accepts", "phrase", "signed"),
        CueSpec(91, "proposes", "phrase", "examining the possibility"),
        CueSpec(92, "accepts", "phrase", "agreed to"),
        CueSpec(93, "implements", "phrase", "setting up"),
        CueSpec(94, "suspends", "phrase", "stop"),
    ]
    finder = PositionFinder(EN_ACTORS, cues, PositionWords.from_lists(BASE))
    found = finder.find(text, spans(text, ("hotline", "hotline")))
    assert {p.stance for p in found} == {"proposes" if "examining" in text else "accepts"}
