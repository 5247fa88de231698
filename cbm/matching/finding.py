"""Finding: how a compiled Matcher reads a text — the scans of its automata, the terms their
spans make (proximity pairs, cue lists needed or unless), and the Match they give. The
compiling is cbm.matching.matcher's; the Matcher class has both."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from .scan import _near_pairs, _scan, _scan_exact, _scan_spaced
from .text import _spaced_copy, fold, within_reach

_SPAN_AND_PLACE = itemgetter(0, 1, 2)


@dataclass(frozen=True, order=True)
class Match:
    start: int
    end: int
    target: Hashable = field(compare=False)
    term: Hashable = field(compare=False)


class Finding:
    """The reading half of Matcher (its compiled automata and term tables are set by
    Matcher.__init__)."""

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

    @cached_property
    def proximity_keys(self) -> frozenset:
        """The keys of the proximity terms (once per matcher): their matches span two word
        groups and whatever stands between them, which is no part of the measure's name."""
        return frozenset(spec.key for spec, *_ in self._proximity)

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
