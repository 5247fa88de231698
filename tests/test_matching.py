"""The matcher: every term kind, the boundary cases, and spans that are always exact."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cbm.matching import (
    ABBREVIATION,
    NEIGHBOURS,
    PARAGRAPH,
    PHRASE,
    PROXIMITY,
    Match,
    Matcher,
    TermSpec,
    TermSyntaxError,
    fold,
    merge_overlapping,
    validate,
)


def phrase(text, target="T", key=None):
    return TermSpec(key or text, target, PHRASE, text)


def abbreviation(text, target="T"):
    return TermSpec(text, target, ABBREVIATION, text)


def proximity(first, second, window=6, target="T"):
    return TermSpec(f"{first}~{second}", target, PROXIMITY, first, second, window)


def quotes(terms, text):
    return [text[m.start : m.end] for m in Matcher(terms).find(text)]


def test_phrase_is_case_insensitive_and_whole_word():
    terms = [phrase("advance notice")]
    assert quotes(terms, "They gave ADVANCE Notice of it.") == ["ADVANCE Notice"]
    assert quotes(terms, "advance noticeboard") == []
    assert quotes(terms, "preadvance notice") == []


def test_star_matches_endings_and_slash_alternatives():
    terms = [
        phrase("restriction* on [military] exercise*"),
        phrase("notify/notification in advance"),
    ]
    text = "Restrictions on exercises; restriction on military exercise. Notification in advance."
    assert quotes(terms, text) == [
        "Restrictions on exercises",
        "restriction on military exercise",
        "Notification in advance",
    ]


def test_hyphen_space_or_nothing():
    """“intermediate-range” and “intermediate range”; “on-site” also matches “onsite”."""
    terms = [phrase("intermediate range missile*"), phrase("on-site inspection*")]
    text = "intermediate-range missiles, intermediate range missile, onsite inspections, on site inspection, on-site inspection"
    assert quotes(terms, text) == [
        "intermediate-range missiles",
        "intermediate range missile",
        "onsite inspections",
        "on site inspection",
        "on-site inspection",
    ]


def test_en_dash_and_line_break_inside_a_phrase():
    terms = [phrase("treaty on conventional forces")]
    assert quotes(terms, "the 1990 treaty on\nconventional –forces") == [
        "treaty on\nconventional –forces"
    ]


def test_curly_and_straight_apostrophes_are_the_same():
    terms = [phrase("days' notice"), phrase("powers’ military exercises")]
    text = "42 days’ notice and 42 days' notice; both powers' military exercises"
    assert quotes(terms, text) == ["days’ notice", "days' notice", "powers' military exercises"]


def test_abbreviation_is_case_sensitive_whole_word_with_plural():
    terms = [abbreviation("INF"), abbreviation("CFE")]
    text = "INF and CFE-1A; information, Inf, INFORMATION, INFs, xCFE"
    assert quotes(terms, text) == ["INF", "CFE", "INFs"]


def test_proximity_either_order_within_window_inside_one_sentence():
    term = proximity("restrict*; limit*", "exercise*; drill*", window=3)
    assert quotes([term], "restrictions on the military exercises") == [
        "restrictions on the military exercises"
    ]
    assert quotes([term], "exercises would face limits") == ["exercises would face limits"]
    assert (
        quotes([term], "restrictions on the conduct of military exercises") == []
    )  # 4 words apart
    assert quotes([term], "They agreed limits. Exercises continue.") == []  # two sentences


@pytest.mark.parametrize(
    "text",
    [
        "talks with Adm. Koshelev on military contacts",
        "talks with Brig. Gen. Ryder on military contacts",
        "talks with С. Лавров on military contacts",
    ],
)
def test_a_rank_or_an_initial_before_a_name_ends_no_sentence(text):
    term = proximity("talks", "military contacts", window=5)
    assert quotes([term], text) == [text[text.index("talks") :]]
    assert quotes([term], "They held talks. Military contacts resumed.") == []


def test_proximity_is_not_split_at_abbreviations_with_full_stops():
    term = proximity("number of", "troops deployed", window=3)
    assert quotes([term], "the number of U.S. troops deployed in Poland") == [
        "number of U.S. troops deployed"
    ]


def test_overlapping_matches_of_one_target_merge():
    terms = [phrase("advance notice"), phrase("advance notice of force movements", key="long")]
    merged = Matcher(terms).find_merged("They want advance notice of force movements.")
    assert [(m.start, m.end) for m in merged] == [(10, 43)]
    assert merge_overlapping([Match(0, 5, "A", 1), Match(3, 9, "B", 2)]) == [
        Match(0, 5, "A", 1),
        Match(3, 9, "B", 2),
    ]  # different targets stay apart


def test_offsets_are_in_the_original_text_even_when_lowercasing_changes_length():
    """‘İ’ lower-cases to two characters; offsets must still point into the original."""
    text = "İİİ prior notification"
    assert fold(text) != text and len(fold(text)) == len(text)
    assert quotes([phrase("prior notification")], text) == ["prior notification"]


@pytest.mark.parametrize(
    ("kind", "text", "near"),
    [
        (PHRASE, "", ""),
        (PHRASE, "[optional] [only]", ""),
        (PHRASE, "a*b", ""),
        (PHRASE, "notify/ in advance", ""),
        (ABBREVIATION, "two words", ""),
        (PROXIMITY, "limit*", ""),
        (PROXIMITY, "limit*;;cap", "exercise*"),
        ("regex", "x", ""),
    ],
)
def test_malformed_terms_are_refused_with_a_reason(kind, text, near):
    with pytest.raises(TermSyntaxError):
        validate(kind, text, near)


@pytest.mark.parametrize(
    ("kind", "text", "near"),
    [
        (PHRASE, "'", ""),
        (PHRASE, "(", ""),
        (PHRASE, ".*", ""),
        (PHRASE, "\u200b", ""),
        (PHRASE, "notice ,", ""),
        (ABBREVIATION, "()", ""),
        (PROXIMITY, "limit*", "?"),
    ],
)
def test_a_word_without_a_letter_or_digit_is_refused(kind, text, near):
    """A term word of punctuation alone ("'", "(", ".*") would match every such mark in the
    texts: it is refused with a reason, as a word of hyphens alone is."""
    with pytest.raises(TermSyntaxError, match="no letters"):
        validate(kind, text, near)


def test_a_lexicon_with_an_old_invalid_term_still_matches_its_other_terms():
    """Built with skip_invalid (from stored rows), a term or cue that breaks a rule made after
    it was saved is left out and listed with its reason; the other terms match as before."""
    terms = [
        phrase("prior notification"),
        TermSpec("half", "T", PROXIMITY, "limit*", "(", 6),
        TermSpec("cued", "C", PHRASE, "inspection", cue="military"),
    ]
    cues = {"military": [(PHRASE, "military"), (ABBREVIATION, "'")]}
    with pytest.raises(TermSyntaxError):
        Matcher(terms, cues)
    matcher = Matcher(terms, cues, skip_invalid=True)
    assert [key for key, _ in matcher.skipped] == [("military", "'"), "half"]
    assert "no letters or digits" in matcher.skipped[1][1]
    text = "Prior notification limits (military inspection)."
    found = [(text[m.start : m.end], m.term) for m in matcher.find(text)]
    assert found == [("Prior notification", "prior notification"), ("inspection", "cued")]


WORDS = ["prior", "notification", "of", "military", "exercises", "INF", "information", "limits"]
SEPARATORS = [" ", "  ", "\n", "-", " – ", ", ", ". ", "’s ", " “", "” "]
term_texts = st.lists(
    st.sampled_from([*WORDS[:5], "exercise*", "[military]", "limit*/cap"]), min_size=1, max_size=4
)
corpus = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


def reference_regex(term: str) -> re.Pattern:
    """An independent, slow rendering of the phrase notation, to check spans against."""
    parts = []
    for token in term.split():
        optional = token.startswith("[")
        alternatives = token.strip("[]").split("/")
        alt = "|".join(
            re.escape(a.rstrip("*")) + (r"\w*" if a.endswith("*") else "") for a in alternatives
        )
        parts.append((optional, f"(?:{alt})"))
    regex = ""
    seen_required = False
    for optional, alt in parts:
        if not seen_required:
            regex += f"(?:{alt}[\\s\\-]+)?" if optional else alt
            seen_required = not optional
        else:
            regex += f"(?:[\\s\\-]+{alt})?" if optional else f"[\\s\\-]+{alt}"
    return re.compile(rf"(?<!\w){regex}(?!\w)", re.IGNORECASE)


@given(st.lists(term_texts, min_size=1, max_size=4), corpus)
@settings(max_examples=300, deadline=None)
def test_every_span_slices_the_original_text_to_words_the_term_matches(terms, text):
    """For any terms and text: each span, sliced from the original, is matched whole by its term."""
    specs = []
    for i, words in enumerate(terms):
        if all(w.startswith("[") for w in words):
            continue
        specs.append(TermSpec(i, i, PHRASE, " ".join(words)))
    if not specs:
        return
    matcher = Matcher(specs)
    by_key = {spec.key: spec for spec in specs}
    for match in matcher.find(text):
        quote = text[match.start : match.end]
        folded = fold(quote)
        assert reference_regex(by_key[match.term].text).fullmatch(folded), (
            quote,
            by_key[match.term].text,
        )


@given(corpus)
@settings(max_examples=200, deadline=None)
def test_abbreviation_spans_are_exactly_the_abbreviation(text):
    for match in Matcher([abbreviation("INF")]).find(text):
        assert text[match.start : match.end] in {"INF", "INFs"}
        assert match.start == 0 or not text[match.start - 1].isalnum()


@given(corpus)
@settings(max_examples=200, deadline=None)
def test_proximity_spans_start_and_end_on_the_two_groups(text):
    term = proximity("prior notification; limit*", "exercise*", window=2)
    for match in Matcher([term]).find(text):
        quote = fold(text[match.start : match.end])
        assert quote.startswith(("prior", "limit", "exercise"))
        assert re.search(r"(exercise\w*|notification|limit\w*)$", quote)


@given(st.lists(term_texts, min_size=1, max_size=3), corpus)
@settings(max_examples=300, deadline=None)
def test_the_matcher_misses_nothing_the_reference_finds(terms, text):
    """Completeness: every match of the slow reference is among the matcher's spans."""
    specs = [
        TermSpec(i, i, PHRASE, " ".join(words))
        for i, words in enumerate(terms)
        if not all(w.startswith("[") for w in words)
    ]
    if not specs:
        return
    found = {(m.term, m.start, m.end) for m in Matcher(specs).find(text)}
    for spec in specs:
        for hit in reference_regex(spec.text).finditer(fold(text)):
            assert (spec.key, hit.start(), hit.end()) in found, (spec.text, hit.group())


def test_proximity_pairs_each_match_with_its_neighbours_only_in_a_long_text():
    """20,000 of each group in one text: each pairs with its own sentence's partner only
    (pairing looks within reach by bisection; comparing all pairs would take hours)."""
    text = "They proposed limits on exercises. " * 20_000
    matches = Matcher([proximity("limit*", "exercise*", window=3)]).find(text)
    assert len(matches) == 20_000
    assert {text[m.start : m.end] for m in matches} == {"limits on exercises"}


# Texts with every kind of separator the fast path treats differently: single and double
# spaces, hyphens, dashes, line breaks, tabs, rare spaces (em space, vertical tab), non-ASCII.
FAST_WORDS = [*WORDS, "on", "site", "onsite", "prenotification", "Military", "INFs", "CSBM"]
FAST_WORDS += ["exchange", "notificationlimits", "notified", "informationexchange"]
# mostly single separators, which the fast path takes; now and then one that it leaves
FAST_SEPARATORS = [" "] * 12 + ["-", "\n", ", ", ". ", "’s ", " “", "” ", "é ", "\t", "\u00a0"]
FAST_SEPARATORS += ["  ", " – ", "\r\n", "\u2003", "\x0b", "-\n"]
fast_corpus = st.lists(
    st.tuples(st.sampled_from(FAST_WORDS), st.sampled_from(FAST_SEPARATORS)), max_size=16
).map(lambda pairs: "".join(w + s for w, s in pairs))
fast_terms = st.lists(
    st.sampled_from(
        [
            *WORDS[:5],
            "exercise*",
            "[military]",
            "limit*/cap",
            "on-site",
            "pre-notification",
            "notify~",
            "[prior]",
            "information",
            "notification-limits",
            "information-exchange/military",
        ]
    ),
    min_size=1,
    max_size=2,
)


@given(st.lists(fast_terms, min_size=1, max_size=5), fast_corpus)
@settings(max_examples=500, deadline=None)
def test_the_fast_path_finds_exactly_what_the_portable_path_finds(terms, text):
    """Phrases, abbreviations, proximity terms and cue lists: find() and find_portable()
    return the same matches for any text."""
    specs = [
        TermSpec(i, i % 3, PHRASE, " ".join(words), cue="cue" if i % 2 else None)
        for i, words in enumerate(terms)
        if not all(w.startswith("[") for w in words)
    ]
    specs += [
        TermSpec("a", "A", ABBREVIATION, "INF"),
        TermSpec("c", "C", ABBREVIATION, "CSBM", cue="cue"),
        TermSpec("p", "P", PROXIMITY, "prior notification; limit*", "exercise*; INF", window=3),
    ]
    cues = {"cue": [(PHRASE, "military"), (PHRASE, "on site"), (ABBREVIATION, "INF")]}
    matcher = Matcher(specs, cues)

    def full(matches):  # Match compares by span only
        return [(m.start, m.end, m.target, m.term) for m in matches]

    assert full(matcher.find(text)) == full(matcher.find_portable(text))


# -- unless: a cue list that stops a term ----------------------------------------------------------

TRUCE = {
    "truce": [(PHRASE, "ceasefire~"), (PHRASE, "truce~"), (ABBREVIATION, "UNDOF")],
    "troops": [(PHRASE, "troop*"), (PHRASE, "soldier*")],
}
PULL_BACK = TermSpec("pb", "T", PHRASE, "pull~ back", unless="truce")


def spans(terms, text, reach=None, path="find"):
    matcher = Matcher(terms, TRUCE, reach=reach)
    return [(m.start, m.end, text[m.start : m.end]) for m in getattr(matcher, path)(text)]


@pytest.mark.parametrize("path", ["find", "find_automaton", "find_portable"])
def test_a_term_with_an_unless_list_matches_where_none_of_its_cues_is_near(path):
    """Without a cue of the list the term matches as any term, at exact offsets; with one in
    its sentence (a phrase or an abbreviation) it does not."""
    text = "Both sides agreed to pull back their troops from the border."
    assert spans([PULL_BACK], text, path=path) == [(21, 30, "pull back")]
    assert spans([PULL_BACK], "Under the ceasefire, both sides pulled back.", path=path) == []
    assert spans([PULL_BACK], "UNDOF saw the forces pull back.", path=path) == []


@pytest.mark.parametrize("path", ["find", "find_automaton", "find_portable"])
def test_an_unless_cue_beyond_the_lists_reach_does_not_stop_the_term(path):
    """A cue in another sentence stops nothing at reach sentence; at neighbours the sentence
    before or after stops it, two sentences away or past a blank line does not."""
    text = (
        "A ceasefire was signed in May. Then they agreed to pull back troops. It held.\n\n"
        "They pulled back again. Talks went on. The truce was renewed."
    )
    first, second = text.index("pull back"), text.index("pulled back")
    assert spans([PULL_BACK], text, path=path) == [
        (first, first + 9, "pull back"),
        (second, second + 11, "pulled back"),
    ]
    assert spans([PULL_BACK], text, {"truce": NEIGHBOURS}, path) == [
        (second, second + 11, "pulled back")
    ]
    assert spans([PULL_BACK], text, {"truce": PARAGRAPH}, path) == []


@pytest.mark.parametrize("path", ["find", "find_automaton", "find_portable"])
def test_a_term_may_need_one_list_and_be_stopped_by_another(path):
    """cue and unless together: a proximity term needs troops and no truce word; other terms
    in the same text are not affected by either list."""
    term = TermSpec("w", "W", PROXIMITY, "withdraw~", "border", 4, cue="troops", unless="truce")
    other = TermSpec("b", "B", PHRASE, "border")
    text = (
        "Troops will withdraw from the border. Tanks will withdraw from the border. "
        "After the truce, soldiers will withdraw from the border."
    )
    found = spans([term, other], text, path=path)
    assert [(quote, start) for start, _, quote in found if quote != "border"] == [
        ("withdraw from the border", text.index("withdraw"))
    ]
    assert [quote for _, _, quote in found].count("border") == 3


def test_an_unknown_unless_list_is_refused():
    with pytest.raises(TermSyntaxError, match="unknown cue list 'nope'"):
        Matcher([TermSpec(1, "T", PHRASE, "pull back", unless="nope")], TRUCE)
