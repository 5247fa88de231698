"""A timeline of accepted mentions per month, drawn as inline SVG on the server: no script,
no CDN, readable by screen readers (a title, a description and a text fallback)."""

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, TOP, BOTTOM = 640, 140, 12, 24


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def timeline_svg(counts: dict[datetime.date, int], *, label: str) -> SafeString:
    """Bars for every month from the first to the last with mentions (gaps drawn as zero)."""
    if not counts:
        return format_html('<p class="muted">{}</p>', "No dated accepted mentions yet.")
    months = months_between(min(counts), max(counts))
    peak = max(counts.values())
    step = WIDTH / len(months)
    bar = min(max(step * 0.8, 1), 48)
    bars, ticks = [], []
    for i, month in enumerate(months):
        n = counts.get(month, 0)
        height = (HEIGHT - TOP - BOTTOM) * n / peak
        x, y = i * step, HEIGHT - BOTTOM - height
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar:.1f}", f"{height:.1f}", f"{month:%B %Y}: {n}"))
        if len(months) <= 12:
            ticks.append((f"{x:.1f}", HEIGHT - 6, f"{month:%b %Y}"))
        elif month.month == 1 or i == 0:
            ticks.append((f"{x:.1f}", HEIGHT - 6, f"{month:%Y}"))
    summary = ", ".join(f"{month:%b %Y}: {n}" for month, n in sorted(counts.items()))
    return format_html(
        '<svg class="timeline" viewBox="0 0 {} {}" role="img" aria-labelledby="timeline-title timeline-desc">'
        '<title id="timeline-title">{}</title><desc id="timeline-desc">{}</desc>'
        '<line x1="0" y1="{}" x2="{}" y2="{}" class="axis"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        label,
        summary,
        HEIGHT - BOTTOM,
        WIDTH,
        HEIGHT - BOTTOM,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar"><title>{}</title></rect>',
            bars,
        ),
        format_html_join("", '<text x="{}" y="{}" class="tick">{}</text>', ticks),
    )


def instruments_timeline_svg(instruments, *, label: str, today=None) -> SafeString:
    """One bar per instrument from signature to end (or to today if it has not ended); those
    without a date of signature are listed in the description instead of drawn."""
    today = today or datetime.date.today()
    dated = [i for i in instruments if i.signed_on]
    if not dated:
        return format_html('<p class="muted">{}</p>', "No dated instruments to draw.")
    first = min(i.signed_on.year for i in dated)
    last = max([today.year, *(i.ended_on.year for i in dated if i.ended_on)]) + 1
    row, left = 18, 200
    height = TOP + row * len(dated) + BOTTOM
    span = (WIDTH - left) / (last - first)

    def x(date):
        return left + (date.year - first + (date.timetuple().tm_yday - 1) / 366) * span

    bars = []
    for n, instrument in enumerate(dated):
        end = instrument.ended_on or today
        y = TOP + n * row
        state = "ended" if instrument.ended_on else "open"
        until = f"{end:%-d %b %Y}" if instrument.ended_on else "today"
        bars.append(
            (
                instrument.get_absolute_url(),
                y + row - 6,
                instrument.short_name[:32],
                f"{x(instrument.signed_on):.1f}",
                y + 3,
                f"{max(x(end) - x(instrument.signed_on), 2):.1f}",
                row - 6,
                state,
                f"{instrument.short_name}: {instrument.signed_on:%-d %b %Y} to {until}",
            )
        )
    years = range(first - first % 10 + 10, last, 10)
    ticks = [(f"{x(datetime.date(year, 1, 1)):.1f}", height - 6, year) for year in years]
    undated = [i.short_name for i in instruments if not i.signed_on]
    summary = "; ".join(bar[-1] for bar in bars)
    if undated:
        summary += f". Not drawn (date of signature unknown): {', '.join(undated)}"
    return format_html(
        '<svg class="timeline instruments" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="instruments-title instruments-desc">'
        '<title id="instruments-title">{}</title><desc id="instruments-desc">{}</desc>{}{}</svg>',
        WIDTH,
        height,
        label,
        summary,
        format_html_join(
            "",
            '<a href="{}"><text x="0" y="{}" class="tick">{}</text></a>'
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar {}"><title>{}</title></rect>',
            bars,
        ),
        format_html_join("", '<text x="{}" y="{}" class="tick">{}</text>', ticks),
    )
