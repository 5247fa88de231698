"""The scans: each finds a pattern's anchors (or spaced keys) in a text and verifies the
pattern where one occurs, adding its spans to found ({pattern: {(start, end)}})."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .notation import _roots_agree
from .text import _SENTENCE_BREAK, _WORD, _crosses_sentence, _is_word, _word_end


def _scan(automaton, folded: str, found: dict) -> None:
    """Find the automaton's anchors in folded text and verify their patterns there."""
    for last, uses in automaton.iter(folded):
        _check_folded(uses, folded, last + 1 - uses[0], found)


def _check_folded(uses, folded: str, start: int, found: dict) -> None:
    """Verify the uses (length, exact, prefix, split) of an anchor found at start."""
    length, exact, prefix, split = uses
    end = start + length
    before = folded[start - 1] if start else " "
    glued = before.isalnum() or before == "_"
    if (
        exact
        and not glued
        and (end == len(folded) or not (folded[end].isalnum() or folded[end] == "_"))
    ):
        for pattern in exact:
            found[pattern].add((start, end))
    if prefix and not glued:
        stop = _word_end(folded, end)
        for pattern in prefix:
            found[pattern].add((start, stop))
    if split:
        _check_split(split, folded, start, glued, found)


def _scan_spaced(automaton, folded: str, text: str, found: dict) -> None:
    """_scan and _scan_exact in one pass over spaced text (which it reads as folded), with
    keys that run over several words: a hit is checked exactly as the portable path checks
    its anchor."""
    for last, uses in automaton.iter(folded):
        _check_spaced(uses, folded, text, last + 1 - uses[0], found)


def _check_spaced(uses, folded: str, text: str, start: int, found: dict) -> None:
    """Verify the uses (length, exact, prefix, split, written) of a key found at start in
    spaced text."""
    length, exact, prefix, split, written = uses
    before = folded[start - 1] if start else " "
    glued = before.isalnum() or before == "_"
    if exact and not glued:
        end = start + length
        if end == len(folded) or not (folded[end].isalnum() or folded[end] == "_"):
            for pattern in exact:
                found[pattern].add((start, end))
    if prefix and not glued:
        stop = _word_end(folded, start + length)
        for pattern in prefix:
            found[pattern].add((start, stop))
    if split:
        _check_split(split, folded, start, glued, found)
    if written and not (start and _is_word(text[start - 1])):
        size = len(text)
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
        _check_exact(exact, text, last + 1 - length, length, found)


def _check_exact(patterns, text: str, start: int, length: int, found: dict) -> None:
    """Verify abbreviations found at start: whole words, with an optional plural s."""
    end = start + length
    if start and _is_word(text[start - 1]):
        return
    if end < len(text) and text[end] == "s":
        end += 1
    if end < len(text) and _is_word(text[end]):
        return
    for pattern in patterns:
        found[pattern].add((start, end))


def _near_pairs(text: str, first, second, window: int):
    """Spans covering a pair (a, b) that are disjoint, at most window words apart and in one
    sentence. Near-linear: each first-group match only looks at second-group matches within
    reach (a word is taken to be at most 40 characters), found by bisection."""
    reach = 40 * (window + 1)
    second = sorted(second)
    second_starts = [start for start, _ in second]
    longest = max((end - start for start, end in second), default=0)
    findall, search = _WORD.findall, _SENTENCE_BREAK.search
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
            size = gap_end - gap_start
            if size > reach:
                continue
            # (a gap of size characters holds at most (size + 1) // 2 words; and it crosses
            # no sentence where nothing that can end one occurs in it)
            if size >= 2 * window and len(findall(text, gap_start, gap_end)) > window:
                continue
            if search(text, gap_start, gap_end + 1) and _crosses_sentence(text, gap_start, gap_end):
                continue
            yield min(a_start, b_start), max(a_end, b_end)
