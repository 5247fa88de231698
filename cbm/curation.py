"""Curators' decisions on links (Mentions, Citations and Positions): the one place they are
made.

The admin's actions and forms, and later the API, call these functions; each validates the
link, records who decided and when, and saves through the model so history records the change.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Actor, Citation, Instrument, MeasureType, Mention, Passage, Position, Span


def _decide(link: Span, *, by, **changes) -> Span:
    for field, value in changes.items():
        setattr(link, field, value)
    link.reviewed_by = by
    link.reviewed_at = timezone.now()
    link.full_clean()
    link.save()
    return link


def _check_span(passage: Passage, start: int, end: int) -> None:
    if not 0 <= start < end <= len(passage.text):
        raise ValidationError(
            f"The span {start}–{end} lies outside the passage (0–{len(passage.text)}), or is empty."
        )


def link_review(*, link: Span, status: str, by, note: str | None = None) -> Span:
    """Record a curator's verdict (accepted, rejected, or back to pending) on a link."""
    changes = {"status": status}
    if note is not None:
        changes["note"] = note
    return _decide(link, by=by, **changes)


def link_accept(*, link: Span, by, note: str | None = None) -> Span:
    """The link is right: it becomes public."""
    return link_review(link=link, status=Span.Status.ACCEPTED, by=by, note=note)


def link_reject(*, link: Span, by, note: str | None = None) -> Span:
    """The link is wrong: it stays hidden, and suggest never proposes these words again."""
    return link_review(link=link, status=Span.Status.REJECTED, by=by, note=note)


def link_correct_span(*, link: Span, start: int, end: int, by) -> Span:
    """Move the link to other words of its passage; the quote follows from the offsets."""
    text = link.passage.text
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValidationError(
            f"The span {start}–{end} lies outside the passage (0–{len(text)}), or is empty."
        )
    return _decide(link, by=by, start=start, end=end, quote=text[start:end])


def link_create(
    *,
    passage: Passage,
    target: MeasureType | Instrument,
    start: int,
    end: int,
    by,
    status: str = Span.Status.ACCEPTED,
    note: str = "",
) -> Span:
    """A link a curator makes by hand (origin: curator)."""
    model = Mention if isinstance(target, MeasureType) else Citation
    _check_span(passage, start, end)
    link = model(
        passage=passage,
        **{model.target_field: target},
        start=start,
        end=end,
        quote=passage.text[start:end],
        origin=Span.Origin.CURATOR,
        note=note,
    )
    return _decide(link, by=by, status=status)


def position_create(
    *,
    passage: Passage,
    actor: Actor,
    stance: str,
    measure_type: MeasureType | None = None,
    instrument: Instrument | None = None,
    start: int,
    end: int,
    by,
    status: str = Span.Status.ACCEPTED,
    note: str = "",
) -> Position:
    """A position a curator records by hand (origin: curator)."""
    _check_span(passage, start, end)
    position = Position(
        passage=passage,
        actor=actor,
        stance=stance,
        measure_type=measure_type,
        instrument=instrument,
        start=start,
        end=end,
        quote=passage.text[start:end],
        origin=Span.Origin.CURATOR,
        note=note,
    )
    return _decide(position, by=by, status=status)


@transaction.atomic
def links_accept(*, links, by) -> int:
    """Accept each link (one history record each); all or none."""
    return sum(1 for link in links if link_accept(link=link, by=by))


@transaction.atomic
def links_reject(*, links, by) -> int:
    return sum(1 for link in links if link_reject(link=link, by=by))
