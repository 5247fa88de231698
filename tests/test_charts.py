"""The mentions timeline on a measure type page: it adds up to the heading (undated mentions
counted beside it), has a year axis, writes every count, and offers the figures as a table."""

import datetime
import re

import pytest

from cbm.charts import timeline_svg

from .test_pages import demo, html  # noqa: F401 (a fixture)

D = datetime.date


def test_counts_are_written_on_the_bars_and_years_on_the_axis():
    """Every non-zero count is drawn as text (no hover needed); the axis names the years."""
    chart = timeline_svg({D(2021, 11, 1): 2, D(2022, 1, 1): 3}, label="Mentions")
    assert re.findall(r'<text [^>]*class="count"[^>]*>(\d+)</text>', chart) == ["2", "3"]
    assert re.findall(r'<text [^>]*class="tick">(\d{4})</text>', chart) == ["2021", "2022"]


def test_a_long_span_is_drawn_per_year_so_counts_stay_legible():
    """Ten years of mentions: one bar per year, each with its count, the years on the axis."""
    counts = {D(2014, 3, 1): 1, D(2018, 6, 1): 4, D(2018, 7, 1): 2, D(2023, 12, 1): 5}
    chart = timeline_svg(counts, label="Mentions")
    assert chart.count('class="bar"') == 10
    assert re.findall(r'class="count"[^>]*>(\d+)<', chart) == ["1", "6", "5"]
    assert "2018: 6" in chart and "(per year)" in chart


def test_undated_mentions_are_counted_beside_the_chart_and_in_its_table():
    """The chart says "undated: N" and its table adds up to dated + undated."""
    chart = timeline_svg({D(2022, 1, 1): 3}, label="Mentions", undated=2)
    assert "undated: 2" in chart
    table = re.search(r"<details.*?<table>.*?</table>", chart, re.S).group(0)
    assert '<th scope="row">January 2022</th><td>3</td>' in table
    assert '<th scope="row">undated</th><td>2</td>' in table
    assert '<th scope="row">Total</th><td>5</td>' in table


def test_only_undated_mentions_still_say_how_many():
    assert "undated: 4" in timeline_svg({}, label="Mentions", undated=4)


@pytest.mark.django_db
def test_measure_type_chart_agrees_with_the_heading(client, demo):  # noqa: F811
    """Two of the five mentions are in a document without a date (the second seed): they are
    in the heading's total and in the chart's "undated" count, so the chart adds up to it."""
    page = html(client, "/measures/exercise-caps/")
    heading = int(re.search(r"Mentions over time <span[^>]*>\((\d+) accepted", page).group(1))
    total = int(re.search(r'<th scope="row">Total</th><td>(\d+)</td>', page).group(1))
    undated_count = int(re.search(r"undated: (\d+)", page).group(1))
    assert heading == total == 5 and undated_count == 2
