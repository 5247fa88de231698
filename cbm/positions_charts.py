"""A timeline of positions drawn as inline SVG on the server (like cbm/charts.py): one row per
actor, time across, one mark per position, coloured by its stance and labelled with its letter
(colour is never the only cue), each linking to its quote. Undated positions are listed in the
description, not drawn."""

import datetime
from collections import Counter

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import Stance
from .models.texts import plausible
from .translation import display_name, short_date, short_month, translated

WIDTH, TOP, BOTTOM, LEFT, ROW = 640, 8, 24, 150, 22
RADIUS, STEP = 8, 14  # a mark's radius; the distance between marks of one actor on one day
# One letter per stance, shown in the mark and explained by the legend.
LETTERS = {
    Stance.PROPOSES: "P",
    Stance.DEMANDS: "D",
    Stance.ACCEPTS: "A",
    Stance.REJECTS: "R",
    Stance.DENIES: "N",
    Stance.ACCUSES: "X",
    Stance.IMPLEMENTS: "I",
    Stance.SUSPENDS: "S",
}


def position_url(position) -> str:
    return f"{position.passage.get_absolute_url()}#position-{position.pk}"


def _date(position) -> datetime.date | None:
    return position.passage.document.published_on


def positions_timeline_svg(positions, *, label: str, id_prefix: str = "positions") -> SafeString:
    """positions: Positions with actor and passage__document loaded. Those without a date, or
    with a mistyped year stored before such dates were refused, are not drawn (not_drawn)."""
    dated = [p for p in positions if plausible(_date(p))]
    if not dated:
        return format_html('<p class="muted">{}</p>', _("No dated accepted positions yet."))
    actors = sorted({p.actor for p in dated}, key=lambda a: a.name)
    row_of = {actor.pk: n for n, actor in enumerate(actors)}
    first, last = min(map(_date, dated)), max(map(_date, dated))
    if first == last:  # one day: give it a month either side
        first, last = first - datetime.timedelta(days=30), last + datetime.timedelta(days=30)
    span = (last - first).days
    height = TOP + ROW * len(actors) + BOTTOM

    def x(date):
        return LEFT + 8 + (WIDTH - LEFT - 24) * (date - first).days / span

    names = [
        (TOP + n * ROW + ROW - 7, translated(actor, "name")[0][:24])
        for n, actor in enumerate(actors)
    ]
    marks, seen = [], Counter()
    together = Counter((p.actor_id, _date(p)) for p in dated)
    for p in sorted(dated, key=lambda p: (_date(p), p.pk)):
        # marks of one actor on one day side by side, not on top of each other, centred on
        # their day and kept inside the chart (the last day's ran off its right edge)
        nth = seen[p.actor_id, _date(p)]
        seen[p.actor_id, _date(p)] += 1
        width = STEP * (together[p.actor_id, _date(p)] - 1)
        first_cx = min(max(x(_date(p)) - width / 2, LEFT + RADIUS), WIDTH - RADIUS - width)
        cx = f"{max(first_cx, LEFT + RADIUS) + STEP * nth:.1f}"
        cy = TOP + row_of[p.actor_id] * ROW + ROW / 2
        what = (
            f"{translated(p.actor, 'name')[0]} {p.get_stance_display()} {target_name(p.target)} "
            f"({short_date(_date(p))}): “{p.quote[:120]}”"
        )
        marks.append((position_url(p), p.stance, cx, cy, cx, cy + 4, LETTERS[p.stance], what))
    ticks = [(f"{x(d):.1f}", height - 6, short_month(d)) for d in _ticks(first, last)]
    summary = "; ".join(m[-1] for m in marks)
    if left_out := not_drawn(positions):
        summary += ". " + left_out
    return format_html(
        '<svg class="timeline positions" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>{}{}</svg>',
        WIDTH,
        height,
        id_prefix,
        id_prefix,
        id_prefix,
        label,
        id_prefix,
        summary,
        format_html_join("", '<text x="0" y="{}" class="tick">{}</text>', names),
        LEFT,
        height - BOTTOM,
        WIDTH,
        height - BOTTOM,
        format_html_join(
            "",
            '<a href="{}" class="mark stance-{}"><circle cx="{}" cy="{}" r="8"/>'
            '<text x="{}" y="{}" text-anchor="middle">{}</text><title>{}</title></a>',
            marks,
        ),
        format_html_join("", '<text x="{}" y="{}" class="tick">{}</text>', ticks),
    )


def not_drawn(positions) -> str:
    """What a positions timeline leaves out and why ("Not drawn (undated): 1 position(s)"),
    or ""; said in its description and under it."""
    undated = sum(1 for p in positions if _date(p) is None)
    misdated = sum(1 for p in positions if _date(p) is not None and not plausible(_date(p)))
    notes = []
    if undated:
        notes.append(_("Not drawn (undated): %(n)s position(s)") % {"n": undated})
    if misdated:
        notes.append(_("Not drawn (date to be checked): %(n)s position(s)") % {"n": misdated})
    return ". ".join(notes)


def target_name(target) -> str:
    return display_name(target)


def _ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """At most six evenly spaced dates, at the start of a month."""
    span = (last - first).days
    dates = [first + datetime.timedelta(days=span * n / 5) for n in range(6)]
    return sorted({d.replace(day=1) for d in dates if first <= d.replace(day=1) <= last})


def legend() -> list[tuple[str, str, str]]:
    """(slug, letter, name) of every stance, for the legend under a timeline."""
    return [(value, LETTERS[value], label) for value, label in Stance.choices]
