"""HTML for a passage with spans marked. All text is escaped: only <mark> is ours.

A span's kind ("measure" for a measure-type mention, "treaty" for a citation of an
instrument) becomes the mark's class, hl-measure or hl-treaty: site.css gives each its own
colour, underline and visible tag, so the two are told apart without colour or hover."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

KINDS = ("measure", "treaty")


def mark_class(kinds) -> str:
    return " ".join(f"hl-{kind}" for kind in KINDS if kind in kinds)


def highlight_excerpt(
    text: str, start: int, end: int, *, context: int = 90, kind: str = ""
) -> SafeString:
    """The span in <mark>, with up to `context` characters either side, cut at words."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    if start - context > 0:
        before = "…" + before.split(" ", 1)[-1]
    if end + context < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    if kind:
        mark = format_html('<mark class="{}">{}</mark>', mark_class([kind]), text[start:end])
    else:
        mark = format_html("<mark>{}</mark>", text[start:end])
    return format_html("{}{}{}", before, mark, after)


def highlight_spans(text: str, spans) -> SafeString:
    """The whole text with each (start, end, label[, kind]) span in <mark title=labels>;
    overlapping spans become one mark over their union, titled with every label and classed
    with every kind."""
    merged: list[list] = []  # [start, end, labels, kinds]
    for start, end, label, *kind in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
            merged[-1][3].update(kind)
        else:
            merged.append([start, end, [label], set(kind)])
    pieces, position = [], 0
    for start, end, labels, kinds in merged:
        pieces.append(format_html("{}", text[position:start]))
        if kinds:
            mark = format_html(
                '<mark class="{}" title="{}">{}</mark>',
                mark_class(kinds),
                "; ".join(labels),
                text[start:end],
            )
        else:
            mark = format_html('<mark title="{}">{}</mark>', "; ".join(labels), text[start:end])
        pieces.append(mark)
        position = end
    pieces.append(format_html("{}", text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
