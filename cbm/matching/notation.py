"""The term notation curators write (see cbm/matching/__init__.py), compiled into what the
scan looks for: anchors, spaced keys, and the regular expressions that check a hit."""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable
from dataclasses import dataclass

from .. import morphology
from .text import fold

PHRASE, ABBREVIATION, PROXIMITY = "phrase", "abbreviation", "proximity"

_SEPARATOR = r"[\s\-]+"  # between words: any run of whitespace (line breaks too) or hyphens
_HYPHEN = r"[\s\-]*"  # a hyphen inside a term word: a hyphen, a space, or nothing
# of its other words when it has one. (Only speed depends on this list, never results.)
_COMMON_WORDS = frozenset(
    """a an and the of on in to for by with from at or as its their no not all any other
    treaty treaties agreement agreements accord accords act document military troop troops force
    forces defence defense security nuclear missile missiles weapon weapons exercise exercises
    region regional final line lines border united states nato russia russian american us
    activities activity information data exchange new major annual talks base bases""".split()
)


class TermSyntaxError(ValueError):
    """A term a curator wrote that cannot be compiled; the message says why."""


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
    unless: Hashable = None  # a cue list that must not occur within its reach, or None


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
        if not any(c.isalnum() for c in literal):  # "'" or "(" would match every such mark
            raise TermSyntaxError(f"“{part}” has no letters or digits")
        words.append(_Word(literal if case_sensitive else fold(literal), prefix))
    if not words:
        raise TermSyntaxError(f"“{alternative}” has no letters")
    return words


def _verb_forms(alternative: str, language: str) -> tuple[str, ...]:
    """An alternative ending in + is that verb's inflections ("suspend+": suspends, suspended,
    suspending), each an alternative of its own; any other stands as written."""
    if "+" not in alternative:
        return (alternative,)
    verb = alternative[:-1]
    if not alternative.endswith("+") or "+" in verb or not verb.isalpha():
        raise TermSyntaxError(f"“{alternative}”: + ends a one-word verb of letters only")
    try:
        return morphology.verb_forms(verb, language)
    except morphology.UnknownLanguage as error:
        raise TermSyntaxError(str(error)) from None


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
        if any(not a for a in token.split("/")):
            raise TermSyntaxError(f"“{text}”: an empty alternative around /")
        alternatives = [
            _parse_alternative(a, False, language)
            for written in token.split("/")
            for a in _verb_forms(written, language)
        ]
        slots.append((optional, alternatives))
    if not slots:
        raise TermSyntaxError("a term needs at least one word")
    if all(optional for optional, _ in slots):
        raise TermSyntaxError(f"“{text}”: every word is optional")
    return slots


def _word_regex(word: _Word, siblings: tuple[str, ...] = ()) -> str:
    """A named group for a ~ word, checked after the match (see _roots_agree). Its name carries
    the word's root and those of its ~ alternatives in the slot (siblings): the regex takes the
    first alternative whose literal fits, which for воздухе/воздушном is the literal of воздухе
    even when the text says воздушном."""
    if word.root:
        roots = "_".join(dict.fromkeys((word.root, *siblings)))
        return f"(?P<w{next(_group_numbers)}_{roots}>{re.escape(word.literal)}\\w*)"
    return re.escape(word.literal) + (r"\w*" if word.prefix else "")


_group_numbers = itertools.count()


def _roots_agree(match: re.Match, language: str) -> bool:
    """Every ~ word the match took has the root its group's name carries."""
    for name, word in match.groupdict().items():
        if word is not None and morphology.root(word, language) not in name.split("_")[1:]:
            return False
    return True


def _alternative_regex(words: list[_Word], siblings: tuple[str, ...] = ()) -> str:
    return _HYPHEN.join(_word_regex(w, siblings if len(words) == 1 else ()) for w in words)


def _slot_regex(alternatives) -> str:
    """One slot's alternatives; the roots of its one-word ~ alternatives are shared (see
    _word_regex)."""
    roots = tuple(words[0].root for words in alternatives if len(words) == 1 and words[0].root)
    return "(?:" + "|".join(_alternative_regex(a, roots) for a in alternatives) + ")"


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
