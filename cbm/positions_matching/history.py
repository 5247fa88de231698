"""Whose act a dated sentence tells: a state that continues another ("Russia" for the Soviet
Union) is named for its predecessor's acts in texts about the time before it took over
("Moscow and Washington signed the hotline agreement in 1963"). Plain Python, as the finder."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from .words import FoundPosition, TargetSpan, sentence_spans

# A year of the twentieth or twenty-first century written as a word of its own
_YEAR = re.compile(r"(?<![\d.,/-])(19\d\d|20\d\d)(?![\d.,/-]?\d)")


def _sentence_year(text: str, position: FoundPosition, targets: Sequence[TargetSpan]):
    """The latest year written in the position's sentence up to the end of its words ("In 1990
    both countries agreed …", "signed on 8 December 1987 by …"), outside any target's words
    ("the 1972 agreement" names, it does not date), or None. A year after them dates something
    else ("… the agreement concluded in 1990")."""
    for start, end in sentence_spans(text):
        if start <= position.start < end:
            years = [
                int(found.group(1))
                for found in _YEAR.finditer(text, start, max(position.end, start))
                if not any(t.start <= found.start() < t.end for t in targets)
            ]
            return max(years) if years else None
    return None


def as_of(
    positions: Sequence[FoundPosition],
    text: str,
    targets: Sequence[TargetSpan],
    continuations: Mapping[Hashable, tuple[Hashable, date]],
    published: date | None,
) -> list[FoundPosition]:
    """The positions, each of a continuing state on an act dated before it took over given to
    the state it continues. The act's date is the latest year its sentence writes up to the
    position's last word (a year before the one of the takeover); without one, the
    document's date. One position per
    (actor, stance, target) remains."""
    kept: dict[tuple, FoundPosition] = {}
    for position in positions:
        continued = continuations.get(position.actor)
        if continued is not None:
            predecessor, since = continued
            year = _sentence_year(text, position, targets)
            if year is not None:
                before = year < since.year
            else:
                before = published is not None and published < since
            if before:
                position = replace(position, actor=predecessor)
        kept.setdefault((position.actor, position.stance, position.target), position)
    return list(kept.values())
