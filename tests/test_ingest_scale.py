"""Ingest scales: a long document costs in proportion to its paragraphs, not their square."""

import time

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Passage

pytestmark = pytest.mark.django_db


def long_text(paragraphs: int, tag: str) -> bytes:
    return "\n\n".join(
        f"Paragraph {n} of {tag}: the delegations met again — déjà vu." for n in range(paragraphs)
    ).encode()


def seconds_to_ingest(paragraphs: int, tag: str) -> float:
    data = long_text(paragraphs, tag)
    started = time.perf_counter()
    result = ingest_bytes(data, suggest=False)
    elapsed = time.perf_counter() - started
    assert result.passages == paragraphs
    return elapsed


# SQLite's row triggers still read the whole body for each passage (see README).
@pytest.mark.postgres
def test_ingest_is_near_linear_in_paragraphs():
    """20,000 short paragraphs take about ten times as long as 2,000, not a hundred times."""
    seconds_to_ingest(200, "warm-up")
    small = min(seconds_to_ingest(2_000, f"small {n}") for n in range(2))
    large = seconds_to_ingest(20_000, "large")
    assert Passage.objects.filter(document__title__contains="large").count() == 20_000
    assert large / small < 25, f"2,000 paragraphs {small:.2f} s, 20,000 {large:.2f} s"
