"""Verifying the patterns Hyperscan reported, at each place one of their keys (spaced
copy) or anchors (folded text) occurs, exactly as the other paths verify them (scan.py)."""

from __future__ import annotations

import functools
import re

from .scan import _check_exact, _check_folded, _check_spaced


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
