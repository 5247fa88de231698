"""HTML for a passage with spans marked. All text is escaped: only <mark> is ours."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def highlight_excerpt(text: str, start: int, end: int, *, context: int = 90) -> SafeString:
    """The span in <mark>, with up to `context` characters either side, cut at words."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    if start - context > 0:
        before = "…" + before.split(" ", 1)[-1]
    if end + context < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return format_html("{}<mark>{}</mark>{}", before, text[start:end], after)


def highlight_spans(text: str, spans) -> SafeString:
    """The whole text with each (start, end, label) span in <mark title=label>; overlapping
    spans are joined into the first."""
    pieces, position = [], 0
    for start, end, label in sorted(spans):
        if start < position:
            continue
        pieces.append(("{}", (text[position:start],)))
        pieces.append(('<mark title="{}">{}</mark>', (label, text[start:end])))
        position = end
    pieces.append(("{}", (text[position:],)))
    return format_html_join("", "{}", ((format_html(fmt, *args),) for fmt, args in pieces))
