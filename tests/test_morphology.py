"""Term words marked ~ match inflections and close derivations, with exact offsets; a term
with a cue list matches only where a cue shares its sentence."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cbm import morphology
from cbm.matching import (
    ABBREVIATION,
    NEIGHBOURS,
    PARAGRAPH,
    PHRASE,
    PROXIMITY,
    SENTENCE,
    Matcher,
    TermSpec,
    TermSyntaxError,
    fold,
    validate,
)


def quotes(terms, text, cues=None):
    return [text[m.start : m.end] for m in Matcher(terms, cues).find(text)]


def test_a_verb_matches_its_inflections_and_its_noun():
    """notify~ finds notified, notifying, notifies and notification(s), whatever the case."""
    text = "Russia notified; NOTIFYING; notifies; the notification; prior notifications."
    found = quotes([TermSpec(1, "T", PHRASE, "notify~")], text)
    assert found == ["notified", "NOTIFYING", "notifies", "notification", "notifications"]


def test_agent_nouns_and_participles_meet_the_noun():
    """inspection~ finds inspectors and inspected; observation~ finds observers."""
    terms = [TermSpec(1, "I", PHRASE, "inspection~"), TermSpec(2, "O", PHRASE, "observation~")]
    text = "Inspectors inspected the site; observers observed the drills."
    assert quotes(terms, text) == ["Inspectors", "inspected", "observers", "observed"]


def test_stemmed_words_do_not_match_unrelated_words_that_share_letters():
    """notify~ is not 'notorious' or 'notice'; visit~ is not 'visibility'."""
    terms = [TermSpec(1, "N", PHRASE, "notify~"), TermSpec(2, "V", PHRASE, "visit~")]
    assert quotes(terms, "A notorious notice of poor visibility; visitors came.") == ["visitors"]


def test_stemmed_words_inside_phrases_and_proximity_groups():
    """~ words combine with plain words, optional words and proximity groups."""
    terms = [
        TermSpec(1, "D", PHRASE, "exchange~ of [military] information"),
        TermSpec(2, "A", PROXIMITY, "notify~", "days in advance", 8),
    ]
    text = "They exchanged of military information. Each Party shall notify the other 30 days in advance."
    assert quotes(terms, text) == [
        "exchanged of military information",
        "notify the other 30 days in advance",
    ]


def test_plain_words_keep_their_exact_meaning():
    """Without ~ nothing changes: 'inspection' does not match 'inspectors'."""
    assert quotes([TermSpec(1, "I", PHRASE, "inspection")], "inspectors; inspection") == [
        "inspection"
    ]


@pytest.mark.parametrize("text", ["no~t", "s-300~", "~", "notify~*"])
def test_malformed_stemmed_words_are_refused(text):
    with pytest.raises(TermSyntaxError):
        validate(PHRASE, text)


def test_a_language_without_a_stemmer_is_refused_with_a_reason():
    with pytest.raises(TermSyntaxError, match="no stemmer"):
        Matcher([TermSpec(1, "T", PHRASE, "notify~", language="xx")])


def test_russian_words_are_stemmed_by_the_russian_stemmer():
    """The language parameter chooses the stemmer: уведомление~ finds уведомления."""
    term = TermSpec(1, "T", PHRASE, "уведомление~", language="ru")
    assert quotes([term], "Россия направила уведомления в ОБСЕ.") == ["уведомления"]


# -- cues ------------------------------------------------------------------------------------

CUES = {"arms": [(PHRASE, "military"), (PHRASE, "armed forces"), (ABBREVIATION, "OSCE")]}


def test_a_cued_term_matches_only_with_a_cue_in_its_sentence():
    """A tax inspection is not found; an inspection in a sentence naming the OSCE is."""
    term = TermSpec(1, "I", PHRASE, "inspection~", cue="arms")
    text = (
        "Tax inspectors visited the firm. Later the OSCE said an inspection took place. "
        "Customs inspections of cargo continued."
    )
    assert quotes([term], text, CUES) == ["inspection"]


def test_a_cue_inside_the_match_counts_and_other_terms_need_no_cue():
    terms = [
        TermSpec(1, "I", PHRASE, "[military] inspection~", cue="arms"),
        TermSpec(2, "H", PHRASE, "hotline"),
    ]
    assert quotes(terms, "A military inspection. A consumer hotline.", CUES) == [
        "military inspection",
        "hotline",
    ]


def test_an_unknown_cue_list_is_refused():
    with pytest.raises(TermSyntaxError, match="cue list"):
        Matcher([TermSpec(1, "I", PHRASE, "inspection", cue="nope")], CUES)


# A paragraph naming the treaty in one sentence and the inspection two sentences later, then a
# new paragraph with a tax inspection.
REACH_TEXT = (
    "Russia invoked the OSCE Vienna Document. It asked for an inspection. A second inspection "
    "followed.\n\nTax inspection of the firm began. Its inspection ended."
)


def reach_quotes(reach):
    term = TermSpec(1, "I", PHRASE, "inspection~", cue="arms")
    matcher = Matcher([term], CUES, reach={"arms": reach} if reach else None)
    return [(m.start, REACH_TEXT[m.start : m.end]) for m in matcher.find(REACH_TEXT)]


def test_a_cue_lists_reach_is_its_sentence_unless_widened():
    """sentence (the default): no cue in the inspections' sentences; neighbours: the sentence
    after the one naming the OSCE; paragraph: up to the blank line, never past it. Offsets are
    those of the inspections themselves."""
    first, second = REACH_TEXT.index("inspection"), REACH_TEXT.index("second inspection") + 7
    assert reach_quotes(None) == reach_quotes(SENTENCE) == []
    assert reach_quotes(NEIGHBOURS) == [(first, "inspection")]
    assert reach_quotes(PARAGRAPH) == [(first, "inspection"), (second, "inspection")]


def test_neighbours_reach_back_and_forward_one_sentence():
    term = TermSpec(1, "I", PHRASE, "inspection~", cue="arms")
    matcher = Matcher([term], CUES, reach={"arms": NEIGHBOURS})
    text = "An inspection took place. The OSCE confirmed it. Tax inspections went on. Inspectors."
    assert [text[m.start : m.end] for m in matcher.find(text)] == ["inspection", "inspections"]


def test_an_unknown_reach_is_refused():
    with pytest.raises(TermSyntaxError, match="reach"):
        Matcher([TermSpec(1, "I", PHRASE, "inspection", cue="arms")], CUES, reach={"arms": "page"})


# -- exact offsets, whatever the text ------------------------------------------------------------

WORDS = [
    "notify",
    "notified",
    "Notification",
    "notices",
    "inspectors",
    "Inspection",
    "İnspect",
    "military",
    "OSCE",
    "tax",
    "cargo",
    "x",
    "naïve",
    "observers",
    "observé",
]
SEPARATORS = [" ", "  ", "\n", "-", "\u2013", ". ", ", ", ".\n\n", "\u00a0"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
TERMS = [
    TermSpec(1, "N", PHRASE, "notify~"),
    TermSpec(2, "I", PHRASE, "inspection~", cue="arms"),
    TermSpec(3, "O", PHRASE, "military observation~"),
    TermSpec(4, "P", PROXIMITY, "notify~", "inspection~", 3),
]


@given(texts)
@settings(max_examples=300, deadline=None)
def test_every_stemmed_span_is_whole_words_with_the_terms_roots(text):
    """Each span slices the original text at word boundaries, and each word a ~ stands for
    has that word's root."""
    for match in Matcher(TERMS, CUES).find(text):
        quote = text[match.start : match.end]
        assert quote and quote == quote.strip()
        assert match.start == 0 or not text[match.start - 1].isalnum()
        assert match.end == len(text) or not text[match.end].isalnum()
        words = re.findall(r"\w+", fold(quote))
        roots = {morphology.root(w) for w in words}
        if match.term == 1:
            assert roots == {morphology.root("notify")}
        if match.term == 2:
            assert roots == {morphology.root("inspection")}


@pytest.mark.parametrize(
    "verb, forms",
    [
        ("suspend", {"suspend", "suspends", "suspended", "suspending"}),
        ("notify", {"notify", "notifies", "notified", "notifying"}),
        ("invite", {"invite", "invites", "invited", "inviting"}),
        ("agree", {"agree", "agrees", "agreed", "agreeing"}),
        ("stop", {"stop", "stops", "stopped", "stopping"}),
        ("press", {"press", "presses", "pressed", "pressing"}),
    ],
)
def test_a_verb_plus_is_the_verb_and_its_regular_inflections(verb, forms):
    """verb+ stands for the verb's -s, -ed and -ing forms, spelt as English spells them."""
    assert forms <= set(morphology.verb_forms(verb))


def test_a_verb_plus_matches_inflections_but_not_nouns():
    """organize+ and sever+ find the verb's forms, not "organization" nor "several", which
    organize~ and sever~ would (their roots are the same)."""
    terms = [TermSpec(1, "O", PHRASE, "organize+"), TermSpec(2, "S", PHRASE, "sever+ ties")]
    text = "The organization organized drills; several states severed ties; it severs ties."
    assert quotes(terms, text) == ["organized", "severed ties", "severs ties"]


def test_a_verb_plus_only_ends_an_english_word():
    """+ is written at the end of one English word; elsewhere it is refused as a term."""
    for text in ("sus+pend", "halt++", "cut+-off"):
        with pytest.raises(TermSyntaxError):
            validate(PHRASE, text, "", 8, language="en")
    with pytest.raises(TermSyntaxError):
        validate(PHRASE, "отказаться+", "", 8, language="ru")
