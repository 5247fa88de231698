"""The Matcher: compiled once from curated terms and cue lists, it finds every match in a text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

import ahocorasick

from . import prefilter
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
from .scan import _near_pairs, _scan, _scan_exact, _scan_spaced
from .text import REACHES, SENTENCE, _spaced, _spaced_copy, fold, within_reach
from .verify import uses_value

_SPAN_AND_PLACE = itemgetter(0, 1, 2)


@dataclass(frozen=True, order=True)
class Match:
    start: int
    end: int
    target: Hashable = field(compare=False)
    term: Hashable = field(compare=False)


@dataclass
class _Pattern:
    """One phrase (or abbreviation) pattern, shared by every term that uses it."""

    index: int
    case_sensitive: bool


def validate(kind: str, text: str, near: str = "", window: int = 8, language: str = "en") -> None:
    """Raise TermSyntaxError if the term cannot be compiled."""
    spec = TermSpec(0, 0, kind, text, near, window, language=language)
    Matcher([spec], language=language, fast=False)


def problem(kind: str, text: str, near: str = "", window: int = 8, language: str = "en") -> str:
    """Why a matcher built with skip_invalid would leave this term (or cue) out: validate's
    reason, or "" when it compiles. What a curator is shown of a term that finds nothing."""
    try:
        validate(kind, text, near, window, language)
    except TermSyntaxError as error:
        return str(error)
    return ""


class Matcher:
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
        if term.kind == PHRASE:
            self._direct[self._pattern(term.text, False, term.language)].append(term)
        elif term.kind == ABBREVIATION:
            self._direct[self._abbreviation(term.text)].append(term)
        elif term.kind == PROXIMITY:
            if not term.near.strip():
                raise TermSyntaxError("a proximity term needs a second word group")
            if not 0 <= term.window <= 50:
                raise TermSyntaxError("the window is a number of words from 0 to 50")
            for phrase in (*split_group(term.text), *split_group(term.near)):
                _parse_phrase(phrase, term.language)  # both groups valid before either is kept
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
        else:
            raise TermSyntaxError(f"unknown term kind {term.kind!r}")

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
        text = text.strip()
        if not text or any(c.isspace() for c in text) or "*" in text:
            raise TermSyntaxError("an abbreviation is one word, written exactly, without *")
        if not any(c.isalnum() for c in text):
            raise TermSyntaxError(f"“{text}” has no letters or digits")
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

    # -- matching ----------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every match of every term in text, sorted; overlapping matches are all returned."""
        if self._fast is not None:
            return self._fast.find(text)
        return self._find(text, spaced=True)

    def find_automaton(self, text: str) -> list[Match]:
        """find() without Hyperscan (as where its wheels do not exist): the spaced copy is
        scanned by Aho-Corasick, every key checked. The same results; the tests compare."""
        return self._find(text, spaced=True)

    def find_portable(self, text: str) -> list[Match]:
        """find() by the portable path alone (one-word anchors), which every text can take:
        the same results, more slowly; the tests compare the two."""
        return self._find(text, spaced=False)

    def _find(self, text: str, spaced: bool) -> list[Match]:
        found: dict[int, set[tuple[int, int]]] = defaultdict(set)
        # The fast path: a text whose separators are single (nearly every text) is scanned
        # once for runs of literal words, and checked in its spaced copy, which every check
        # reads as it reads the folded text (a separator is a separator, a letter a letter).
        spaced_text = _spaced_copy(text) if spaced and self._spaced_keys is not None else None
        if spaced_text is not None:
            _scan_spaced(self._spaced_keys, spaced_text, text, found)
            return self._terms_for(text, found)
        folded = fold(text)
        if self._folded is not None:
            _scan(self._folded, folded, found)
        if self._exact is not None:
            _scan_exact(self._exact, text, found)
        return self._terms_for(text, found, self._scan_second(text, folded))

    def _scan_second(self, text: str, folded: str):
        """The portable path's scan for second groups and cues, run only if they are read."""

        def scan(found, candidates, cue_lists):
            if self._second is not None:
                _scan(self._second, folded, found)
            if self._second_exact is not None:
                _scan_exact(self._second_exact, text, found)

        return scan

    def _terms_for(self, text, found, more=None, cue_spans=None, cue_patterns=None) -> list[Match]:
        """The matches the spans found make; more(found, candidates, cue_lists), if given, adds
        the spans of second groups and cues, which are only read for the proximity terms whose
        first group occurred (their numbers) and the cue lists of the matches (their keys); it
        may drop from candidates the terms it knows have no pair in the text. cue_spans(pattern),
        if given, gives a cue pattern's spans, verifying it when first asked (then more need not
        add cues' spans): a match's cue list is read only until one of its cues is near;
        cue_patterns(key), if given, the patterns of a cue list that may occur."""
        direct, by_pattern, rank = self._direct, self._proximity_by_pattern, self._rank
        rows = []  # (start, end, the term's place, term): a match each
        candidates = set()
        for pattern, spans in found.items():
            terms = direct.get(pattern)
            if terms:
                for term in terms:
                    place = rank[id(term)]
                    rows.extend([(start, end, place, term) for start, end in spans])
            numbers = by_pattern.get(pattern)
            if numbers:
                candidates.update(numbers)
        cued = {row[3].cue for row in rows} | {row[3].unless for row in rows}
        cued.discard(None)
        if (candidates or cued) and more is not None:
            lists = cued | {self._proximity[n][0].cue for n in candidates}
            lists |= {self._proximity[n][0].unless for n in candidates}
            lists.discard(None)
            more(found, candidates, lists)
        # each candidate's spans of its first and second group (found holds a few patterns, a
        # group may hold many)
        firsts, seconds, closing = defaultdict(list), defaultdict(list), self._closing_by_pattern
        for pattern, spans in found.items():
            for number in by_pattern.get(pattern, ()):
                firsts[number].extend(spans)
            for number in closing.get(pattern, ()):
                seconds[number].extend(spans)
        for number in candidates:
            b_spans = seconds.get(number)
            if not b_spans:
                continue
            a_spans, term = firsts[number], self._proximity[number][0]
            place = rank[id(term)]
            rows.extend(
                [
                    (start, end, place, term)
                    for start, end in _near_pairs(text, a_spans, b_spans, term.window)
                ]
            )
        if cued or any(row[3].cue is not None or row[3].unless is not None for row in rows):
            spans = cue_spans or (lambda pattern: found.get(pattern, ()))
            patterns = cue_patterns or self._cues.__getitem__
            rows = [
                row
                for row in rows
                if (
                    row[3].cue is None
                    or self._cue_near(text, spans, patterns, row[0], row[1], row[3].cue)
                )
                and (
                    row[3].unless is None
                    or not self._cue_near(text, spans, patterns, row[0], row[1], row[3].unless)
                )
            ]
        # by span, equal spans in the order the terms were given (the same on every path)
        rows.sort(key=_SPAN_AND_PLACE)
        return [Match(start, end, term.target, term.key) for start, end, _, term in rows]

    def _cue_near(self, text, spans, patterns, start: int, end: int, cue) -> bool:
        """True if a cue of the list cue occurs within the list's reach of the match
        text[start:end]: in its sentence (or a neighbouring one, or its paragraph), or
        overlapping it. A term's cue list must, its unless list must not. patterns(cue) gives
        the list's patterns (those that may occur in text), spans(pattern) a pattern's spans."""
        reach = self._reach[cue]
        for pattern in patterns(cue):
            for cue_start, cue_end in spans(pattern):
                if cue_start < end and start < cue_end:
                    return True
                gap = (cue_end, start) if cue_end <= start else (end, cue_start)
                if within_reach(text, *gap, reach):
                    return True
        return False

    def find_merged(self, text: str) -> list[Match]:
        """find(), with overlapping matches of the same target merged into one span."""
        return merge_overlapping(self.find(text))


def merge_overlapping(matches: Iterable[Match]) -> list[Match]:
    """One match per run of overlapping spans of one target, covering them all; the term is
    that of the earliest (longest on a tie) match."""
    by_target: dict[Hashable, list[Match]] = defaultdict(list)
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        runs = by_target[match.target]
        if runs and match.start < runs[-1].end:
            last = runs[-1]
            runs[-1] = Match(last.start, max(last.end, match.end), last.target, last.term)
        else:
            runs.append(match)
    return sorted(m for runs in by_target.values() for m in runs)
