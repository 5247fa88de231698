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

An expression must match wherever its pattern can (more often is only slower), so it is looser
than the pattern: a phrase's words may begin and end inside others, ~ words match any ending,
abbreviations any case (but only as whole words: where neither side is an ASCII letter, digit
or underscore), and Hyperscan reads the spaced copy (or the folded text), each character that
is not ASCII made "?", which the expressions take for a letter (or a separator, or the edge
of a word; a pair's gap counts it as a word's letter or not, whichever counts fewer words, so
it never counts more words than scan._near_pairs does). A matcher whose terms are mostly not ASCII (Russian) and a machine without
Hyperscan (Linux on ARM) take the Aho-Corasick path; the tests (tests/test_matching_paths.py)
compare every path.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections import defaultdict
from functools import reduce
from operator import or_

try:  # optional: the Aho-Corasick path is the portable fallback
    import hyperscan

    HyperscanError = hyperscan.error
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None
    HyperscanError = Exception

from . import stored
from .scan import _check_exact, _check_folded, _check_spaced
from .text import _SPACED_ASCII, _spaced, fold

_VERSION = getattr(hyperscan, "__version__", "")  # a stored database is this binding's

# Hyperscan reads a text lower-cased and folded with each run of separators one space (the
# spaced copy, or for a text with runs of separators a shorter copy: Hyperscan only tells which
# patterns may occur, not where), each character that is not ASCII made "?".
_BETWEEN, _INSIDE = " ", " ?"  # separators between a term's words, and inside a hyphenated one
_LETTERS = r"[\w?]*"  # the rest of a word that may continue
_RUN = re.compile(r"[\s\-]+")  # as the portable path's expressions have a run of separators
# Where a word may begin or end: the text's edge, or a character that is not an ASCII letter,
# digit or underscore ("?", a character that is not ASCII, may be one).
_BEFORE, _AFTER = "(?:^|[^a-z0-9_])", "(?:[^a-z0-9_]|$)"


def available() -> bool:
    return hyperscan is not None


def readable(literal: str) -> bool:
    """Whether Hyperscan can look for a word: one mostly not ASCII would be "?"s, found
    everywhere (Russian terms take the Aho-Corasick path)."""
    return literal.isascii() or sum(char.isascii() for char in literal) >= 4


def _literal(literal: str) -> str:
    return re.escape(literal.encode("ascii", "replace").decode("ascii"))


def phrase_expression(slots) -> str:
    """An expression that matches wherever the phrase (notation._parse_phrase's slots) can:
    its words in order, separated by a space, optional slots optional. (Word boundaries, \\b,
    would let fewer texts through but make compiling a lexicon several times slower, and
    the texts they stop cost less than that to verify.)"""
    expression, required = "", False
    for optional, alternatives in slots:
        words = "|".join(
            _INSIDE.join(
                _literal(word.literal) + (_LETTERS if word.prefix else "") for word in alternative
            )
            for alternative in alternatives
        )
        between = _BETWEEN
        slot = f"(?:{words})"
        if not required:
            expression += f"(?:{slot}{between})?" if optional else slot
        else:
            expression += f"(?:{between}{slot})?" if optional else f"{between}{slot}"
        required = required or not optional
    return expression


def abbreviation_expression(text: str) -> str:
    """An expression for an abbreviation, in any case (Hyperscan reads lower-cased text; the
    case is checked in the text as written), as a whole word with an optional plural s: an
    abbreviation is short, and its letters inside other words ("OSI" in "position") would
    otherwise be reported in most texts. (Phrases have no such bounds: they would make
    compiling a lexicon several times slower, for few texts fewer.)"""
    return f"{_BEFORE}{_literal(fold(text))}s?{_AFTER}"


# A word of the text as Hyperscan reads it, and what is not one ("?", a character that is not
# ASCII, may be either): a proximity term's gap is counted in these, as scan._near_pairs counts
# \w+ runs of the text.
_WORD_RUN, _NOT_WORD = "[a-z0-9_?]+", "[^a-z0-9_]*"


def pair_expression(first: list, second: list, window: int) -> str:
    """An expression that matches wherever a proximity term can (scan._near_pairs): a phrase
    of one group, at most window words, a phrase of the other, in either order. (It leaves
    the sentence to Python: a text copy that showed breaks would cost more than it saves.)
    first and second are the groups' phrases, as notation._parse_phrase's slots."""
    a = "(?:" + "|".join(phrase_expression(slots) for slots in first) + ")"
    b = "(?:" + "|".join(phrase_expression(slots) for slots in second) + ")"
    gap = f"(?:{_NOT_WORD}{_WORD_RUN}){{0,{window}}}{_NOT_WORD}" if window else _NOT_WORD
    return f"{a}{gap}{b}|{b}{gap}{a}"


def runs_copy(folded: str) -> bytes:
    """What Hyperscan reads of a folded text with runs of separators: each run one space."""
    return _RUN.sub(" ", folded).encode("ascii", "replace")


class Presence:
    """One Hyperscan database of every pattern's expression, and of each proximity term's
    pair expression: scan(data) reports the patterns that may occur in a text, and the terms
    whose pair may (as ids from pairs_from on), each once. (Hyperscan's logical combinations
    could report only the proximity terms both of whose groups may occur, but they scan several
    times slower than Python takes to tell from the patterns reported.)"""

    def __init__(self, patterns: dict, pairs: list[str] = (), pairs_from: int = 0):
        """patterns: {pattern: ("phrase", slots) or ("abbreviation", text)}; pairs: the
        proximity terms' pair expressions, in their order, reported as pairs_from + number."""
        self.pairs_from = pairs_from
        expressions = tuple(
            (
                pattern,
                (
                    abbreviation_expression(what)
                    if kind == "abbreviation"
                    else phrase_expression(what)
                ).encode("ascii"),
            )
            for pattern, (kind, what) in patterns.items()
        ) + tuple(
            (self.pairs_from + number, pair.encode("ascii")) for number, pair in enumerate(pairs)
        )
        self._database = _compiled(expressions)
        self._local = threading.local()

    def scan(self, data: bytes) -> list[int]:
        """The patterns that may occur in data: a spaced copy or a runs_copy, as ASCII."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:  # Hyperscan's scratch space, one per thread
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        present: list[int] = []
        self._database.scan(data, match_event_handler=_collect, context=present, scratch=scratch)
        return present


@functools.lru_cache(maxsize=16)
def _compiled(expressions: tuple[tuple[int, bytes], ...]):
    """The database of these (id, expression) pairs: compiling one of the registry's lexicon
    takes about two seconds, so a process compiles it once, and stores it for the next ones
    if it took long (see stored.py; the many small ones the tests compile are not stored)."""
    path = stored.path_for(_VERSION, (hyperscan.HS_FLAG_SINGLEMATCH, expressions))
    data = stored.read(path)
    if data is not None:
        try:
            return hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK)
        except HyperscanError:  # another Hyperscan's, or cut short: compiled again
            pass
    started = time.process_time()
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=[expression for _, expression in expressions],
        ids=[pattern for pattern, _ in expressions],
        elements=len(expressions),
        flags=hyperscan.HS_FLAG_SINGLEMATCH,
    )
    if time.process_time() - started >= _STORE_AFTER:
        stored.write(path, hyperscan.dumpb(database))
    return database


_STORE_AFTER = 0.1  # seconds of CPU a compile must take for its database to be stored


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
            allowed, terms_of_list = self._uncued_terms, self._terms_of_list
            bits = lists
            while bits:
                bit = bits & -bits
                allowed |= terms_of_list.get(bit, 0)
                bits ^= bit
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


def uses_value(key: str, found: list) -> tuple:
    """The uses (pattern, mode, check, literal) of one spaced key as scan._check_spaced reads
    them: (length, exact, prefix, split, written)."""
    return (
        len(key),
        tuple(p for p, mode, _, _ in found if mode == "exact"),
        tuple(p for p, mode, _, _ in found if mode == "prefix"),
        tuple((p, check) for p, mode, check, _ in found if mode == "split"),
        tuple((p, literal) for p, mode, _, literal in found if mode == "abbreviation"),
    )


_SPACES = re.compile(rb" +")


def _collect(pattern: int, start: int, end: int, flags: int, present: list) -> None:
    present.append(pattern)


def word_finder(key: str, uses: tuple) -> re.Pattern | None:
    """For a key looked for as a whole word (exact) or the start of one (prefix), a regular
    expression that finds every place scan._check_spaced would accept, in one call: the key,
    not glued to a word before it (a lookbehind placed after the key, so that the key stays
    the literal the search skips to), and the end of its word or the rest of it. None for
    other keys, and for keys that can overlap themselves ("no no"): a search resumes after a
    match, and would miss the second of two overlapping places (so would a prefix key that ends
    in a character that is not a letter, "u.s.*")."""
    _, exact, prefix, split, written = uses
    if split or written or bool(exact) == bool(prefix):
        return None
    return _word_finder(key, bool(exact))


@functools.lru_cache(maxsize=100_000)
def _word_finder(key: str, exact: bool) -> re.Pattern | None:
    """(Compiled once per process: a lexicon has about a thousand such keys, and a matcher is
    built for each run of suggest.)"""
    if any(key[:size] == key[-size:] for size in range(1, len(key))):
        return None
    if not exact and not _WORD_CHAR.fullmatch(key[-1]):
        return None
    literal = re.escape(key)
    return re.compile(literal + rf"(?<!\w{literal})" + (r"(?!\w)" if exact else r"\w*"))


_WORD_CHAR = re.compile(r"\w")


def verify_spaced(keys, spaced: str, text: str, found: dict) -> None:
    """Verify a pattern at each place one of its keys occurs in the spaced copy: keys are
    (key, uses, word finder) as scan._check_spaced and word_finder read them."""
    for key, uses, finder in keys:
        if finder is not None:
            spans = [match.span() for match in finder.finditer(spaced)]
            if spans:
                for pattern in uses[1] or uses[2]:
                    found[pattern].update(spans)
            continue
        position = spaced.find(key)
        while position != -1:
            _check_spaced(uses, spaced, text, position, found)
            position = spaced.find(key, position + 1)


def verify_folded(anchors, folded: str, text: str, found: dict) -> None:
    """Verify a pattern at each place one of its anchors occurs, as the portable path does:
    anchors are (literal, written, uses); a written one (an abbreviation) is looked for in
    the text as written."""
    for literal, written, uses in anchors:
        where = text if written else folded
        position = where.find(literal)
        while position != -1:
            if written:
                _check_exact(uses, text, position, len(literal), found)
            else:
                _check_folded(uses, folded, position, found)
            position = where.find(literal, position + 1)
