"""The matcher's three paths return the same matches, in the same order, for any terms and
text: Hyperscan (find), Aho-Corasick over the spaced copy (find_automaton, where Hyperscan is
missing) and the portable path (find_portable, the reference every text can take)."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cbm.matching import (
    ABBREVIATION,
    PHRASE,
    PROXIMITY,
    REACHES,
    SENTENCE,
    Matcher,
    TermSpec,
    prefilter,
    presence,
    stored,
)

needs_hyperscan = pytest.mark.skipif(not presence.available(), reason="no Hyperscan here")

# Words and separators each path reads differently: case, prefixes and plurals, stems,
# abbreviations, letters that are not ASCII (some lower-case to ASCII: İ, the Kelvin sign),
# single and double separators, rare spaces, dashes, quotes.
WORDS = ["prior", "notification", "Notified", "of", "military", "exercises", "exercise"]
WORDS += ["INF", "INFs", "inf", "information", "limits", "on", "site", "onsite", "Cues"]
WORDS += ["prenotification", "naïve", "attaché", "İNF", "\u212aey", "observé", "caps"]
SEPARATORS = [" "] * 10 + ["-", "\n", ", ", ". ", "’s ", " “", "” ", "é ", "\t", "\u00a0"]
SEPARATORS += ["  ", " – ", "\r\n", "\u2003", "\x0b", "-\n", ".\n\n", "\x1c"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=24).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
PHRASES = [
    "prior notification",
    "[prior] notification of [military] exercise*",
    "notify~",
    "limit*/cap/caps",
    "on-site",
    "pre-notification",
    "military information",
    "exercise*",
    "exercises",
    "attaché",
    "key",
]
CUES = {
    "arms": [(PHRASE, "military"), (PHRASE, "on site"), (ABBREVIATION, "INF")],
    "other": [(ABBREVIATION, "CUES"), (PHRASE, "naïve")],
}


def full(matches):  # Match compares by span only
    return [(m.start, m.end, m.target, m.term) for m in matches]


def assert_same_on_every_path(matcher, text):
    expected = full(matcher.find_portable(text))
    assert full(matcher.find_automaton(text)) == expected
    assert full(matcher.find(text)) == expected


terms = st.lists(
    st.tuples(
        st.sampled_from([PHRASE, PROXIMITY, ABBREVIATION]),
        st.sampled_from(PHRASES),
        st.sampled_from(PHRASES),
        st.sampled_from([None, "arms", "other"]),
        st.sampled_from([3, 0, 1, 2, 5]),  # a proximity term's window (Hyperscan's pairs)
    ),
    min_size=1,
    max_size=6,
)


def specs_of(drawn):
    specs = []
    for i, (kind, text, near, cue, *window) in enumerate(drawn):
        if kind == ABBREVIATION:
            text = ["INF", "CUES", "OSCE"][i % 3]
        near = near if kind == PROXIMITY else ""
        specs.append(TermSpec(i, i % 3, kind, text, near, (window or [3])[0], cue))
    return specs


@given(terms, texts)
@settings(max_examples=400, deadline=None)
def test_every_path_finds_the_same_matches_in_the_same_order(drawn, text):
    assert_same_on_every_path(Matcher(specs_of(drawn), CUES), text)


reaches = st.fixed_dictionaries(dict.fromkeys(CUES, st.sampled_from(REACHES)))


@given(terms, texts, reaches)
@settings(max_examples=300, deadline=None)
def test_every_reach_keeps_the_paths_equal_and_wider_finds_more(drawn, text, reach):
    """Whatever the cue lists' reach, the paths agree; sentence everywhere is the default; a
    wider reach only adds matches (sentence ⊆ neighbours ⊆ paragraph)."""
    specs = specs_of(drawn)
    matcher = Matcher(specs, CUES, reach=reach)
    assert_same_on_every_path(matcher, text)
    default = full(Matcher(specs, CUES).find(text))
    assert full(Matcher(specs, CUES, reach=dict.fromkeys(CUES, SENTENCE)).find(text)) == default
    found = [
        set(full(Matcher(specs, CUES, reach=dict.fromkeys(CUES, r)).find(text))) for r in REACHES
    ]
    assert found[0] <= found[1] <= found[2]


@needs_hyperscan
def test_hyperscan_is_used_where_it_is_installed():
    assert Matcher([TermSpec(1, "T", PHRASE, "prior notification")])._fast is not None


def test_without_hyperscan_the_automaton_finds_the_same(monkeypatch):
    """A machine without Hyperscan's wheels: find() takes the Aho-Corasick path."""
    monkeypatch.setattr(presence, "hyperscan", None)
    matcher = Matcher(specs_of([(PHRASE, "prior notification", "", None)]))
    assert matcher._fast is None
    text = "A prior notification. Prior  notification."
    assert full(matcher.find(text)) == full(matcher.find_portable(text))
    assert len(matcher.find(text)) == 2


def test_russian_terms_take_the_automaton_path():
    """Words mostly not ASCII would be "?"s to Hyperscan, found everywhere."""
    term = TermSpec(1, "T", PHRASE, "уведомление~", language="ru")
    matcher = Matcher([term], language="ru")
    assert matcher._fast is None
    assert [m.start for m in matcher.find("Россия направила уведомления.")] == [17]


def test_equal_spans_come_in_the_order_the_terms_were_given():
    """Two terms matching the same words: the same order on every path, the terms' own."""
    specs = [
        TermSpec("b", "B", PHRASE, "exercises"),
        TermSpec("a", "A", PHRASE, "exercise*"),
        TermSpec("c", "C", PROXIMITY, "prior", "exercise*", 3),
    ]
    matcher = Matcher(specs)
    text = "They gave prior notice of exercises. Exercises  followed."
    assert [m.term for m in matcher.find(text)] == ["c", "b", "a", "b", "a"]
    assert_same_on_every_path(matcher, text)
    assert [m.term for m in Matcher(specs[::-1]).find(text)] == ["c", "a", "b", "a", "b"]


@needs_hyperscan
def test_a_text_where_nothing_may_occur_is_not_verified(monkeypatch):
    """Hyperscan's report is enough: no key is looked for in a text it found nothing in."""
    matcher = Matcher([TermSpec(1, "T", PHRASE, "flag meeting*")])

    def fail(*args):
        raise AssertionError("verified")

    monkeypatch.setattr(prefilter, "verify_spaced", fail)
    assert matcher.find("The meeting took place; a flag flew over the meeting room.") == []


@needs_hyperscan
def test_a_term_whose_cue_list_cannot_occur_is_not_verified(monkeypatch):
    """The cue lists' own Hyperscan report is enough: a text where a term may occur but no cue
    of its list (or whose list is empty) is done without verifying it; with a cue, it matches
    as on every path."""
    cues = {"arms": [(PHRASE, "arms control"), (ABBREVIATION, "OSCE")], "empty": []}
    specs = [
        TermSpec(1, "T", PHRASE, "inspection*", cue="arms"),
        TermSpec(2, "U", PROXIMITY, "notify~", "exercise*", 3, cue="empty"),
    ]
    matcher = Matcher(specs, cues)
    cued = "An OSCE inspection. Moscow notified them of exercises."
    assert [m.term for m in matcher.find(cued)] == [1]
    assert_same_on_every_path(matcher, cued)
    uncued = "A customs inspection. Moscow notified them of exercises."
    assert_same_on_every_path(matcher, uncued)

    def fail(*args):
        raise AssertionError("verified")

    monkeypatch.setattr(prefilter, "verify_spaced", fail)
    assert matcher.find(uncued) == []


@needs_hyperscan
def test_a_text_whose_groups_are_never_near_is_not_verified(monkeypatch):
    """A proximity term's pair is one Hyperscan expression: a text where both groups occur,
    but never within the window, is done without Python; within it, the term matches."""
    term = TermSpec(1, "T", PROXIMITY, "notify~; alert~", "exercise*; drills", 3)
    matcher = Matcher([term])
    far = "Moscow notified Washington, as the treaty asks of both, of its exercises."
    near = "Moscow notified Washington of its exercises."
    assert [(m.start, m.end) for m in matcher.find(near)] == [(7, 43)]
    assert_same_on_every_path(matcher, far)

    def fail(*args):
        raise AssertionError("verified")

    monkeypatch.setattr(prefilter, "verify_spaced", fail)
    assert matcher.find(far) == []


@needs_hyperscan
def test_a_compiled_database_is_stored_for_the_next_process(tmp_path, monkeypatch):
    """A database that took long to compile is stored and loaded by the next matcher of the
    same terms; a stored file that cannot be loaded is compiled again and replaced."""
    monkeypatch.setenv("CBM_HYPERSCAN_CACHE", str(tmp_path))
    monkeypatch.setattr(presence, "_STORE_AFTER", 0)
    specs = [TermSpec(1, "T", PROXIMITY, "notify~", "exercise*; drills", 3)]
    text = "Moscow notified them of its exercises."
    presence._compiled.cache_clear()  # (as in a new process)
    expected = full(Matcher(specs).find(text))
    assert len(expected) == 1
    files = sorted(tmp_path.glob("*.hsdb"))
    assert len(files) == 2  # the first database and the groups' one
    for file in files:
        file.write_bytes(b"cut short")
    presence._compiled.cache_clear()
    assert full(Matcher(specs).find(text)) == expected
    assert all(file.read_bytes() != b"cut short" for file in files)
    presence._compiled.cache_clear()
    assert full(Matcher(specs).find(text)) == expected  # loaded from the files
    monkeypatch.setenv("CBM_HYPERSCAN_CACHE", "off")
    presence._compiled.cache_clear()
    assert full(Matcher(specs).find(text)) == expected
    assert sorted(tmp_path.glob("*.hsdb")) == files
    # each term edit makes new databases: only the ones used last are kept
    monkeypatch.setenv("CBM_HYPERSCAN_CACHE", str(tmp_path))
    monkeypatch.setattr(stored, "KEEP", 3)
    for window in (4, 5):
        Matcher([TermSpec(1, "T", PROXIMITY, "notify~", "exercise*; drills", window)])
    assert len(list(tmp_path.glob("*.hsdb"))) == 3


@pytest.mark.parametrize(
    "term, text",
    [
        ("a.a", "a.a.a, a.a a.a"),  # a key that overlaps itself: both places, on every path
        ("u.s.*", "U.S.U.S. and U.S.A. u.s.army"),  # a prefix that ends in a full stop
        ("no", "no no, not now; No. nonono no"),
        ("exercise*", "exercises exercise_x preexercise exercise-exercises"),
    ],
)
def test_one_word_keys_found_whole_as_every_path_finds_them(term, text):
    """Hyperscan's path finds a one-word key by one regular expression (word_finder), or by
    looking at each place it occurs where a regular expression would miss one."""
    matcher = Matcher([TermSpec(1, "T", PHRASE, term), TermSpec(2, "A", ABBREVIATION, "OSI")])
    assert_same_on_every_path(matcher, text + " OSI position OSIs")
    assert [m.term for m in matcher.find("The OSI in position, OSIs.")] == [2, 2]


# -- unless: a cue list that stops a term --------------------------------------------------------

unless_terms = st.lists(
    st.tuples(
        st.sampled_from([PHRASE, PROXIMITY, ABBREVIATION]),
        st.sampled_from(PHRASES),
        st.sampled_from(PHRASES),
        st.sampled_from([None, "arms", "other"]),
        st.sampled_from([3, 0, 1, 2, 5]),
        st.sampled_from([None, "arms", "other"]),  # the unless list
    ),
    min_size=1,
    max_size=6,
)


def unless_specs_of(drawn):
    specs = specs_of([row[:5] for row in drawn])
    return [replace(spec, unless=row[5]) for spec, row in zip(specs, drawn, strict=True)]


@given(unless_terms, texts, reaches)
@settings(max_examples=400, deadline=None)
def test_every_path_agrees_on_terms_with_an_unless_list(drawn, text, reach):
    """Terms that need a list, are stopped by one, or both, at any reach: the three paths
    return the same matches in the same order, and an unless list only ever removes matches."""
    specs = unless_specs_of(drawn)
    matcher = Matcher(specs, CUES, reach=reach)
    assert_same_on_every_path(matcher, text)
    without = Matcher([replace(spec, unless=None) for spec in specs], CUES, reach=reach)
    assert set(full(matcher.find(text))) <= set(full(without.find(text)))


@given(unless_terms, texts, reaches)
@settings(max_examples=300, deadline=None)
def test_unless_a_list_and_needing_it_split_a_terms_matches_in_two(drawn, text, reach):
    """For a term that needs no cue, "unless L" keeps exactly the matches that "needs L"
    drops: together they are the term's matches without either, each once."""
    specs = [replace(spec, cue=None) for spec in unless_specs_of(drawn)]
    base = Matcher([replace(spec, unless=None) for spec in specs], CUES, reach=reach)
    unless = Matcher(specs, CUES, reach=reach)
    needing = Matcher(
        [replace(spec, cue=spec.unless, unless=None) if spec.unless else spec for spec in specs],
        CUES,
        reach=reach,
    )
    kept, needed = full(unless.find(text)), full(needing.find(text))
    with_unless = {spec.key for spec in specs if spec.unless}
    assert sorted(kept + [m for m in needed if m[3] in with_unless]) == sorted(
        full(base.find(text))
    )
