"""Curators' decisions on links (Mentions and Citations): the one place they are made.

The admin's actions and forms, and later the API, call these functions; each validates the
link, records who decided and when, and saves through the model so history records the change.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Citation, Instrument, MeasureType, Mention, Passage, Span


def _decide(link: Span, *, by, **changes) -> Span:
    for field, value in changes.items():
        setattr(link, field, value)
    link.reviewed_by = by
    link.reviewed_at = timezone.now()
    link.full_clean()
    link.save()
    return link


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
    if not 0 <= start < end <= len(passage.text):
        raise ValidationError(
            f"The span {start}–{end} lies outside the passage (0–{len(passage.text)}), or is empty."
        )
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


@transaction.atomic
def links_accept(*, links, by) -> int:
    """Accept each link (one history record each); all or none."""
    return sum(1 for link in links if link_accept(link=link, by=by))


@transaction.atomic
def links_reject(*, links, by) -> int:
    return sum(1 for link in links if link_reject(link=link, by=by))


def check_span(passage_text: str, start, end, quote, allow_partial_words: bool = False):
    """The span a curator gave, checked: (start, end, quote) with quote == text[start:end].

    Give start and end (the quote, if given too, must be those words), or only the quote (its
    first occurrence is taken). A span that starts or ends inside a word is refused unless
    allow_partial_words. Raises ValidationError with a message a curator can act on.
    """
    text, quote = passage_text, quote or ""
    if start is None and end is None:
        if not quote:
            raise ValidationError("Give start and end, or the exact words of the passage.")
        if quote not in text:
            raise ValidationError(f"The words “{_short(quote)}” do not occur in this passage.")
        start = text.index(quote)
        end = start + len(quote)
    elif start is None or end is None:
        raise ValidationError("Give both start and end (or neither, and the exact words).")
    elif start >= end:
        raise ValidationError(f"The span must start before it ends (start {start}, end {end}).")
    elif start < 0 or end > len(text):
        raise ValidationError(
            f"The span {start}–{end} must lie inside the passage (0–{len(text)})."
        )
    elif quote and quote != text[start:end]:
        raise ValidationError(
            f"The words “{_short(quote)}” are not the passage’s words at {start}–{end} "
            f"(“{_short(text[start:end])}”): correct start and end, or clear them to locate "
            "the words."
        )
    if not allow_partial_words:
        cut = [
            where
            for where, at in (("starts", start), ("ends", end))
            if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()
        ]
        if cut:
            raise ValidationError(
                f"The span “{_short(text[start:end])}” {' and '.join(cut)} inside a word; "
                "confirm that this is intended, or widen it to whole words."
            )
    return start, end, text[start:end]


def _short(words: str, limit: int = 80) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"
