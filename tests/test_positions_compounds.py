"""A reading of the round of 2026-11-28 (dev batch ab): a hyphenated compound is one word
between an answer and the offer it answers. Pure Python, like the finder."""

from cbm.matching import TermSpec
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

ACTORS = [
    TermSpec(4, "china", "phrase", "Chinese"),
]
CUES = [
    CueSpec(11, "accepts", "phrase", "agreed"),
    CueSpec(12, "proposes", "phrase", "proposal"),
]
WORDS = PositionWords.from_lists(
    {"objects": ["to", "of", "on"], "joiners": ["and"], "determiners": ["the"]}
)


def find(text, *targets):
    spans = [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]
    found = PositionFinder(ACTORS, CUES, WORDS).find(text, spans)
    return {(p.actor, p.stance, p.target) for p in found}


def test_a_hyphenated_compound_is_one_word_between_an_answer_and_its_offer():
    """ "agreed on the long-pending proposal to set up a hotline": the militaries accept it;
    the proposal is not theirs."""
    text = "The Chinese militaries have agreed on the long-pending proposal to set up a hotline."
    found = find(text, ("hotline", "hotline"))
    assert ("china", "accepts", "hotline") in found
    assert ("china", "proposes", "hotline") not in found
