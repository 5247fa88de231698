"""What the public pages show of positions: accepted ones in public documents only, each read
in a constant number of queries (one for a target's positions, two for the tracker)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max

from .models import Instrument, MeasureType, Position

# A target's section lists this many positions, newest first (the timeline draws them all).
TABLE_SIZE = 100


def public_positions():
    return (
        Position.objects.public()
        .with_context()
        .defer("passage__document__body", "passage__text", "note")
    )


def positions_on(target) -> list[Position]:
    """The public positions on a measure type (sub-types included) or an instrument, oldest
    first."""
    positions = public_positions()
    if isinstance(target, MeasureType):
        positions = positions.for_measure_type(target.slug)
    elif isinstance(target, Instrument):
        positions = positions.for_instrument(target.slug)
    else:
        raise TypeError(f"positions are on measure types or instruments, not {target!r}")
    return list(positions.by_date())


def last_twelve_months(latest: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months up to the latest date with data: (start, end), both included."""
    day = min(latest.day, 28) if latest.month == 2 else latest.day  # 29 February
    return latest.replace(year=latest.year - 1, day=day) + datetime.timedelta(days=1), latest


def latest_position_date() -> datetime.date | None:
    # (A mistyped future year stored before such dates were refused is not "the latest data":
    # the tracker's default period would be twelve empty months in 3024.)
    return (
        Position.objects.public()
        .plausibly_dated()
        .filter(measure_type__isnull=False)
        .aggregate(latest=Max("passage__document__published_on"))["latest"]
    )


@dataclass
class Tracker:
    """Actor × measure type: the latest stance each actor took on each type in a period."""

    start: datetime.date | None
    end: datetime.date | None
    actors: list = field(default_factory=list)
    measure_types: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # [(actor, [latest Position or None, …])]
    count: int = 0


def tracker(start: datetime.date | None, end: datetime.date | None) -> Tracker:
    """The matrix for [start, end]; without dates, the last twelve months with data."""
    if start is None and end is None:
        latest = latest_position_date()
        if latest is None:
            return Tracker(None, None)
        start, end = last_twelve_months(latest)
    positions = public_positions().filter(
        measure_type__isnull=False, passage__document__published_on__isnull=False
    )
    if start:
        positions = positions.filter(passage__document__published_on__gte=start)
    if end:
        positions = positions.filter(passage__document__published_on__lte=end)
    latest: dict[tuple[int, int], Position] = {}
    actors, types = {}, {}
    rows = positions.by_date()
    for position in rows:  # oldest first: a later one replaces an earlier one
        latest[position.actor_id, position.measure_type_id] = position
        actors[position.actor_id] = position.actor
        types[position.measure_type_id] = position.measure_type
    result = Tracker(start, end, count=len(latest))
    result.actors = sorted(actors.values(), key=lambda a: a.name)
    result.measure_types = sorted(types.values(), key=lambda m: m.name)
    result.rows = [
        (actor, [latest.get((actor.pk, m.pk)) for m in result.measure_types])
        for actor in result.actors
    ]
    return result
