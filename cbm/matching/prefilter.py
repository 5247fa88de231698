"""The fastest path: Hyperscan tells which patterns may occur in a text, so that Python only
runs where one can.

Hyperscan (Intel's multi-pattern regular expression engine; wheels for Linux x86-64, macOS
and Windows) scans text many times faster than the Aho-Corasick automaton, and checks whole
phrases itself. Each pattern becomes one Hyperscan expression that matches wherever the
pattern can ("flag meeting", not "meeting"), and each proximity term one *pair* expression
that matches wherever the term can: a phrase of one group, at most window words, a phrase of
the other, in either order (pair_expression; the sentence is left to Python). A first
database holds the phrase and abbreviation patterns and the pairs; a second one the cue
lists' patterns; a third the patterns that only a proximity group reads. Hyperscan reports,
once per text, what may occur (a report is a call into Python: the first database reports
about one a text, where one database of every pattern reported fifteen). Then:

- a text where no phrase or abbreviation term may occur, nor a proximity term's pair, has no
  match: nothing else is done (most texts);
- in the others the cue lists' database tells which cue lists may occur: a term whose list
  cannot is left out (it has no match), and a text left with no term is done;
- then the groups' database tells which of the groups' patterns may occur, if a pair may;
- the patterns that may occur and that a result reads are verified exactly as the other paths
  verify them (scan._check_spaced, or scan._check_folded and _check_exact on a text the spaced
  copy does not cover), at each place one of their keys (or anchors) occurs; a one-word key
  is found where it is a whole word (or a word's start) by one regular expression
  (word_finder), which accepts exactly what _check_spaced does;
- second groups and cue lists are verified only if the matcher reads them, as the portable path
  scans them only then, and a term's second group only if its pair was reported; a cue list's
  patterns one by one, only those that may occur, until one is near the match.


Hyperscan's expressions are in expressions.py, its databases in presence.py, the verification
of what they report in verify.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import reduce
from operator import or_

from .expressions import pair_expression, readable, runs_copy
from .presence import HyperscanError, Presence, available
from .text import _SPACED_ASCII, _spaced, fold
from .verify import uses_value, verify_folded, verify_spaced, word_finder


def fast_path(matcher, uses: dict | None) -> FastPath | None:
    """The matcher's fastest path, or None where Hyperscan is missing or the terms' words are
    mostly not ASCII; uses are the matcher's spaced keys (Matcher._spaced_uses)."""
    if not matcher._expressions or not available():
        return None
    if not all(readable(a[0]) for anchors in matcher._anchors.values() for a in anchors):
        return None
    try:
        return FastPath(matcher, uses)
    except HyperscanError:  # pragma: no cover - an expression Hyperscan cannot take
        return None


class FastPath:
    """Matcher.find by Hyperscan: which patterns may occur in a text, and the verification of
    those a result reads, as the other paths verify them (see the module's docstring)."""

    def __init__(self, matcher, uses: dict | None):
        self._matcher = matcher
        pairs = [
            pair_expression(
                [matcher._expressions[p][1] for p in sorted(first)],
                [matcher._expressions[p][1] for p in sorted(second)],
                term.window,
            )
            for term, first, second in matcher._proximity
        ]
        # A pattern only a proximity term's group reads is not in the first database: its
        # term's pair says whether the term may occur, and only then is the text scanned for
        # the groups' patterns, by another database. That leaves a report or so in most
        # texts instead of fifteen, each a call into Python.
        # The cue lists' patterns are in a third database, scanned only in texts where a term
        # may occur: they occur in most texts (a report each), and a term whose cue list
        # cannot occur is not verified at all.
        expressions, count = matcher._expressions, len(matcher._patterns)
        cues = {pattern for patterns in matcher._cues.values() for pattern in patterns}
        reported = frozenset(matcher._direct)
        try:
            self._presence = Presence(
                {p: expressions[p] for p in sorted(reported)}, pairs, pairs_from=count
            )
        except HyperscanError:  # pragma: no cover - a pair too large for Hyperscan
            self._presence, pairs, reported = Presence(expressions), [], frozenset(expressions)
        cues -= reported
        self._cue_presence = Presence({p: expressions[p] for p in sorted(cues)}) if cues else None
        groups = {p: kind for p, kind in expressions.items() if p not in reported | cues}
        self._groups = Presence(groups) if groups else None
        # Which cue lists may occur, as bits (one a list), from the cue patterns reported; what
        # each needs: a proximity term's list, a direct pattern's lists (_no_cue: a term of it
        # needs none). A term whose list cannot occur has no match (Matcher._cue_near).
        bit_of = {key: 1 << number for number, key in enumerate(matcher._cues)}
        self._cue_bits = [0] * (count + len(pairs))
        for key, patterns in matcher._cues.items():
            for pattern in patterns:
                self._cue_bits[pattern] |= bit_of[key]
        self._cue_bit_of = self._cue_bits.__getitem__
        self._uncued_terms = 0  # proximity terms that need no cue, as bits
        self._terms_of_list: dict[int, int] = defaultdict(int)  # a list's bit → its terms
        for number, (term, _, _) in enumerate(matcher._proximity):
            if term.cue is None:
                self._uncued_terms |= 1 << number
            else:
                self._terms_of_list[bit_of[term.cue]] |= 1 << number
        self._no_cue = 1 << len(bit_of)  # (the bit of "no cue needed", always there)
        self._allowed: dict[int, int] = {}  # cue lists that may occur (bits) → _allowed_by
        self._lists_of: dict[int, int] = {}
        for pattern, terms in matcher._direct.items():
            lists = 0
            for term in terms:
                lists |= self._no_cue if term.cue is None else bit_of[term.cue]
            self._lists_of[pattern] = lists
        # each pattern's keys in the spaced copy and anchors in the folded text, with its uses
        self._keys_of: dict[int, list] = defaultdict(list)
        for key, found in (uses or {}).items():
            for pattern in {use[0] for use in found}:
                mine = [use for use in found if use[0] == pattern]
                uses = uses_value(key, mine)
                self._keys_of[pattern].append((key, uses, word_finder(key, uses)))
        self._anchors_of: dict[int, list] = defaultdict(list)
        for pattern, anchors in matcher._anchors.items():
            by_literal = defaultdict(list)
            for literal, mode, check, _ in anchors:
                by_literal[literal, mode == "abbreviation"].append((mode, check))
            for (literal, written), modes in by_literal.items():
                if written:
                    value = (pattern,)
                else:
                    value = (
                        len(literal),
                        tuple(pattern for mode, _ in modes if mode == "exact"),
                        tuple(pattern for mode, _ in modes if mode == "prefix"),
                        tuple((pattern, check) for mode, check in modes if mode == "split"),
                    )
                self._anchors_of[pattern].append((literal, written, value))
        # The proximity terms that may occur, as bits (one a term): those whose pair was
        # reported; without pairs (Hyperscan could not take them), those both of whose groups
        # may occur, from each pattern's roles: the low bits are the terms it opens, the bits
        # above them those it closes.
        self._shift = shift = len(matcher._proximity)
        self._paired = bool(pairs)
        if pairs:
            self._roles = [0] * count + [1 << number for number in range(len(pairs))]
        else:
            self._roles = [0] * count
            for number, (_, first, second) in enumerate(matcher._proximity):
                for pattern in first:
                    self._roles[pattern] |= 1 << number
                for pattern in second:
                    self._roles[pattern] |= 1 << (number + shift)
        self._role_of, self._opened = self._roles.__getitem__, (1 << shift) - 1
        self._firsts = [first for _, first, _ in matcher._proximity]
        self._seconds = [second for _, _, second in matcher._proximity]
        self._direct_patterns = frozenset(matcher._direct)

    def _allowed_by(self, lists: int) -> int:
        """The proximity terms (bits) that may occur where the cue lists lists (bits) may: those
        that need no list, and those whose list may. (Kept: a lexicon's texts show few sets of
        lists.)"""
        allowed, bits = self._uncued_terms, lists
        while bits:
            bit = bits & -bits
            allowed |= self._terms_of_list.get(bit, 0)
            bits ^= bit
        if len(self._allowed) < 4096:
            self._allowed[lists] = allowed
        return allowed

    def find(self, text: str) -> list:
        """Matcher.find(text)."""
        matcher = self._matcher
        folded = spaced = None
        if text.isascii():
            data = text.encode("ascii").translate(_SPACED_ASCII)
            single = b"  " not in data
            if not single:
                data = _SPACES.sub(b" ", data)
        else:
            folded = fold(text)
            spaced = _spaced(folded)
            single = spaced is not None
            data = spaced.encode("ascii", "replace") if single else runs_copy(folded)
        present = self._presence.scan(data)
        if not present:
            return []
        # the proximity terms both of whose groups may occur (bits), and whether a phrase or
        # an abbreviation may: if none, the text has no match
        possible = reduce(or_, map(self._role_of, present), 0)
        if not self._paired:
            possible &= (possible >> self._shift) & self._opened
        if not possible and self._direct_patterns.isdisjoint(present):
            return []
        present = set(present)  # (a pattern not reported does not occur)
        now = present & self._direct_patterns  # what a result reads: phrases, abbreviations
        if self._cue_presence is not None:
            # the terms whose cue list cannot occur are left out (they have no match)
            present.update(self._cue_presence.scan(data))
            lists = reduce(or_, map(self._cue_bit_of, present), self._no_cue)
            allowed = self._allowed.get(lists)
            if allowed is None:
                allowed = self._allowed_by(lists)
            possible &= allowed
            lists_of = self._lists_of
            now = {pattern for pattern in now if lists_of[pattern] & lists}
            if not possible and not now:
                return []
        if possible and self._groups is not None:
            present.update(self._groups.scan(data))
        firsts = self._firsts  # and the first groups of those proximity terms
        terms = possible
        while terms:
            bit = terms & -terms
            now |= present & firsts[bit.bit_length() - 1]
            terms ^= bit
        # verified as the other paths verify them: in the spaced copy by keys, or by anchors
        if single and matcher._spaced_keys is not None:
            reading, verify, of = spaced or data.decode("ascii"), verify_spaced, self._keys_of
        else:
            reading, verify, of = folded or fold(text), verify_folded, self._anchors_of
        found: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for pattern in now:
            verify(of[pattern], reading, text, found)

        def more(found, candidates, cue_lists):
            """Second groups, only those a result reads (cue lists: cue_spans)."""
            read = set()
            for number in list(candidates):
                if possible >> number & 1:
                    read |= present & self._seconds[number]
                else:  # its pair was not reported: no pair of it is in the text
                    candidates.discard(number)
            read -= now
            for pattern in read:
                verify(of[pattern], reading, text, found)
            now.update(read)

        def cue_spans(pattern):
            """A cue pattern's spans, verified when first read."""
            if pattern not in now:
                now.add(pattern)
                if pattern in present:
                    verify(of[pattern], reading, text, found)
            return found.get(pattern, ())

        cue_lists: dict = {}

        def cue_patterns(key):
            """A cue list's patterns that may occur."""
            patterns = cue_lists.get(key)
            if patterns is None:
                patterns = cue_lists[key] = matcher._cues[key] & present
            return patterns

        return matcher._terms_for(text, found, more, cue_spans, cue_patterns)


_SPACES = re.compile(rb" +")
