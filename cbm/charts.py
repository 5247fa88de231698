"""A timeline of accepted mentions per month, drawn as inline SVG on the server: no script,
no CDN, readable by screen readers (a title, a description and a text fallback)."""

import datetime

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .translation import short_date, short_month, translated

WIDTH, HEIGHT, TOP, BOTTOM = 640, 140, 12, 24


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


MONTHLY_UP_TO = 24  # bars; a longer span is drawn per year, so that every count stays legible


def periods_of(counts: dict[datetime.date, int]) -> tuple[list[tuple[str, int]], str]:
    """(period, count) for every month from the first to the last with mentions (gaps as
    zero), or for every year when there would be more than MONTHLY_UP_TO months."""
    months = months_between(min(counts), max(counts))
    if len(months) <= MONTHLY_UP_TO:
        return [(date_format(month, "F Y"), counts.get(month, 0)) for month in months], "month"
    years = dict.fromkeys(range(months[0].year, months[-1].year + 1), 0)
    for month, n in counts.items():
        years[month.year] += n
    return [(str(year), n) for year, n in years.items()], "year"


def january() -> str:
    """The name the year's first month has in the period labels, in the page's language."""
    return date_format(datetime.date(2000, 1, 1), "F")


def timeline_svg(
    counts: dict[datetime.date, int], *, label: str, undated: int = 0, misdated: int = 0
) -> SafeString:
    """Bars per month (per year over a long span), each with its count written above it, over
    a year axis; mentions in undated documents, and in documents whose stored date is a
    mistyped year (misdated: not drawn, or one would stretch the axis over centuries), counted
    beside it ("undated: N", "date to be checked: N") so that the figure adds up to the page's
    total; and the same figures as a table for screen readers."""
    aside = [(_("undated"), undated), (_("date to be checked"), misdated)]
    aside = [(name, n) for name, n in aside if n]
    if not counts:
        return format_html(
            '<p class="muted">{}{}.</p>',
            _("No dated accepted mentions yet"),
            format_html(" ({})", ", ".join(f"{name}: {n}" for name, n in aside)) if aside else "",
        )
    periods, unit = periods_of(counts)
    peak = max(n for _, n in periods)
    step = WIDTH / len(periods)
    bar = min(max(step * 0.8, 1), 48)
    axis = HEIGHT - BOTTOM
    bars, numbers, ticks = [], [], []
    months = months_between(min(counts), max(counts)) if unit == "month" else []
    for i, (period, n) in enumerate(periods):
        height = (axis - TOP - 14) * n / peak
        x, y = i * step, axis - height
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar:.1f}", f"{height:.1f}", f"{period}: {n}"))
        if n:
            numbers.append((f"{x + bar / 2:.1f}", f"{y - 3:.1f}", n))
        year, month = period.split()[-1], period.split()[0]
        if unit == "year" or i == 0 or month == january():
            ticks.append((f"{x:.1f}", HEIGHT - 4, year))
        elif len(periods) <= 12:
            ticks.append((f"{x:.1f}", HEIGHT - 4, short_month(months[i], year=False)))
    dated = sum(counts.values())
    aside_note = format_html_join("", " · {}: {}", aside)
    per = pgettext("chart", "month") if unit == "month" else pgettext("chart", "year")
    return format_html(
        '<figure class="chart"><svg class="timeline" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="timeline-title timeline-desc">'
        '<title id="timeline-title">{}</title><desc id="timeline-desc">{}{}</desc>'
        '<line x1="0" y1="{}" x2="{}" y2="{}" class="axis"/>{}{}{}</svg>'
        '<figcaption class="muted">{}{} ({})</figcaption>'
        '<details class="chart-table"><summary>{}</summary>'
        '<table><caption>{}</caption><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}{}</tbody>'
        '<tfoot><tr><th scope="row">{}</th><td>{}</td></tr></tfoot></table></details>'
        "</figure>",
        WIDTH,
        HEIGHT,
        label,
        ", ".join(f"{period}: {n}" for period, n in periods if n),
        format_html_join("", ". {}: {}", ((capfirst(name), n) for name, n in aside)),
        axis,
        WIDTH,
        axis,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar"><title>{}</title></rect>',
            bars,
        ),
        format_html_join(
            "", '<text x="{}" y="{}" class="count" text-anchor="middle">{}</text>', numbers
        ),
        format_html_join("", '<text x="{}" y="{}" class="tick">{}</text>', ticks),
        _("%(n)s dated") % {"n": dated},
        aside_note,
        _("per %(unit)s") % {"unit": per},
        _("The figures as a table"),
        label,
        _("Month") if unit == "month" else _("Year"),
        _("Accepted mentions"),
        format_html_join("", '<tr><th scope="row">{}</th><td>{}</td></tr>', periods),
        format_html_join("", '<tr><th scope="row">{}</th><td>{}</td></tr>', aside),
        _("Total"),
        dated + undated + misdated,
    )


def instruments_timeline_svg(instruments, *, label: str, today=None) -> SafeString:
    """One bar per instrument from signature to end (or to today if it has not ended); those
    without a date of signature are listed in the description instead of drawn."""
    today = today or datetime.date.today()
    dated = [i for i in instruments if i.signed_on]
    if not dated:
        return format_html('<p class="muted">{}</p>', _("No dated instruments to draw."))
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
        until = short_date(end) if instrument.ended_on else _("today")
        name = translated(instrument, "short_name")[0]
        since = short_date(instrument.signed_on)
        bars.append(
            (
                instrument.get_absolute_url(),
                y + row - 6,
                name[:32],
                f"{x(instrument.signed_on):.1f}",
                y + 3,
                f"{max(x(end) - x(instrument.signed_on), 2):.1f}",
                row - 6,
                state,
                _("%(name)s: %(since)s to %(until)s")
                % {"name": name, "since": since, "until": until},
            )
        )
    years = range(first - first % 10 + 10, last, 10)
    ticks = [(f"{x(datetime.date(year, 1, 1)):.1f}", height - 6, year) for year in years]
    undated = [translated(i, "short_name")[0] for i in instruments if not i.signed_on]
    summary = "; ".join(bar[-1] for bar in bars)
    if undated:
        summary += ". " + _("Not drawn (date of signature unknown): %(names)s") % {
            "names": ", ".join(undated)
        }
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
