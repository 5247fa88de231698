"""Which clause an actor, a cue and a target stand in: clause words end an actor's reach, a
clause about several parties or an instrument takes no carried subject, an infinitive after a
proposal is what is proposed, an actor after the cue's object does not take the cue. Pure
Python, like the finder; one test reads the registry's data."""

import pytest

from cbm.matching import TermSpec
from cbm.positions import position_words
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

ACTORS = [
    TermSpec(1, "russia", "phrase", "Russia"),
    TermSpec(2, "russia", "phrase", "Moscow"),
    TermSpec(3, "us", "phrase", "the United States"),
    TermSpec(4, "nato", "phrase", "NATO"),
]
CUES = [
    CueSpec(10, "suspends", "phrase", "suspended"),
    CueSpec(11, "proposes", "phrase", "proposed"),
    CueSpec(12, "accepts", "phrase", "agreed"),
    CueSpec(13, "demands", "phrase", "called for"),
    CueSpec(14, "suspends", "phrase", "cut off"),
]
WORDS = {
    "objects": ["to", "of", "with", "on"],
    "joiners": ["and", "its"],
    "determiners": ["the", "its"],
    "pronouns": ["it", "they"],
    "anaphors": ["treaty"],
    "clauses": ["while", "which", "but", "that"],
    "plurals": ["both", "sides"],
}


def spans(text, *targets):
    return [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]


def finder(**changes):
    return PositionFinder(ACTORS, CUES, PositionWords.from_lists({**WORDS, **changes}))


def find(text, *targets, **changes):
    found = finder(**changes).find(text, spans(text, *targets))
    return {(p.actor, p.stance, p.target) for p in found}


def find_document(*paragraphs):
    inputs = [(text, spans(text, *targets)) for text, targets in paragraphs]
    return [
        {(p.actor, p.stance, p.target) for p in found} for found in finder().find_document(inputs)
    ]


def test_an_actor_before_a_clause_word_is_not_the_subject_after_it():
    """ "Moscow praised the talks while the country suspended the treaty": not Moscow's deed."""
    text = "Moscow praised the talks while the country suspended the treaty."
    target = ("treaty", ("instrument", 1))
    assert find(text, target) == set()
    assert find(text, target, clauses=[]) == {("russia", "suspends", ("instrument", 1))}


def test_a_clause_word_after_an_actor_or_right_before_the_cue_keeps_the_subject():
    """ "Russia, which suspended …" and "Moscow cut talks, but suspended …" are Russia's."""
    target = ("treaty", ("instrument", 1))
    assert find("Russia, which suspended the treaty, spoke.", target) == {
        ("russia", "suspends", ("instrument", 1))
    }
    assert find("Moscow praised the talks, but suspended the treaty.", target) == {
        ("russia", "suspends", ("instrument", 1))
    }


def test_no_subject_is_carried_to_a_clause_about_several_parties():
    """ "Both sides agreed …" after a sentence on Russia is not Russia's acceptance; "They
    agreed …" is."""
    _, both = find_document(
        ("Russia proposed limits on drills.", [("limits on drills", "caps")]),
        ("Both sides agreed on notice of drills.", [("notice of drills", "notice")]),
    )
    _, they = find_document(
        ("Russia proposed limits on drills.", [("limits on drills", "caps")]),
        ("They agreed on notice of drills.", [("notice of drills", "notice")]),
    )
    assert both == set()
    assert they == {("russia", "accepts", "notice")}


def test_no_subject_is_carried_to_a_clause_about_an_instrument():
    _, found = find_document(
        ("Russia proposed limits on drills.", [("limits on drills", "caps")]),
        ("The treaty agreed on notice of drills.", [("notice of drills", "notice")]),
    )
    assert found == set()


def test_an_actor_after_the_cues_object_does_not_take_the_cue():
    """ "called for talks on the hotline that Moscow cut off": Moscow did not call for it."""
    text = "The minister called for talks on the hotline that Moscow cut off."
    found = find(text, ("hotline", "hotline"))
    assert ("russia", "demands", "hotline") not in found
    assert ("russia", "suspends", "hotline") in found


def test_an_actor_and_its_allies_act_together():
    text = "the United States and its NATO allies suspended the treaty."
    assert find(text, ("treaty", ("instrument", 1))) == {
        ("us", "suspends", ("instrument", 1)),
        ("nato", "suspends", ("instrument", 1)),
    }


def test_an_infinitive_after_a_proposal_is_what_is_proposed():
    """ "предложила членам НАТО присоединиться к мораторию": no acceptance of the moratorium."""
    ru = PositionFinder(
        [TermSpec(1, "russia", "phrase", "Россия~", language="ru")],
        [
            CueSpec(20, "proposes", "phrase", "предложил*"),
            CueSpec(21, "accepts", "phrase", "присоединиться"),
        ],
        PositionWords.from_lists({"infinitives": ["ться", "ть"]}),
        language="ru",
    )
    text = "Россия предложила членам НАТО присоединиться к мораторию на размещение ракет."
    found = {(p.actor, p.stance, p.target) for p in ru.find(text, spans(text, ("мораторию", "m")))}
    assert found == {("russia", "proposes", "m")}


@pytest.mark.django_db
def test_the_registry_ships_clause_plural_and_infinitive_words():
    en, ru = position_words("en"), position_words("ru")
    assert {"which", "while", "after"} <= en.clauses and "both" in en.plurals
    assert "которая" in ru.clauses and "стороны" in ru.plurals and "ться" in ru.infinitives
    assert "its" in en.joiners


def test_an_actor_cue_and_target_spread_too_far_apart_make_no_suggestion():
    """Over 200 characters from the actor to the cue's nearest target: too loose to suggest;
    an enumeration the cue governs counts from its first item."""
    far = (
        "Russia, "
        + "in a long aside about many other matters of the day, " * 4
        + "suspended talks."
    )
    assert find(far, ("talks", "talks")) == set()
    items = ", ".join(f"item {n}" for n in range(30))
    listed = f"Russia proposed limits on drills, {items} and caps on tanks."
    found = find(listed, ("limits on drills", "drills"), ("caps on tanks", "tanks"))
    assert found == {("russia", "proposes", "drills"), ("russia", "proposes", "tanks")}
