"""The matcher: finds where curated terms occur in a text, in offsets of the original text.

Plain Python with no Django import, so it can be tested and benchmarked alone.

Term kinds and their notation (the same notation curators write in the admin):

phrase        Words matched case-insensitively as whole words. A space in the term matches any
              run of spaces, line breaks or hyphens; a hyphen also matches nothing ("on-site"
              matches "on site", "onsite"). ``word*`` matches the word and any ending
              (exercise* → exercises); ``a/b`` matches either word in that place
              (notify/notification); ``[word]`` may be absent. Curly and straight quotes and
              apostrophes are the same.
abbreviation  Matched exactly as written, case-sensitive, as a whole word, with an optional
              plural s: "INF" matches "INF" and "INFs" but never "information" or "Inf".
proximity     Two word groups, each a list of phrases separated by ";", within ``window`` words
              of each other, in either order, inside one sentence. The span runs from the first
              to the last of the two.

How it is fast: every pattern contributes an *anchor* (its rarest literal word, or the stem
before a ``*``). One Aho-Corasick automaton finds all anchors in one pass over a folded copy
of the text (lower-cased, quotes and dashes unified, same length, so offsets carry over); a
second one finds abbreviations in the original text. Only where an anchor occurs is the
pattern verified, by a boundary check or an anchored regular expression.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import ahocorasick

PHRASE, ABBREVIATION, PROXIMITY = "phrase", "abbreviation", "proximity"

# Folding keeps the length: each of these characters becomes one ASCII character.
_FOLD = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u02bc": "'",  # ʼ
    "\u2032": "'",  # ′
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus
    "\u00ad": "-",  # soft hyphen
    "\u00a0": " ",  # no-break space
}
_SEPARATOR = r"[\s\-]+"  # between words: any run of whitespace (line breaks too) or hyphens
_HYPHEN = r"[\s\-]*"  # a hyphen inside a term word: a hyphen, a space, or nothing
_MAX_WORDS_BACK = 12
_NOT_SENTENCE_END = {
    *"abcdefghijklmnopqrstuvwxyz",
    *"mr mrs ms dr st no nos art arts para paras vol gen lt col maj sgt gov sen rep".split(),
    *"u.s u.k u.n e.g i.e approx fig cf vs jan feb mar apr jun jul aug sep sept oct nov dec".split(),
}
_SENTENCE_BREAK = re.compile(r"""[.!?]+["'”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n""")
_WORD = re.compile(r"\w+")


class TermSyntaxError(ValueError):
    """A term a curator wrote that cannot be compiled; the message says why."""


def fold(text: str) -> str:
    """Lower-case copy of text with unified quotes, dashes and spaces, of the same length."""
    folded = text.lower()
    if len(folded) != len(text):  # a few letters (İ) lower-case to two characters
        folded = "".join(c.lower()[0] for c in text)
    for char, replacement in _FOLD.items():
        if char in folded:
            folded = folded.replace(char, replacement)
    return folded


@dataclass(frozen=True)
class TermSpec:
    """One curated term: what the matcher needs of a Term row."""

    key: Hashable  # identifies the term (its primary key)
    target: Hashable  # what it signals, e.g. ("measure_type", 7)
    kind: str
    text: str
    near: str = ""
    window: int = 8


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
    regex: re.Pattern | None  # None for a one-word pattern, checked without a regex
    words_back: int  # how many words before the anchor the pattern may start


@dataclass
class _Word:
    literal: str  # lower-case for phrases, as written for abbreviations
    prefix: bool  # ends with *: the word may continue


def _parse_alternative(alternative: str, case_sensitive: bool) -> list[_Word]:
    words = []
    for part in alternative.split("-"):
        if not part:
            continue
        prefix = part.endswith("*")
        literal = part[:-1] if prefix else part
        if not literal or "*" in literal:
            raise TermSyntaxError(f"“{alternative}”: * may only end a word")
        if any(c in literal for c in "[]/;"):
            raise TermSyntaxError(f"“{alternative}”: misplaced bracket, / or ;")
        words.append(_Word(literal if case_sensitive else fold(literal), prefix))
    if not words:
        raise TermSyntaxError(f"“{alternative}” has no letters")
    return words


def _parse_phrase(text: str) -> list[tuple[bool, list[list[_Word]]]]:
    """'exchange* of [military] information' → slots of (optional, alternatives)."""
    slots = []
    for token in fold(text).split():
        optional = token.startswith("[") and token.endswith("]")
        if optional:
            token = token[1:-1]
        alternatives = [_parse_alternative(a, False) for a in token.split("/")]
        if any(not a for a in token.split("/")):
            raise TermSyntaxError(f"“{text}”: an empty alternative around /")
        slots.append((optional, alternatives))
    if not slots:
        raise TermSyntaxError("a term needs at least one word")
    if all(optional for optional, _ in slots):
        raise TermSyntaxError(f"“{text}”: every word is optional")
    return slots


def _alternative_regex(words: list[_Word]) -> str:
    return _HYPHEN.join(re.escape(w.literal) + (r"\w*" if w.prefix else "") for w in words)


def _slots_regex(slots) -> str:
    """Regex for a phrase on folded text; separators belong to the slot after the first
    required one, so optional words never leave a double separator."""
    regex, seen_required = "", False
    for optional, alternatives in slots:
        slot = "(?:" + "|".join(_alternative_regex(a) for a in alternatives) + ")"
        if not seen_required:
            regex += f"(?:{slot}{_SEPARATOR})?" if optional else slot
            seen_required = not optional
        else:
            regex += f"(?:{_SEPARATOR}{slot})?" if optional else f"{_SEPARATOR}{slot}"
    return r"(?<!\w)" + regex + r"(?!\w)"


def _anchor_slot(slots) -> int:
    """The required slot whose shortest anchor is longest: the rarest thing to look for."""

    def strength(item):
        _, (optional, alternatives) = item
        if optional:
            return -1
        return min(max(len(w.literal) for w in words) for words in alternatives)

    return max(enumerate(slots), key=strength)[0]


def _anchors(alternatives: list[list[_Word]]) -> list[tuple[str, int]]:
    """(literal to look for, words of the alternative before it) for each alternative."""
    anchors = []
    for words in alternatives:
        best = max(range(len(words)), key=lambda i: len(words[i].literal))
        anchors.append((words[best].literal, best))
    return anchors


def split_group(text: str) -> list[str]:
    """'limit*; cap/caps; scale back' → the phrases of a proximity group."""
    phrases = [p.strip() for p in text.split(";")]
    if not all(phrases):
        raise TermSyntaxError(f"“{text}”: an empty phrase between ;")
    return phrases


def validate(kind: str, text: str, near: str = "", window: int = 8) -> None:
    """Raise TermSyntaxError if the term cannot be compiled."""
    Matcher([TermSpec(key=0, target=0, kind=kind, text=text, near=near, window=window)])


class Matcher:
    """Compiled once from (target, term) pairs; find(text) returns every match in text."""

    def __init__(self, terms: Iterable[TermSpec]):
        self._patterns: list[_Pattern] = []
        self._pattern_ids: dict[tuple[bool, str], int] = {}
        self._folded_anchors: dict[str, list] = defaultdict(list)
        self._exact_anchors: dict[str, list] = defaultdict(list)
        self._direct: dict[int, list[TermSpec]] = defaultdict(list)  # pattern → phrase terms
        self._proximity: list[tuple[TermSpec, frozenset[int], frozenset[int]]] = []
        self._proximity_by_pattern: dict[int, list[int]] = defaultdict(list)
        self.term_count = 0
        for term in terms:
            self._add(term)
            self.term_count += 1
        self._folded = self._automaton(self._folded_anchors)
        self._exact = self._automaton(self._exact_anchors)

    # -- compiling ---------------------------------------------------------------------------

    def _add(self, term: TermSpec):
        if term.kind == PHRASE:
            self._direct[self._pattern(term.text, case_sensitive=False)].append(term)
        elif term.kind == ABBREVIATION:
            self._direct[self._abbreviation(term.text)].append(term)
        elif term.kind == PROXIMITY:
            if not term.near.strip():
                raise TermSyntaxError("a proximity term needs a second word group")
            if not 0 <= term.window <= 50:
                raise TermSyntaxError("the window is a number of words from 0 to 50")
            first = frozenset(self._pattern(p, False) for p in split_group(term.text))
            second = frozenset(self._pattern(p, False) for p in split_group(term.near))
            number = len(self._proximity)
            self._proximity.append((term, first, second))
            for pattern in first | second:
                self._proximity_by_pattern[pattern].append(number)
        else:
            raise TermSyntaxError(f"unknown term kind {term.kind!r}")

    def _new_pattern(self, key, case_sensitive, regex, words_back) -> tuple[int, bool]:
        if key in self._pattern_ids:
            return self._pattern_ids[key], False
        index = len(self._patterns)
        self._patterns.append(_Pattern(index, case_sensitive, regex, words_back))
        self._pattern_ids[key] = index
        return index, True

    def _pattern(self, text: str, case_sensitive: bool) -> int:
        slots = _parse_phrase(text)
        key = (False, " ".join(fold(text).split()))
        one_word = len(slots) == 1 and all(len(words) == 1 for words in slots[0][1])
        if one_word:
            index, new = self._new_pattern(key, False, None, 0)
            if new:
                for words in slots[0][1]:
                    word = words[0]
                    mode = "prefix" if word.prefix else "exact"
                    self._folded_anchors[word.literal].append((index, mode, 0))
            return index
        anchor_slot = _anchor_slot(slots)
        max_words = [max(len(words) for words in alternatives) for _, alternatives in slots]
        words_back = sum(max_words[:anchor_slot])
        regex = re.compile(_slots_regex(slots))
        index, new = self._new_pattern(key, False, regex, words_back)
        if new:
            for literal, words_before in _anchors(slots[anchor_slot][1]):
                # An anchor inside a hyphenated word ("pre-notification") may be glued to
                # the part before it in the text ("prenotification").
                mode = "inner" if words_before else "regex"
                back = min(words_back + words_before, _MAX_WORDS_BACK)
                self._folded_anchors[literal].append((index, mode, back))
        return index

    def _abbreviation(self, text: str) -> int:
        text = text.strip()
        if not text or any(c.isspace() for c in text) or "*" in text:
            raise TermSyntaxError("an abbreviation is one word, written exactly, without *")
        index, new = self._new_pattern((True, text), True, None, 0)
        if new:
            self._exact_anchors[text].append((index, "abbreviation", 0))
        return index

    @staticmethod
    def _automaton(anchors):
        automaton = ahocorasick.Automaton()
        for literal, uses in anchors.items():
            automaton.add_word(literal, (len(literal), tuple(uses)))
        if len(automaton):
            automaton.make_automaton()
            return automaton
        return None

    # -- matching ----------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every match of every term in text, sorted; overlapping matches are all returned."""
        found: dict[int, set[tuple[int, int]]] = defaultdict(set)
        if self._folded is not None:
            folded = fold(text)
            for last, (length, uses) in self._folded.iter(folded):
                start, end = last + 1 - length, last + 1
                glued = start > 0 and _is_word(folded[start - 1])
                for pattern, mode, back in uses:
                    if mode == "inner":
                        self._verify(folded, _word_start(folded, start), end, pattern, back, found)
                    elif glued:
                        continue  # the anchor starts inside a word
                    elif mode == "regex":
                        self._verify(folded, start, end, pattern, back, found)
                    elif mode == "prefix":
                        found[pattern].add((start, _word_end(folded, end)))
                    elif end == len(folded) or not _is_word(folded[end]):
                        found[pattern].add((start, end))
        if self._exact is not None:
            for last, (length, uses) in self._exact.iter(text):
                start, end = last + 1 - length, last + 1
                if start and _is_word(text[start - 1]):
                    continue
                if end < len(text) and text[end] == "s":
                    end += 1
                if end < len(text) and _is_word(text[end]):
                    continue
                for pattern, _, _ in uses:
                    found[pattern].add((start, end))
        return self._terms_for(text, found)

    def _verify(self, folded, anchor_start, anchor_end, pattern, back, found):
        regex = self._patterns[pattern].regex
        start = anchor_start
        for _ in range(back + 1):
            hit = regex.match(folded, start)
            if hit and hit.end() >= anchor_end:
                found[pattern].add(hit.span())
            if start == 0:
                return
            start = _previous_word_start(folded, start)
            if start is None:
                return

    def _terms_for(self, text, found) -> list[Match]:
        matches = []
        for pattern, spans in found.items():
            for term in self._direct.get(pattern, ()):
                matches.extend(Match(s, e, term.target, term.key) for s, e in spans)
        candidates = {n for pattern in found for n in self._proximity_by_pattern.get(pattern, ())}
        if candidates:
            sentences = _Sentences(text)
            for number in sorted(candidates):
                term, first, second = self._proximity[number]
                a_spans = [span for p in first for span in found.get(p, ())]
                b_spans = [span for p in second for span in found.get(p, ())]
                for start, end in sentences.pairs(a_spans, b_spans, term.window):
                    matches.append(Match(start, end, term.target, term.key))
        matches.sort()
        return matches

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


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_end(text: str, position: int) -> int:
    while position < len(text) and _is_word(text[position]):
        position += 1
    return position


def _word_start(text: str, position: int) -> int:
    while position > 0 and _is_word(text[position - 1]):
        position -= 1
    return position


def _previous_word_start(text: str, position: int) -> int | None:
    """Start of the word before the one starting at position, across separators."""
    i = position - 1
    while i >= 0 and not _is_word(text[i]):
        if text[i] not in " \t\n\r\f\v-'\"":
            return None  # punctuation ends the phrase
        i -= 1
    if i < 0:
        return None
    while i >= 0 and _is_word(text[i]):
        i -= 1
    return i + 1


class _Sentences:
    """Sentence and word positions of one text, for proximity terms."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [
            m.start() for m in _SENTENCE_BREAK.finditer(text) if self._is_sentence_end(m.start())
        ]
        self.word_starts = [m.start() for m in _WORD.finditer(text)]

    def _is_sentence_end(self, position: int) -> bool:
        if self.text[position] == "\n":
            return True
        word_start = position
        while word_start > 0 and (
            _is_word(self.text[word_start - 1]) or self.text[word_start - 1] == "."
        ):
            word_start -= 1
        return self.text[word_start:position].lower() not in _NOT_SENTENCE_END

    def sentence(self, position: int) -> int:
        return bisect_right(self.breaks, position)

    def words_between(self, end: int, start: int) -> int:
        return bisect_left(self.word_starts, start) - bisect_left(self.word_starts, end)

    def pairs(self, first, second, window):
        for a_start, a_end in first:
            for b_start, b_end in second:
                if a_end <= b_start:
                    gap = self.words_between(a_end, b_start)
                elif b_end <= a_start:
                    gap = self.words_between(b_end, a_start)
                else:
                    continue  # the same words cannot be both groups
                if gap <= window and self.sentence(a_start) == self.sentence(b_start):
                    yield min(a_start, b_start), max(a_end, b_end)
