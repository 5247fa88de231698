"""The span rule: the words a curator links, checked against their passage's text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_span(passage_text: str, start, end, quote, allow_partial_words: bool = False):
    """The span a curator gave, checked: (start, end, quote) with quote == text[start:end].

    Give start and end (the quote, if given too, must be those words), or only the quote (its
    first occurrence is taken). A span that starts or ends inside a word is refused unless
    allow_partial_words. Raises ValidationError with a message a curator can act on.
    """
    for name, value in (("start", start), ("end", end)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(
                _("%(name)s must be a whole number (0–%(length)s).")
                % {"name": name, "length": len(passage_text)}
            )
    text, quote = passage_text, quote or ""
    if start is None and end is None:
        if not quote:
            raise ValidationError(_("Give start and end, or the exact words of the passage."))
        if quote not in text:
            raise ValidationError(
                _("The words “%(words)s” do not occur in this passage.") % {"words": _short(quote)}
            )
        start = text.index(quote)
        end = start + len(quote)
    elif start is None or end is None:
        raise ValidationError(_("Give both start and end (or neither, and the exact words)."))
    elif start >= end:
        raise ValidationError(
            _("The span must start before it ends (start %(start)s, end %(end)s).")
            % {"start": start, "end": end}
        )
    elif start < 0 or end > len(text):
        raise ValidationError(
            _("The span %(start)s–%(end)s must lie inside the passage (0–%(length)s).")
            % {"start": start, "end": end, "length": len(text)}
        )
    elif quote and quote != text[start:end]:
        raise ValidationError(
            _(
                "The words “%(words)s” are not the passage’s words at %(start)s–%(end)s "
                "(“%(there)s”): correct start and end, or clear them to locate the words."
            )
            % {
                "words": _short(quote),
                "start": start,
                "end": end,
                "there": _short(text[start:end]),
            }
        )
    if not any(character.isalnum() for character in text[start:end]):
        # A space or a quotation mark would be highlighted and published as a mention.
        raise ValidationError(
            _("The span “%(words)s” holds no word: give the words that name the measure.")
            % {"words": _short(text[start:end])}
        )
    if not allow_partial_words:
        inside = [
            0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()
            for at in (start, end)
        ]
        if any(inside):
            words = {"words": _short(text[start:end])}
            if all(inside):
                message = _(
                    "The span “%(words)s” starts and ends inside a word; confirm that this is "
                    "intended, or widen it to whole words."
                )
            elif inside[0]:
                message = _(
                    "The span “%(words)s” starts inside a word; confirm that this is intended, "
                    "or widen it to whole words."
                )
            else:
                message = _(
                    "The span “%(words)s” ends inside a word; confirm that this is intended, "
                    "or widen it to whole words."
                )
            raise ValidationError(message % words)
    return start, end, text[start:end]


def _short(words: str, limit: int = 80) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"
