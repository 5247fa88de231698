"""The matcher: finds where curated terms occur in a text, in offsets of the original text.

Plain Python with no Django import, so it can be tested and benchmarked alone.

Term kinds and their notation (the same notation curators write in the admin):

phrase        Words matched case-insensitively as whole words. A space in the term matches any
              run of spaces, line breaks or hyphens; a hyphen also matches nothing ("on-site"
              matches "on site", "onsite"). ``word*`` matches the word and any ending
              (exercise* → exercises); ``a/b`` matches either word in that place
              (notify/notification); ``[word]`` may be absent; ``word~`` matches the word's
              inflections and close derivations (notify~ → notified, notification; see
              cbm/morphology.py), in the term's language. Curly and straight quotes and
              apostrophes are the same.
abbreviation  Matched exactly as written, case-sensitive, as a whole word, with an optional
              plural s: "INF" matches "INF" and "INFs" but never "information" or "Inf".
proximity     Two word groups, each a list of phrases separated by ";", within ``window`` words
              of each other, in either order, inside one sentence. The span runs from the first
              to the last of the two.

Any term may name a *cue list* (phrases and abbreviations in the same notation): it then only
matches where one of those cues occurs in the same sentence, so a generic word ("inspection")
can be a term in an arms-control context without matching a tax inspection.

How it is fast: every pattern contributes an *anchor* (its rarest literal word, or the stem
before a ``*``). One Aho-Corasick automaton finds all anchors in one pass over a folded copy
of the text (lower-cased, quotes and dashes unified, same length, so offsets carry over); a
second one finds abbreviations in the original text. Only where an anchor occurs is the
pattern verified, by a boundary check or an anchored regular expression.

The fast path, taken by every text whose separators are single characters (nearly all): a
*spaced* copy (folded, each separator one space) is scanned by one automaton whose keys run
from the anchor over the words that must follow it ("military information exchange", not
"information"), abbreviations and second groups included, so far fewer hits reach Python. A
hit is checked exactly as the portable path checks its anchor; find_portable() takes that path
alone, and the tests prove both return the same matches.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import ahocorasick

from . import morphology

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
    "\u00ab": '"',  # « (Russian quotes)
    "\u00bb": '"',  # »
    "\u0451": "\u0435",  # ё is е (Russian texts write either)
}
_SEPARATOR = r"[\s\-]+"  # between words: any run of whitespace (line breaks too) or hyphens
_HYPHEN = r"[\s\-]*"  # a hyphen inside a term word: a hyphen, a space, or nothing
_NOT_SENTENCE_END = {
    *"abcdefghijklmnopqrstuvwxyz",
    *"mr mrs ms dr st no nos art arts para paras vol gen lt col maj sgt gov sen rep".split(),
    *"u.s u.k u.n e.g i.e approx fig cf vs jan feb mar apr jun jul aug sep sept oct nov dec".split(),
}
# Words too frequent in the registry's texts to be good anchors: a phrase is looked for by one
# of its other words when it has one. (Only speed depends on this list, never results.)
_COMMON_WORDS = frozenset(
    """a an and the of on in to for by with from at or as its their no not all any other
    treaty treaties agreement agreements accord accords act document military troop troops force
    forces defence defense security nuclear missile missiles weapon weapons exercise exercises
    region regional final line lines border united states nato russia russian american us
    activities activity information data exchange new major annual talks base bases""".split()
)
_SENTENCE_BREAK = re.compile(r"""[.!?]+["'”’»)\]]*\s+(?=["“‘«„(\[]?[A-Z0-9А-ЯЁ])|\n\s*\n""")
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
    cue: Hashable = None  # a cue list that must occur in the same sentence, or None
    language: str = "en"  # whose stemmer reads the term's ~ words


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


@dataclass
class _Word:
    literal: str  # lower-case for phrases, as written for abbreviations
    prefix: bool  # ends with * (or ~): the word may continue
    root: str = ""  # ends with ~: the root the text's word must have (morphology.root)


def _parse_alternative(alternative: str, case_sensitive: bool, language: str) -> list[_Word]:
    words = []
    for part in alternative.split("-"):
        if not part:
            continue
        if part.endswith("~"):
            words.append(_stemmed_word(alternative, part[:-1], language))
            continue
        prefix = part.endswith("*")
        literal = part[:-1] if prefix else part
        if not literal or "*" in literal:
            raise TermSyntaxError(f"“{alternative}”: * may only end a word")
        if "~" in literal:
            raise TermSyntaxError(f"“{alternative}”: ~ may only end a word")
        if any(c in literal for c in "[]/;"):
            raise TermSyntaxError(f"“{alternative}”: misplaced bracket, / or ;")
        words.append(_Word(literal if case_sensitive else fold(literal), prefix))
    if not words:
        raise TermSyntaxError(f"“{alternative}” has no letters")
    return words


def _stemmed_word(alternative: str, literal: str, language: str) -> _Word:
    if not literal.isalpha():
        raise TermSyntaxError(f"“{alternative}”: ~ ends a word of letters only")
    try:
        root = morphology.root(literal, language)
    except morphology.UnknownLanguage as error:
        raise TermSyntaxError(str(error)) from None
    return _Word(morphology.anchor(literal, language), True, root)


def _parse_phrase(text: str, language: str = "en") -> list[tuple[bool, list[list[_Word]]]]:
    """'exchange* of [military] information' → slots of (optional, alternatives)."""
    slots = []
    for token in fold(text).split():
        optional = token.startswith("[") and token.endswith("]")
        if optional:
            token = token[1:-1]
        alternatives = [_parse_alternative(a, False, language) for a in token.split("/")]
        if any(not a for a in token.split("/")):
            raise TermSyntaxError(f"“{text}”: an empty alternative around /")
        slots.append((optional, alternatives))
    if not slots:
        raise TermSyntaxError("a term needs at least one word")
    if all(optional for optional, _ in slots):
        raise TermSyntaxError(f"“{text}”: every word is optional")
    return slots


def _word_regex(word: _Word) -> str:
    if word.root:  # a named group, checked after the match (see _roots_agree)
        return f"(?P<w{next(_group_numbers)}_{word.root}>{re.escape(word.literal)}\\w*)"
    return re.escape(word.literal) + (r"\w*" if word.prefix else "")


_group_numbers = itertools.count()


def _roots_agree(match: re.Match, language: str) -> bool:
    """Every ~ word the match took has the root its group's name carries."""
    for name, word in match.groupdict().items():
        if word is not None and morphology.root(word, language) != name.split("_", 1)[1]:
            return False
    return True


def _alternative_regex(words: list[_Word]) -> str:
    return _HYPHEN.join(_word_regex(w) for w in words)


def _slot_regex(alternatives) -> str:
    return "(?:" + "|".join(_alternative_regex(a) for a in alternatives) + ")"


def _reach(alternatives) -> int:
    """Most characters a slot can span, with room for a run of separators after it."""
    return 20 + max(
        sum(len(w.literal) + (30 if w.prefix else 3) for w in words) for words in alternatives
    )


@dataclass(frozen=True)
class _SplitCheck:
    """How to verify a phrase found by one anchor: the anchor's word and what follows it,
    matched forward from the anchor (cheap, and fails at once on most candidates); then, only
    if that matched, the words before it, searched in a bounded window ending at the anchor."""

    suffix: re.Pattern
    prefix: re.Pattern | None
    reach: int  # how far back the prefix may start
    glued: bool  # the anchor may continue a word ("notification" in "prenotification")
    language: str = ""  # set when the phrase has ~ words: their roots are checked in it


def _split_check(
    slots, anchor_slot: int, words: list[_Word], language: str
) -> tuple[str, _SplitCheck, tuple[str, ...]]:
    at = max(range(len(words)), key=lambda i: _anchor_strength(words[i]))
    keys = _spaced_keys(slots, anchor_slot, words, at)
    suffix = _HYPHEN.join(_word_regex(w) for w in words[at:])
    for optional, alternatives in slots[anchor_slot + 1 :]:
        slot = _slot_regex(alternatives)
        suffix += f"(?:{_SEPARATOR}{slot})?" if optional else f"{_SEPARATOR}{slot}"
    prefix, reach = "", 0
    for optional, alternatives in slots[:anchor_slot]:
        slot = _slot_regex(alternatives)
        prefix += f"(?:{slot}{_SEPARATOR})?" if optional else f"{slot}{_SEPARATOR}"
        reach += _reach(alternatives)
    if at:
        prefix += _HYPHEN.join(_word_regex(w) for w in words[:at]) + _HYPHEN
        reach += _reach([words[:at]])
    suffix, prefix = re.compile(suffix + r"(?!\w)"), re.compile(r"(?<!\w)" + prefix + r"\Z")
    check = _SplitCheck(
        suffix=suffix,
        prefix=prefix if prefix.pattern != r"(?<!\w)\Z" else None,
        reach=reach,
        glued=at > 0,
        language=language if suffix.groupindex or prefix.groupindex else "",
    )
    return words[at].literal, check, keys


_MOST_KEYS = 8  #  # variants of one anchor's spaced keys, beyond which the key stays shorter


def _spaced_keys(slots, anchor_slot: int, words: list[_Word], at: int) -> tuple[str, ...]:
    """The literal strings, one of which a spaced text (see _spaced) must show wherever the
    anchor's suffix check can match: the anchor word and every word after it that is certain,
    so that the scan stops only where the next words are there too. A separator is one space
    there; a hyphen inside a term word is a space or nothing; a word that may continue (* or ~)
    ends the key."""

    def expand(alternative: list[_Word]) -> list[tuple[str, bool]]:
        variants = [("", True)]
        for i, word in enumerate(alternative):
            joins = ("",) if i == 0 else ("", " ")
            variants = [
                (text + join + word.literal, not word.prefix) if open_ else (text, False)
                for text, open_ in variants
                for join in (joins if open_ else ("",))
            ]
        return variants

    states = [("", True)]
    steps = [expand(words[at:])]
    for optional, alternatives in slots[anchor_slot + 1 :]:
        step = [(" " + text, open_) for a in alternatives for text, open_ in expand(a)]
        steps.append(step + ([("", True)] if optional else []))
    for step in steps:
        if not any(open_ for _, open_ in states):
            break
        grown = [
            (text + more, more_open) if open_ else (text, False)
            for text, open_ in states
            for more, more_open in (step if open_ else [("", False)])
        ]
        if len(grown) > _MOST_KEYS:
            break
        states = grown
    return tuple(dict.fromkeys(text for text, _ in states))


def _anchor_strength(word: _Word) -> int:
    """How good a word is to look for: long and not common."""
    return len(word.literal) - (100 if word.literal in _COMMON_WORDS else 0)


def _anchor_slot(slots) -> int:
    """The required slot whose weakest anchor is strongest: the rarest thing to look for."""

    def strength(item):
        _, (optional, alternatives) = item
        if optional:
            return -1000
        return min(max(_anchor_strength(w) for w in words) for words in alternatives)

    return max(enumerate(slots), key=strength)[0]


def split_group(text: str) -> list[str]:
    """'limit*; cap/caps; scale back' → the phrases of a proximity group."""
    phrases = [p.strip() for p in text.split(";")]
    if not all(phrases):
        raise TermSyntaxError(f"“{text}”: an empty phrase between ;")
    return phrases


def validate(kind: str, text: str, near: str = "", window: int = 8, language: str = "en") -> None:
    """Raise TermSyntaxError if the term cannot be compiled."""
    spec = TermSpec(0, 0, kind, text, near, window, language=language)
    Matcher([spec], language=language)


class Matcher:
    """Compiled once from (target, term) pairs; find(text) returns every match in text."""

    def __init__(
        self,
        terms: Iterable[TermSpec],
        cues: Mapping[Hashable, Iterable[tuple[str, str]]] | None = None,
        language: str = "en",
    ):
        """terms, and the cue lists they may name: {key: [(kind, text), …]}, where kind is
        PHRASE or ABBREVIATION. The cues' ~ words are stemmed in language (terms carry their
        own)."""
        self.language = language
        self._patterns: list[_Pattern] = []
        self._pattern_ids: dict[tuple[bool, str], int] = {}
        # pattern → (literal, mode, check, spaced keys) for each word it is looked for by
        self._anchors: dict[int, list[tuple[str, str, object, tuple]]] = defaultdict(list)
        self._direct: dict[int, list[TermSpec]] = defaultdict(list)  # pattern → phrase terms
        self._proximity: list[tuple[TermSpec, frozenset[int], frozenset[int]]] = []
        self._proximity_by_pattern: dict[int, list[int]] = defaultdict(list)
        self._cues: dict[Hashable, frozenset[int]] = {}
        for key, phrases in (cues or {}).items():
            self._cues[key] = frozenset(self._cue(kind, text) for kind, text in phrases)
        self.term_count = 0
        for term in terms:
            self._add(term)
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
        self._spaced_keys = self._spaced_automaton(triggers | second)

    # -- compiling ---------------------------------------------------------------------------

    def _cue(self, kind: str, text: str) -> int:
        if kind == ABBREVIATION:
            return self._abbreviation(text)
        if kind == PHRASE:
            return self._pattern(text, False, self.language)
        raise TermSyntaxError(f"a cue is a phrase or an abbreviation, not {kind!r}")

    def _add(self, term: TermSpec):
        if term.cue is not None and term.cue not in self._cues:
            raise TermSyntaxError(f"unknown cue list {term.cue!r}")
        if term.kind == PHRASE:
            self._direct[self._pattern(term.text, False, term.language)].append(term)
        elif term.kind == ABBREVIATION:
            self._direct[self._abbreviation(term.text)].append(term)
        elif term.kind == PROXIMITY:
            if not term.near.strip():
                raise TermSyntaxError("a proximity term needs a second word group")
            if not 0 <= term.window <= 50:
                raise TermSyntaxError("the window is a number of words from 0 to 50")
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
                for words in slots[0][1]:
                    word = words[0]
                    mode = "prefix" if word.prefix else "exact"
                    self._anchors[index].append((word.literal, mode, None, (word.literal,)))
            return index
        anchor_slot = _anchor_slot(slots)
        index, new = self._new_pattern(key, False)
        if new:
            for words in slots[anchor_slot][1]:
                literal, check, keys = _split_check(slots, anchor_slot, words, language)
                self._anchors[index].append((literal, "split", check, keys))
        return index

    def _abbreviation(self, text: str) -> int:
        text = text.strip()
        if not text or any(c.isspace() for c in text) or "*" in text:
            raise TermSyntaxError("an abbreviation is one word, written exactly, without *")
        index, new = self._new_pattern((True, text), True)
        if new:
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

    def _spaced_automaton(self, patterns):
        """One automaton over spaced text for these patterns, abbreviations included; None
        when a key cannot be found that way (then every text takes the portable path)."""
        uses = defaultdict(list)
        for pattern in patterns:
            for literal, mode, check, keys in self._anchors[pattern]:
                for key in keys:
                    spaced = _spaced(key)
                    if spaced is None or (mode == "abbreviation" and "\u03a3" in literal):
                        return None  # (Σ lower-cases by its context, so its fold is unsure)
                    uses[spaced].append((pattern, mode, check, literal))
        values = {}
        for key, found in uses.items():
            exact = tuple(p for p, mode, _, _ in found if mode == "exact")
            prefix = tuple(p for p, mode, _, _ in found if mode == "prefix")
            split = tuple((p, check) for p, mode, check, _ in found if mode == "split")
            written = tuple((p, lit) for p, mode, _, lit in found if mode == "abbreviation")
            values[key] = (len(key), exact, prefix, split, written)
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
            return self._terms_for(text, spaced_text, found, scanned=True)
        folded = fold(text)
        if self._folded is not None:
            _scan(self._folded, folded, found)
        if self._exact is not None:
            _scan_exact(self._exact, text, found)
        return self._terms_for(text, folded, found)

    def _terms_for(self, text, folded, found, scanned=False) -> list[Match]:
        matches = []  # (match, its term's cue list)
        for pattern, spans in found.items():
            for term in self._direct.get(pattern, ()):
                matches.extend((Match(s, e, term.target, term.key), term.cue) for s, e in spans)
        candidates = {n for pattern in found for n in self._proximity_by_pattern.get(pattern, ())}
        cued = any(cue is not None for _, cue in matches)
        if (candidates or cued) and not scanned:
            if self._second is not None:
                _scan(self._second, folded, found)
            if self._second_exact is not None:
                _scan_exact(self._second_exact, text, found)
        for number in candidates:
            term, first, second = self._proximity[number]
            if second.isdisjoint(found):
                continue
            a_spans = [span for p in first if p in found for span in found[p]]
            b_spans = [span for p in second if p in found for span in found[p]]
            for start, end in _near_pairs(text, a_spans, b_spans, term.window):
                matches.append((Match(start, end, term.target, term.key), term.cue))
        if cued or any(cue is not None for _, cue in matches):
            matches = [(m, cue) for m, cue in matches if self._cue_near(text, found, m, cue)]
        return sorted(m for m, _ in matches)

    def _cue_near(self, text, found, match: Match, cue) -> bool:
        """True if the match needs no cue, or one of its cue list occurs in its sentence."""
        if cue is None:
            return True
        for pattern in self._cues[cue]:
            for start, end in found.get(pattern, ()):
                if start < match.end and match.start < end:
                    return True
                gap = (end, match.start) if end <= match.start else (match.end, start)
                if not _crosses_sentence(text, *gap):
                    return True
        return False

    def find_merged(self, text: str) -> list[Match]:
        """find(), with overlapping matches of the same target merged into one span."""
        return merge_overlapping(self.find(text))


def _scan(automaton, folded: str, found: dict) -> None:
    """Find the automaton's anchors in folded text and verify their patterns there."""
    size = len(folded)
    for last, (length, exact, prefix, split) in automaton.iter(folded):
        start, end = last + 1 - length, last + 1
        before = folded[start - 1] if start else " "
        glued = before.isalnum() or before == "_"
        if (
            exact
            and not glued
            and (end == size or not (folded[end].isalnum() or folded[end] == "_"))
        ):
            for pattern in exact:
                found[pattern].add((start, end))
        if prefix and not glued:
            stop = _word_end(folded, end)
            for pattern in prefix:
                found[pattern].add((start, stop))
        if split:
            _check_split(split, folded, start, glued, found)


_OTHER_SPACE = re.compile(r"[^\S \n\t\r]")  # whitespace that _spaced does not rewrite


def _spaced(folded: str) -> str | None:
    """folded with each separator (whitespace, hyphen) made one space, same length; None if
    a run of separators or a rare space is left, since a key's single space cannot meet it."""
    spaced = folded.replace("-", " ").replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if "  " in spaced or _OTHER_SPACE.search(spaced):
        return None
    return spaced


# ASCII texts (most) are spaced in a few native passes: lower case, separators to spaces.
_SPACED_ASCII = bytes.maketrans(
    bytes(range(65, 91)) + b"-\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
    bytes(range(97, 123)) + b" " * 10,
)


def _spaced_copy(text: str) -> str | None:
    """_spaced(fold(text)), quickly for ASCII text."""
    if text.isascii():
        spaced = text.encode("ascii").translate(_SPACED_ASCII)
        return None if b"  " in spaced else spaced.decode("ascii")
    return _spaced(fold(text))


def _scan_spaced(automaton, folded: str, text: str, found: dict) -> None:
    """_scan and _scan_exact in one pass over spaced text (which it reads as folded), with
    keys that run over several words: a hit is checked exactly as the portable path checks
    its anchor."""
    size = len(folded)
    for last, (length, exact, prefix, split, written) in automaton.iter(folded):
        start = last + 1 - length
        before = folded[start - 1] if start else " "
        glued = before.isalnum() or before == "_"
        if exact and not glued:
            end = start + length
            if end == size or not (folded[end].isalnum() or folded[end] == "_"):
                for pattern in exact:
                    found[pattern].add((start, end))
        if prefix and not glued:
            stop = _word_end(folded, start + length)
            for pattern in prefix:
                found[pattern].add((start, stop))
        if split:
            _check_split(split, folded, start, glued, found)
        if written and not (start and _is_word(text[start - 1])):
            for pattern, abbreviation in written:
                if not text.startswith(abbreviation, start):
                    continue
                end = start + len(abbreviation)
                if end < size and text[end] == "s":
                    end += 1
                if end < size and _is_word(text[end]):
                    continue
                found[pattern].add((start, end))


def _check_split(split, folded: str, start: int, glued: bool, found: dict) -> None:
    """Verify the phrases an anchor at start was found for (see _SplitCheck)."""
    for pattern, check in split:
        if glued and not check.glued:
            continue
        hit = check.suffix.match(folded, start)
        if hit is None or (check.language and not _roots_agree(hit, check.language)):
            continue
        first = start
        if check.prefix is not None:
            preceding = check.prefix.search(folded, max(0, start - check.reach), start)
            if preceding is None or (
                check.language and not _roots_agree(preceding, check.language)
            ):
                continue
            first = preceding.start()
        elif glued:
            continue
        found[pattern].add((first, hit.end()))


def _scan_exact(automaton, text: str, found: dict) -> None:
    """Find abbreviations, as written, as whole words with an optional plural s."""
    for last, (length, exact, _, _) in automaton.iter(text):
        start, end = last + 1 - length, last + 1
        if start and _is_word(text[start - 1]):
            continue
        if end < len(text) and text[end] == "s":
            end += 1
        if end < len(text) and _is_word(text[end]):
            continue
        for pattern in exact:
            found[pattern].add((start, end))


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


def _near_pairs(text: str, first, second, window: int):
    """Spans covering a pair (a, b) that are disjoint, at most window words apart and in one
    sentence. Near-linear: each first-group match only looks at second-group matches within
    reach (a word is taken to be at most 40 characters), found by bisection."""
    reach = 40 * (window + 1)
    second = sorted(second)
    second_starts = [start for start, _ in second]
    longest = max((end - start for start, end in second), default=0)
    for a_start, a_end in first:
        low = bisect_left(second_starts, a_start - reach - longest)
        high = bisect_right(second_starts, a_end + reach)
        for b_start, b_end in second[low:high]:
            if a_end <= b_start:
                gap_start, gap_end = a_end, b_start
            elif b_end <= a_start:
                gap_start, gap_end = b_end, a_start
            else:
                continue  # the same words cannot be both groups
            if gap_end - gap_start > reach:
                continue
            if len(_WORD.findall(text, gap_start, gap_end)) > window:
                continue
            if _crosses_sentence(text, gap_start, gap_end):
                continue
            yield min(a_start, b_start), max(a_end, b_end)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) that hold text[start:end]."""
    first, last = 0, len(text)
    for found in _SENTENCE_BREAK.finditer(text):
        if found.end() <= start and _crosses_sentence(text, found.start(), found.end()):
            first = found.end()
        elif found.start() >= end and _crosses_sentence(text, found.start(), found.end()):
            last = found.start() + 1
            break
    return first, last


def _crosses_sentence(text: str, start: int, end: int) -> bool:
    for found in _SENTENCE_BREAK.finditer(text, start, end + 1):
        position = found.start()
        if text[position] == "\n":
            return True
        word_start = position
        while word_start > 0 and (_is_word(text[word_start - 1]) or text[word_start - 1] == "."):
            word_start -= 1
        if text[word_start:position].lower() not in _NOT_SENTENCE_END:
            return True
    return False
