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
    """The whole text with each (start, end, label) span in <mark title=labels>; overlapping
    spans become one mark over their union, titled with every label."""
    merged: list[list] = []  # [start, end, labels]
    for start, end, label in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    pieces, position = [], 0
    for start, end, labels in merged:
        pieces.append(format_html("{}", text[position:start]))
        pieces.append(format_html('<mark title="{}">{}</mark>', "; ".join(labels), text[start:end]))
        position = end
    pieces.append(format_html("{}", text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
