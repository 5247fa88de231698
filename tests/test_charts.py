"""The mentions timeline on a measure type page: it adds up to the heading (undated mentions
counted beside it), has a year axis, writes every count, and offers the figures as a table."""

import datetime
import re

import pytest

from cbm import curation
from cbm.charts import timeline_svg
from cbm.models import Document

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


def test_mentions_with_a_date_to_be_checked_are_counted_beside_the_chart():
    """A stored year 0202 or 3024 is a typo, not a date: counted beside the bars (and in the
    table, which still adds up), never drawn."""
    chart = timeline_svg({D(2022, 1, 1): 3}, label="Mentions", undated=1, misdated=2)
    assert "date to be checked: 2" in chart and "undated: 1" in chart
    table = re.search(r"<details.*?<table>.*?</table>", chart, re.S).group(0)
    assert '<th scope="row">date to be checked</th><td>2</td>' in table
    assert '<th scope="row">Total</th><td>6</td>' in table
    assert "date to be checked: 2" in timeline_svg({}, label="Mentions", misdated=2)


@pytest.mark.django_db
@pytest.mark.parametrize("typo", [D(202, 1, 9), D(3024, 1, 9)])
def test_a_stored_mistyped_year_does_not_stretch_the_measure_type_chart(client, demo, typo):  # noqa: F811
    """Documents stored before such dates were refused: the chart keeps the real years and
    says how many mentions have a date to be checked, and still adds up to the heading."""
    Document.objects.filter(published_on=D(2022, 1, 9)).update(published_on=typo)
    Document.objects.filter(published_on=None).update(published_on=D(2022, 1, 10))
    page = html(client, "/measures/exercise-caps/")
    heading = int(re.search(r"Mentions over time <span[^>]*>\((\d+) accepted", page).group(1))
    total = int(re.search(r'<th scope="row">Total</th><td>(\d+)</td>', page).group(1))
    misdated = int(re.search(r"date to be checked: (\d+)", page).group(1))
    assert heading == total == 5 and misdated == 3
    chart = page[page.index('<svg class="timeline"') : page.index("</figure>")]
    assert chart.count('class="bar"') == 1
    assert re.findall(r'class="tick">([^<]+)<', chart) == ["2022"]  # not 202 … 2022 … 3024
    assert '<th scope="row">January 2022</th><td>2</td>' in chart


@pytest.mark.django_db
def test_the_positions_timeline_leaves_out_a_mistyped_year_and_says_so(client, curator):
    from cbm.ingest import ingest_bytes
    from cbm.models import Position

    report = b"Russia suspended the Treaty on Conventional Armed Forces in Europe.\n\n"
    report += b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
    ingest_bytes(b"date 2023-05-01\n\n" + report, source_name="a.txt")
    ingest_bytes(b"date 2023-06-01\n\n" + report + b"\nAgain.\n", source_name="b.txt")
    for position in Position.objects.all():
        curation.link_accept(link=position, by=curator)
    Document.objects.filter(published_on=D(2023, 6, 1)).update(published_on=D(1023, 6, 1))
    page = html(client, "/measures/exercise-caps/")
    chart = page[
        page.index('<svg class="timeline positions"') : page.index(
            "</svg>", page.index('<svg class="timeline positions"')
        )
    ]
    assert "1023" not in chart and "May 2023" in chart
    assert "Not drawn (date to be checked): 1 position(s)." in page
    # nor is a mistyped future year "the latest data" of the tracker's default period
    Document.objects.filter(published_on=D(1023, 6, 1)).update(published_on=D(3024, 6, 1))
    tracker = html(client, "/tracker/")
    assert "2 May 2022 to 1 May 2023 (the last twelve months with data)" in tracker


@pytest.mark.django_db
def test_curators_find_the_documents_whose_date_is_to_be_checked(admin_client, demo):  # noqa: F811
    """An admin filter lists them (and the documents page's years leave them out)."""
    typo = Document.objects.get(published_on=D(2022, 1, 9))
    Document.objects.filter(pk=typo.pk).update(published_on=D(202, 1, 9))
    response = admin_client.get("/admin/cbm/document/?published=to-check")
    assert [d.pk for d in response.context["cl"].result_list] == [typo.pk]
    assert "before 1900 or in the future" in response.content.decode()
    assert '<option value="202">' not in html(admin_client, "/documents/")


def test_russian_charts_abbreviate_months_in_lowercase_as_russian_does():
    """«фев», not «Фев» (the first three letters of «Февраль»): Django's Russian abbreviation."""
    from django.utils import translation

    counts = {D(2022, 1, 1): 1, D(2022, 2, 1): 2, D(2022, 3, 1): 3}
    with translation.override("ru"):
        chart = timeline_svg(counts, label="Упоминания")
    assert re.findall(r'class="tick">([^<]+)</text>', chart) == ["2022", "фев", "мар"]
    chart = timeline_svg(counts, label="Mentions")
    assert re.findall(r'class="tick">([^<]+)</text>', chart) == ["2022", "Feb", "Mar"]


@pytest.mark.django_db
def test_the_russian_positions_timeline_axis_reads_russian_months(client, curator):
    """/ru/: «янв 2022» as Django's Russian locale writes it, not «Янв 2022»."""
    from cbm.ingest import ingest_bytes
    from cbm.models import Position

    report = b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
    ingest_bytes(b"date 2022-01-10\n\n" + report, source_name="a.txt")
    ingest_bytes(b"date 2022-06-20\n\n" + report + b"\nAgain.\n", source_name="b.txt")
    for position in Position.objects.all():
        curation.link_accept(link=position, by=curator)

    def axis(url):
        page = html(client, url)
        start = page.index('<svg class="timeline positions"')
        chart = page[start : page.index("</svg>", start)]
        return re.findall(r'class="tick">([^<]*\d{4})</text>', chart)

    russian = axis("/ru/measures/exercise-caps/")
    assert russian[0] == "фев 2022" and "июн 2022" in russian
    assert not any(tick[0].isupper() for tick in russian)
    assert axis("/measures/exercise-caps/")[0] == "Feb 2022"
