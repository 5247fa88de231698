"""Curators' decisions on links (Mentions, Citations and Positions): the one place they are
made.

The admin's actions and forms, the API and the commands call these functions. Each one
re-reads the link under a row lock inside a transaction and changes only what it was asked to,
so two curators (or a curator and a running `suggest`) never silently overwrite each other:
- a writer that passes `expected_version` gets LinkConflict if anyone changed the link since
  that version (the API answers 409, the admin shows a form error);
- a lock that cannot be had within CBM_LOCK_TIMEOUT_MS is LinkBusy (503, try again), never a
  hung worker;
- a suggestion withdrawn by the matcher while a curator looked at it is LinkGone (409).
On SQLite, transactions take the write lock when they begin (settings: transaction_mode
IMMEDIATE), so curators' writes are serialised by the database and the same rules hold.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .curation_locks import (
    LinkBusy,
    LinkConflict,
    LinkGone,
    _bounded_wait,
    _locked,
    _save_decision,
    is_lock_timeout,
    set_lock_timeout,
)
from .curation_spans import check_span
from .models import Actor, Citation, Instrument, MeasureType, Mention, Passage, Position, Span

__all__ = [
    "LinkBusy",
    "LinkConflict",
    "LinkGone",
    "check_span",
    "is_lock_timeout",
    "link_accept",
    "link_correct_span",
    "link_create",
    "link_delete",
    "link_edit",
    "link_reject",
    "link_review",
    "links_accept",
    "links_delete",
    "links_reject",
    "position_create",
    "position_edit",
    "set_lock_timeout",
]


def link_review(
    *,
    link: Span,
    status: str,
    by,
    note: str | None = None,
    expected_version: int | None = None,
    unless_so: bool = False,
) -> Span | None:
    """Record a curator's verdict (accepted, rejected, or back to pending) on a link. With
    unless_so, a link already so decided is left as it is (None): a bulk selection may sweep
    it in, and re-deciding it would put another curator's name and time on it."""
    changes = {"status": status}
    if note is not None:
        changes["note"] = note
    with _locked(link, expected_version) as current:
        if unless_so and current.status == status:
            return None
        return _save_decision(current, by=by, **changes)


def link_accept(
    *, link: Span, by, note: str | None = None, expected_version: int | None = None
) -> Span:
    """The link is right: it becomes public."""
    return link_review(
        link=link, status=Span.Status.ACCEPTED, by=by, note=note, expected_version=expected_version
    )


def link_reject(
    *, link: Span, by, note: str | None = None, expected_version: int | None = None
) -> Span:
    """The link is wrong: it stays hidden, and suggest never proposes these words again."""
    return link_review(
        link=link, status=Span.Status.REJECTED, by=by, note=note, expected_version=expected_version
    )


def link_edit(
    *,
    link: Span,
    by,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    allow_partial_words: bool = False,
    status: str | None = None,
    note: str | None = None,
    target: MeasureType | Instrument | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Span:
    """Any curator change to one link — span, verdict, note, target — as one locked write that
    changes only the fields given. Nothing given but the version: nothing changes."""
    with _locked(link, expected_version) as current:
        changes = _link_changes(current, start, end, quote, allow_partial_words, status, note)
        if target is not None and target != current.target:
            changes[current.target_field] = target
        if not changes:
            return current
        return _save_decision(current, by=by, reason=reason, **changes)


def _link_changes(current, start, end, quote, allow_partial_words, status, note) -> dict:
    """What differs from the current row among a span (checked), a verdict and a note."""
    changes = {}
    if start is not None or end is not None or quote is not None:
        new_start, new_end, new_quote = check_span(
            current.passage.text, start, end, quote, allow_partial_words=allow_partial_words
        )
        if (new_start, new_end) != (current.start, current.end):
            changes.update(start=new_start, end=new_end, quote=new_quote)
    if status is not None and status != current.status:
        changes["status"] = status
    if note is not None and note != current.note:
        changes["note"] = note
    return changes


def link_correct_span(
    *,
    link: Span,
    start: int | None = None,
    end: int | None = None,
    by,
    quote: str | None = None,
    allow_partial_words: bool = False,
    expected_version: int | None = None,
) -> Span:
    """Move the link to other words of its passage (offsets, words, or both agreeing)."""
    return link_edit(
        link=link,
        by=by,
        start=start,
        end=end,
        quote=quote,
        allow_partial_words=allow_partial_words,
        expected_version=expected_version,
    )


def link_create(
    *,
    passage: Passage,
    target: MeasureType | Instrument,
    start: int | None = None,
    end: int | None = None,
    by,
    quote: str | None = None,
    allow_partial_words: bool = False,
    status: str = Span.Status.ACCEPTED,
    note: str = "",
) -> Span:
    """A link a curator makes by hand (origin: curator).

    The passage row is locked first: `suggest` locks the passages of a batch the same way, so
    it never proposes words a curator is linking at the same moment."""
    model = Mention if isinstance(target, MeasureType) else Citation
    with _bounded_wait():
        passage = Passage.objects.select_for_update().get(pk=passage.pk)
        start, end, quote = check_span(
            passage.text, start, end, quote, allow_partial_words=allow_partial_words
        )
        existing = model.objects.filter(
            passage=passage, **{model.target_field: target}, start=start, end=end
        ).first()
        if existing is not None:
            raise ValidationError(
                _(
                    "This passage already has a link of “%(quote)s” to %(target)s "
                    "(%(status)s, #%(pk)s): edit that one instead."
                )
                % {
                    "quote": quote,
                    "target": target,
                    "status": existing.get_status_display(),
                    "pk": existing.pk,
                }
            )
        link = model(
            passage=passage,
            **{model.target_field: target},
            start=start,
            end=end,
            quote=quote,
            origin=Span.Origin.CURATOR,
            note=note,
        )
        return _save_decision(link, by=by, status=status)


def position_create(
    *,
    passage: Passage,
    actor: Actor,
    stance: str,
    measure_type: MeasureType | None = None,
    instrument: Instrument | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    allow_partial_words: bool = False,
    by,
    status: str = Span.Status.ACCEPTED,
    note: str = "",
) -> Position:
    """A position a curator records by hand (origin: curator); the passage is locked as for
    link_create, so the position suggester never races it."""
    with _bounded_wait():
        passage = Passage.objects.select_for_update().get(pk=passage.pk)
        start, end, quote = check_span(
            passage.text, start, end, quote, allow_partial_words=allow_partial_words
        )
        position = Position(
            passage=passage,
            actor=actor,
            stance=stance,
            measure_type=measure_type,
            instrument=instrument,
            start=start,
            end=end,
            quote=quote,
            origin=Span.Origin.CURATOR,
            note=note,
        )
        return _save_decision(position, by=by, status=status)


def position_edit(
    *,
    position: Position,
    by,
    actor: Actor | None = None,
    stance: str | None = None,
    measure_type: MeasureType | None = None,
    instrument: Instrument | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    allow_partial_words: bool = False,
    status: str | None = None,
    note: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Position:
    """A curator's correction of a position — actor, stance, target (a measure type or an
    instrument, replacing the other), span, verdict, note — as one locked write under the same
    version rule as link_edit. Nothing different given: nothing changes."""
    if measure_type is not None and instrument is not None:
        raise ValidationError(_("A position is on one target: a measure type or an instrument."))
    with _locked(position, expected_version) as current:
        changes = _link_changes(current, start, end, quote, allow_partial_words, status, note)
        if actor is not None and actor.pk != current.actor_id:
            changes["actor"] = actor
        if stance is not None and stance != current.stance:
            changes["stance"] = stance
        if measure_type is not None and measure_type.pk != current.measure_type_id:
            changes.update(measure_type=measure_type, instrument=None)
        if instrument is not None and instrument.pk != current.instrument_id:
            changes.update(instrument=instrument, measure_type=None)
        if not changes:
            return current
        return _save_decision(current, by=by, reason=reason, **changes)


@transaction.atomic
def links_accept(*, links, by) -> int:
    """Accept each link (one history record each); all or none. Links the matcher withdrew in
    the meantime are skipped, not resurrected; links already accepted keep who accepted them
    and when. Returns how many were changed."""
    return _bulk(links, by, Span.Status.ACCEPTED)


@transaction.atomic
def links_reject(*, links, by) -> int:
    return _bulk(links, by, Span.Status.REJECTED)


def _bulk(links, by, status) -> int:
    done = 0
    for link in links:
        try:
            if link_review(link=link, status=status, by=by, unless_so=True) is None:
                continue
        except LinkGone:
            continue
        done += 1
    return done


def link_delete(*, link: Span, by) -> bool:
    """A curator deletes a link (mention, citation or position). A suggestion is not deleted
    but rejected: "not this" is a decision, and a deleted suggestion would only be proposed
    again by the next `suggest`. A link a curator made by hand is deleted. True if deleted."""
    with _locked(link, None) as current:
        if current.origin == Span.Origin.CURATOR:
            current._change_reason = "deleted by a curator"
            current.delete()
            return True
        if current.status != Span.Status.REJECTED:
            _save_decision(
                current,
                by=by,
                reason="deleted by a curator: kept as a rejection",
                status=Span.Status.REJECTED,
            )
        return False


@transaction.atomic
def links_delete(*, links, by) -> tuple[int, int]:
    """link_delete for each link; all or none. (rejected, deleted) counts; links already gone
    are skipped."""
    rejected = deleted = 0
    for link in links:
        try:
            if link_delete(link=link, by=by):
                deleted += 1
            else:
                rejected += 1
        except LinkGone:
            continue
    return rejected, deleted
