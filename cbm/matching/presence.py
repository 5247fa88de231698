"""Hyperscan's databases: Presence compiles expressions (expressions.py) into one, and
reports which of them may occur in a text; a compiled database is kept for the process, and
on disk for the next one (stored.py)."""

from __future__ import annotations

import functools
import threading
import time

try:  # optional: the Aho-Corasick path is the portable fallback
    import hyperscan

    HyperscanError = hyperscan.error
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None
    HyperscanError = Exception

from . import stored
from .expressions import abbreviation_expression, phrase_expression

_VERSION = getattr(hyperscan, "__version__", "")  # a stored database is this binding's


def available() -> bool:
    return hyperscan is not None


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


def _collect(pattern: int, start: int, end: int, flags: int, present: list) -> None:
    present.append(pattern)
