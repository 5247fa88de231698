"""Hyperscan's expressions: one per pattern, and one per proximity term (its pair), each
matching wherever its pattern (or term) can, so that a text Hyperscan reports nothing in has
no match (see prefilter.py).

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

import re

from .text import fold

# Hyperscan reads a text lower-cased and folded with each run of separators one space (the
# spaced copy, or for a text with runs of separators a shorter copy: Hyperscan only tells which
# patterns may occur, not where), each character that is not ASCII made "?".
_BETWEEN, _INSIDE = " ", " ?"  # separators between a term's words, and inside a hyphenated one
_LETTERS = r"[\w?]*"  # the rest of a word that may continue
_RUN = re.compile(r"[\s\-]+")  # as the portable path's expressions have a run of separators
# Where a word may begin or end: the text's edge, or a character that is not an ASCII letter,
# digit or underscore ("?", a character that is not ASCII, may be one).
_BEFORE, _AFTER = "(?:^|[^a-z0-9_])", "(?:[^a-z0-9_]|$)"


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
