"""An instrument's status, derived from its dated history: the one rule, and the service that
keeps the stored fields (status, in_force_on, ended_on) in step with it.

The stored fields stay because lists filter and sort on them; nothing but `sync_status`
writes them once a dated history settles them.
"""

from collections.abc import Iterable

from .models import Instrument, InstrumentStatusChange

Change = InstrumentStatusChange.Status
Status = Instrument.Status

# Same-day changes apply in this order (the Hotline entered into force the day it was signed).
ORDER = {
    Change.SIGNED: 0,
    Change.IN_FORCE: 1,
    Change.WITHDRAWN: 2,
    Change.SUSPENDED: 3,
    Change.TERMINATED: 4,
    Change.EXPIRED: 4,
    Change.SUPERSEDED: 4,
}
ENDING = {
    Change.TERMINATED: Status.TERMINATED,
    Change.EXPIRED: Status.TERMINATED,
    Change.SUPERSEDED: Status.SUPERSEDED,
}


def derive_status(kind: str, changes: Iterable[tuple[str, object]]) -> str | None:
    """The status a dated history leads to, or None when it does not settle it.

    A politically binding document takes effect when adopted; a treaty or agreement only with
    a dated entry into force (a signed treaty without one is either never in force or in force
    from a date no source gave, so the curated status stands). A party's withdrawal leaves the
    instrument among the others as it was; a suspension suspends it; termination, expiry and
    supersession end it.
    """
    status = None
    for change, _date in sorted(changes, key=lambda c: (c[1], ORDER[c[0]])):
        if status in ENDING.values():
            break
        if change == Change.SIGNED:
            if kind == Instrument.Kind.POLITICAL and status is None:
                status = Status.IN_FORCE
        elif change == Change.IN_FORCE:
            status = Status.IN_FORCE
        elif change == Change.SUSPENDED:
            status = Status.SUSPENDED
        elif change in ENDING:
            status = ENDING[change]
    return status


def sync_status(instrument: Instrument) -> Instrument:
    """Write the derived status and the dates of entry into force and of the end onto the
    instrument (a curated status the history does not settle is left as it is)."""
    changes = list(instrument.status_changes.values_list("status", "date"))
    derived = derive_status(instrument.kind, changes)
    updates = {}
    if derived is not None:
        in_force = [date for status, date in changes if status == Change.IN_FORCE]
        ended = [date for status, date in changes if status in ENDING]
        updates = {
            "status": derived,
            "in_force_on": min(in_force) if in_force else instrument.in_force_on,
            "ended_on": min(ended) if derived in ENDING.values() else None,
        }
    changed = {f: v for f, v in updates.items() if getattr(instrument, f) != v}
    if changed:
        for field, value in changed.items():
            setattr(instrument, field, value)
        instrument.save(update_fields=list(changed))
    return instrument
