"""The Matcher: compiled once from curated terms and cue lists, it finds every match in a text."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from . import prefilter
from .finding import Finding
from .notation import (
    ABBREVIATION,
    PHRASE,
    PROXIMITY,
    TermSpec,
    TermSyntaxError,
    _anchor_slot,
    _parse_phrase,
    _split_check,
    split_group,
)
from .text import REACHES, SENTENCE, _spaced, fold
from .verify import uses_value


@dataclass
class _Pattern:
    """One phrase (or abbreviation) pattern, shared by every term that uses it."""

    index: int
    case_sensitive: bool


def check(term: TermSpec) -> None:
    """Raise TermSyntaxError if the term cannot be compiled: the notation's rules, which the
    Matcher applies to each term before building anything from it. Nothing is built here
    (compiling a term's expressions and automata costs ten times these checks)."""
    if term.kind == PHRASE:
        _parse_phrase(term.text, term.language)
    elif term.kind == ABBREVIATION:
        _abbreviation_text(term.text)
    elif term.kind == PROXIMITY:
        if not term.near.strip():
            raise TermSyntaxError("a proximity term needs a second word group")
        if not 0 <= term.window <= 50:
            raise TermSyntaxError("the window is a number of words from 0 to 50")
        for phrase in (*split_group(term.text), *split_group(term.near)):
            _parse_phrase(phrase, term.language)  # both groups valid before either is kept
    else:
        raise TermSyntaxError(f"unknown term kind {term.kind!r}")


def validate(kind: str, text: str, near: str = "", window: int = 8, language: str = "en") -> None:
    """Raise TermSyntaxError if the term cannot be compiled."""
    check(TermSpec(0, 0, kind, text, near, window, language=language))


# Memoised: an admin list asks for every row's problem, once per row shown and once per
# filter that counts the rows it cannot match; the answer depends on these arguments alone.
@functools.lru_cache(maxsize=100_000)
def problem(kind: str, text: str, near: str = "", window: int = 8, language: str = "en") -> str:
    """Why a matcher built with skip_invalid would leave this term (or cue) out: validate's
    reason, or "" when it compiles. What a curator is shown of a term that finds nothing."""
    try:
        validate(kind, text, near, window, language)
    except TermSyntaxError as error:
        return str(error)
    return ""


class Matcher(Finding):
    """Compiled once from (target, term) pairs; find(text) returns every match in text."""

    def __init__(
        self,
        terms: Iterable[TermSpec],
        cues: Mapping[Hashable, Iterable[tuple[str, str]]] | None = None,
        language: str = "en",
        *,
        fast: bool = True,
        reach: Mapping[Hashable, str] | None = None,
        skip_invalid: bool = False,
    ):
        """terms, and the cue lists they may name: {key: [(kind, text), …]}, where kind is
        PHRASE or ABBREVIATION. The cues' ~ words are stemmed in language (terms carry their
        own). reach: {key: SENTENCE | NEIGHBOURS | PARAGRAPH}, how far from a match a cue of
        that list may be (SENTENCE where not given). fast=False compiles no Hyperscan
        database (for checking terms only). skip_invalid: a term or cue that cannot be compiled
        (stored before a rule it breaks existed) is left out and listed in self.skipped as
        (term key, or (cue list key, cue text), reason) instead of failing the whole lexicon."""
        self.language = language
        self._patterns: list[_Pattern] = []
        self._pattern_ids: dict[tuple[bool, str], int] = {}
        # pattern → (literal, mode, check, spaced keys) for each word it is looked for by
        self._anchors: dict[int, list[tuple[str, str, object, tuple]]] = defaultdict(list)
        self._expressions: dict[int, tuple] = {}  # pattern → what Hyperscan looks for (prefilter)
        self._direct: dict[int, list[TermSpec]] = defaultdict(list)  # pattern → phrase terms
        self._proximity: list[tuple[TermSpec, frozenset[int], frozenset[int]]] = []
        self._proximity_by_pattern: dict[int, list[int]] = defaultdict(list)
        self._closing_by_pattern: dict[int, list[int]] = defaultdict(list)  # second groups
        self._cues: dict[Hashable, frozenset[int]] = {}
        self.skipped: list[tuple[Hashable, str]] = []
        for key, phrases in (cues or {}).items():
            patterns = set()
            for kind, text in phrases:
                try:
                    patterns.add(self._cue(kind, text))
                except TermSyntaxError as error:
                    if not skip_invalid:
                        raise
                    self.skipped.append(((key, text), str(error)))
            self._cues[key] = frozenset(patterns)
        self._reach = {key: SENTENCE for key in self._cues} | dict(reach or {})
        if not set(self._reach.values()) <= set(REACHES):
            raise TermSyntaxError(f"a cue list's reach is one of {', '.join(REACHES)}")
        self.term_count = 0
        self._rank: dict[int, int] = {}  # id(term) → its place: the order of equal spans
        for term in terms:
            try:
                self._add(term)
            except TermSyntaxError as error:
                if not skip_invalid:
                    raise
                self.skipped.append((term.key, str(error)))
                continue
            self._rank[id(term)] = self.term_count
            self.term_count += 1
        # Phrases, abbreviations and the first group of each proximity term are looked for in
        # every text; a second group only in texts where its first group occurred.
        triggers = set(self._direct) | set(self._proximity_by_pattern)
        second = {p for _, _, group in self._proximity for p in group}
        second = (second | {p for cues in self._cues.values() for p in cues}) - triggers
        self._folded, self._exact = self._automata(triggers)
        self._second, self._second_exact = self._automata(second)
        # The fast path's one automaton holds both: a second group's spans are only read when
        # its first group occurred, so finding them always changes nothing but the cost.
        uses = self._spaced_uses(triggers | second)
        self._spaced_keys = self._spaced_automaton(uses)
        # The fastest path: Hyperscan finds which patterns may occur (see prefilter.py).
        self._fast = prefilter.fast_path(self, uses) if fast else None

    # -- compiling ---------------------------------------------------------------------------

    def _cue(self, kind: str, text: str) -> int:
        if kind == ABBREVIATION:
            return self._abbreviation(text)
        if kind == PHRASE:
            return self._pattern(text, False, self.language)
        raise TermSyntaxError(f"a cue is a phrase or an abbreviation, not {kind!r}")

    def _add(self, term: TermSpec):
        for cue in (term.cue, term.unless):
            if cue is not None and cue not in self._cues:
                raise TermSyntaxError(f"unknown cue list {cue!r}")
        check(term)
        if term.kind == PHRASE:
            self._direct[self._pattern(term.text, False, term.language)].append(term)
        elif term.kind == ABBREVIATION:
            self._direct[self._abbreviation(term.text)].append(term)
        else:  # PROXIMITY
            first = frozenset(
                self._pattern(p, False, term.language) for p in split_group(term.text)
            )
            second = frozenset(
                self._pattern(p, False, term.language) for p in split_group(term.near)
            )
            number = len(self._proximity)
            self._proximity.append((term, first, second))
            for pattern in first:  # a candidate when a first-group phrase occurs
                self._proximity_by_pattern[pattern].append(number)
            for pattern in second:
                self._closing_by_pattern[pattern].append(number)

    def _new_pattern(self, key, case_sensitive) -> tuple[int, bool]:
        if key in self._pattern_ids:
            return self._pattern_ids[key], False
        index = len(self._patterns)
        self._patterns.append(_Pattern(index, case_sensitive))
        self._pattern_ids[key] = index
        return index, True

    def _pattern(self, text: str, case_sensitive: bool, language: str = "en") -> int:
        slots = _parse_phrase(text, language)
        key = (False, " ".join(fold(text).split()))
        stemmed = any(w.root for _, alternatives in slots for ws in alternatives for w in ws)
        if stemmed:
            key = (False, key[1], language)
        one_word = len(slots) == 1 and all(len(words) == 1 for words in slots[0][1]) and not stemmed
        if one_word:
            index, new = self._new_pattern(key, False)
            if new:
                self._expressions[index] = ("phrase", slots)
                for words in slots[0][1]:
                    word = words[0]
                    mode = "prefix" if word.prefix else "exact"
                    self._anchors[index].append((word.literal, mode, None, (word.literal,)))
            return index
        anchor_slot = _anchor_slot(slots)
        index, new = self._new_pattern(key, False)
        if new:
            self._expressions[index] = ("phrase", slots)
            for words in slots[anchor_slot][1]:
                literal, check, keys = _split_check(slots, anchor_slot, words, language)
                self._anchors[index].append((literal, "split", check, keys))
        return index

    def _abbreviation(self, text: str) -> int:
        text = _abbreviation_text(text)
        index, new = self._new_pattern((True, text), True)
        if new:
            self._expressions[index] = ("abbreviation", text)
            # the spaced scan looks for it folded, and checks the case in the original text
            self._anchors[index].append((text, "abbreviation", None, (fold(text),)))
        return index

    def _automata(self, patterns):
        """(automaton over folded text, automaton over the original text) for these patterns."""
        folded, exact = defaultdict(list), defaultdict(list)
        for pattern in patterns:
            for literal, mode, check, _ in self._anchors[pattern]:
                anchors = exact if mode == "abbreviation" else folded
                anchors[literal].append((pattern, mode, check))
        return self._automaton(folded), self._automaton(exact)

    def _spaced_uses(self, patterns) -> dict | None:
        """{spaced key: [(pattern, mode, check, literal), …]} for these patterns, abbreviations
        included; None when a key cannot be found that way (then every text takes the portable
        path)."""
        uses = defaultdict(list)
        for pattern in patterns:
            for literal, mode, check, keys in self._anchors[pattern]:
                for key in keys:
                    spaced = _spaced(key)
                    if spaced is None or (mode == "abbreviation" and "\u03a3" in literal):
                        return None  # (Σ lower-cases by its context, so its fold is unsure)
                    uses[spaced].append((pattern, mode, check, literal))
        return uses

    def _spaced_automaton(self, uses: dict | None):
        """One automaton over spaced text for these uses."""
        if uses is None:
            return None
        values = {key: uses_value(key, found) for key, found in uses.items()}
        return self._automaton_of(values)

    @staticmethod
    def _automaton_of(values: dict):
        # No keys (a language without terms yet): no fast path; the portable one finds nothing.
        if not values:
            return None
        automaton = ahocorasick.Automaton()
        for key, value in values.items():
            automaton.add_word(key, value)
        automaton.make_automaton()
        return automaton

    @staticmethod
    def _automaton(anchors):
        """Each anchor's value: its length, then its uses split by how they are checked, so
        the scan's inner loop does no dispatching."""
        if not anchors:
            return None
        automaton = ahocorasick.Automaton()
        for literal, uses in anchors.items():
            exact = tuple(p for p, mode, _ in uses if mode in ("exact", "abbreviation"))
            prefix = tuple(p for p, mode, _ in uses if mode == "prefix")
            split = tuple((p, check) for p, mode, check in uses if mode == "split")
            automaton.add_word(literal, (len(literal), exact, prefix, split))
        automaton.make_automaton()
        return automaton


def _abbreviation_text(text: str) -> str:
    """An abbreviation as it is looked for; TermSyntaxError if it cannot be one."""
    text = text.strip()
    if not text or any(c.isspace() for c in text) or "*" in text:
        raise TermSyntaxError("an abbreviation is one word, written exactly, without *")
    if not any(c.isalnum() for c in text):
        raise TermSyntaxError(f"“{text}” has no letters or digits")
    return text
