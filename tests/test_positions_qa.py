"""A new user's pass over positions: what a curator corrects stays corrected, and the pages,
the admin and the API answer odd requests without a server error."""

import pytest

from cbm import curation
from cbm.ingest import ingest_bytes
from cbm.models import Actor, Document, MeasureType, Position
from cbm.positions import suggest_positions

REPORT = (
    b"date 2023-05-01\n\nRussia suspended the Treaty on Conventional Armed Forces in Europe.\n\n"
    b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
)


def rows():
    return list(Position.objects.order_by("pk").values())


@pytest.mark.django_db
def test_a_corrected_suggestion_is_not_suggested_again_in_its_old_form(curator):
    """A curator who corrects a suggestion's actor, stance or target has said the suggested
    reading was wrong: a re-run must not bring the old reading back as a new pending row."""
    ingest_bytes(REPORT, source_name="report.txt")
    proposes = Position.objects.get(stance="proposes")
    curation.position_edit(position=proposes, by=curator, actor=Actor.objects.get(slug="nato"))
    suspends = Position.objects.get(stance="suspends")
    curation.position_edit(position=suspends, by=curator, stance="rejects")
    before = rows()
    result = suggest_positions(Document.objects.all())
    assert result.created == 0
    assert rows() == before


@pytest.mark.django_db
def test_a_suggestion_moved_to_another_target_is_not_suggested_again(curator):
    ingest_bytes(REPORT, source_name="report.txt")
    proposes = Position.objects.get(stance="proposes")
    other = MeasureType.objects.exclude(pk=proposes.measure_type_id).first()
    curation.position_edit(position=proposes, by=curator, measure_type=other)
    before = rows()
    assert suggest_positions(Document.objects.all()).created == 0
    assert rows() == before


def accept_all(curator):
    ingest_bytes(REPORT, source_name="report.txt")
    for position in Position.objects.all():
        curation.link_accept(link=position, by=curator)


@pytest.mark.django_db
def test_the_actor_page_links_each_quote_to_its_position_in_the_passage(client, curator):
    """As on measure-type and instrument pages and the tracker: the quote opens the passage at
    the position's anchor, not at its top."""
    accept_all(curator)
    html = client.get("/actors/russia/").content.decode()
    for position in Position.objects.all():
        assert f'{position.passage.get_absolute_url()}#position-{position.pk}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["start=bad", "start=2023-02-01&end=2023-01-01", "start=&end="])
def test_the_tracker_says_when_it_shows_the_default_period_instead(client, curator, query):
    """A period the reader could not give (a bad date, an empty form) falls back to the last
    twelve months with data: the page says so, rather than passing them off as the reader's."""
    accept_all(curator)
    html = client.get(f"/tracker/?{query}").content.decode()
    assert "2 May 2022 to 1 May 2023 (the last twelve months with data)" in html


@pytest.mark.django_db
def test_the_russian_tracker_says_in_russian_that_a_period_ends_before_it_starts(client):
    """The message about a reversed period is in the page's language."""
    html = client.get("/ru/tracker/?start=2023-02-01&end=2023-01-01").content.decode()
    assert '<p role="alert">Период должен начинаться раньше, чем заканчивается.</p>' in html


@pytest.mark.django_db
def test_a_position_without_a_target_is_told_either_target_will_do(curator_client):
    """Not "measure_type: This field is required." to a developer who meant an instrument."""
    ingest_bytes(REPORT, source_name="report.txt", suggest=False)
    passage = Position.passage.field.related_model.objects.get(text__startswith="Moscow")
    data = {"passage": passage.pk, "actor": "russia", "stance": "proposes", "quote": "Moscow"}
    response = curator_client.post("/api/v1/positions/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Give one target: a measure type or an instrument."]
    }
    response = curator_client.post("/api/v1/positions/", {"passage": passage.pk}, format="json")
    assert set(response.json()) == {"actor", "stance", "non_field_errors"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/measures/exercise-caps/", "/actors/russia/"])
def test_tables_list_dated_positions_newest_first_and_undated_ones_last(client, curator, url):
    """On every database: PostgreSQL sorts an unknown date first in a descending order (and
    last in an ascending one), which put undated positions at the top as if the newest."""
    undated = REPORT.replace(b"date 2023-05-01\n\n", b"")
    ingest_bytes(undated + b"\n\nUndated.\n", source_name="undated.txt")
    accept_all(curator)
    html = client.get(url).content.decode()
    table = html[html.index('<table class="positions">') :]
    assert table.index("2023-05-01") < table.index("undated")


@pytest.mark.django_db
def test_the_timeline_says_visibly_how_many_undated_positions_it_does_not_draw(client, curator):
    """The heading counts two accepted positions, the timeline draws one mark: the page says
    why where a sighted reader sees it, not only in the chart's description."""
    undated = REPORT.replace(b"date 2023-05-01\n\n", b"")
    ingest_bytes(undated + b"\n\nUndated.\n", source_name="undated.txt")
    accept_all(curator)
    html = client.get("/measures/exercise-caps/").content.decode()
    outside_the_chart = html[html.index("</svg>", html.index('<svg class="timeline positions"')) :]
    assert "Not drawn (undated): 1 position(s)." in outside_the_chart
    html = client.get("/ru/measures/exercise-caps/").content.decode()
    assert "Не показаны (без даты): позиций — 1." in html


@pytest.mark.django_db
def test_the_russian_review_queue_names_actors_and_targets_in_russian(admin_client, curator):
    """/ru/admin/: the stance was in Russian, the actor and the measure type beside it were not."""
    ingest_bytes(REPORT, source_name="report.txt")
    html = admin_client.get("/ru/admin/cbm/position/").content.decode()
    caps = MeasureType.objects.get(slug="exercise-caps")
    assert caps.name_ru and html.count(f">{caps.name_ru}<") == 2  # in the row and the filter
    assert html.count(">Россия<") == 2 and f">{caps.name}<" not in html and ">Russia<" not in html
    html = admin_client.get("/admin/cbm/position/?o=2").content.decode()  # sorted by actor
    assert f">{caps.name}<" in html and ">Russia<" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/measures/exercise-caps/", "/instruments/cfe-treaty-1990/"])
def test_a_targets_positions_download_as_the_page_counts_them(client, curator, url):
    """A parent type's page counts its sub-types' positions: its CSV link gives the same rows."""
    import csv
    import io
    import re

    accept_all(curator)
    parent = MeasureType.objects.exclude(slug="exercise-caps").filter(parent=None).first()
    MeasureType.objects.filter(slug="exercise-caps").update(parent=parent)
    if "measures" in url:
        url = parent.get_absolute_url()
    html = client.get(url).content.decode()
    count = int(re.search(r"Positions <span[^>]*>\((\d+) accepted", html).group(1))
    link = re.search(r'href="(/api/v1/positions/\?[^"]*format=csv)"', html).group(1)
    response = client.get(link.replace("&amp;", "&"))
    text = b"".join(response.streaming_content).decode()
    rows = [row for row in csv.DictReader(io.StringIO(text)) if not row["id"].startswith("#")]
    assert count == len(rows) == 1


def test_marks_of_one_actor_on_the_last_day_stay_inside_the_timeline():
    """Several positions of one actor on the latest day were drawn side by side to the right
    of it, past the chart's edge: all but the first were cut off."""
    import datetime
    import re
    from types import SimpleNamespace

    from cbm.positions_charts import LEFT, WIDTH, positions_timeline_svg

    russia, caps = Actor(pk=1, name="Russia"), MeasureType(name="Caps", slug="caps")

    def position(pk, day):
        document = SimpleNamespace(published_on=day)
        passage = SimpleNamespace(document=document, get_absolute_url=lambda: "/p/")
        return SimpleNamespace(
            pk=pk, actor=russia, actor_id=1, passage=passage, stance="proposes", target=caps,
            get_stance_display=lambda: "proposes", quote="words",
        )  # fmt: skip

    first, last = datetime.date(2022, 1, 1), datetime.date(2022, 6, 1)
    svg = positions_timeline_svg(
        [position(0, first)] + [position(n, last) for n in range(1, 7)], label="x"
    )
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(set(xs)) == 7 and all(LEFT + 8 <= x <= WIDTH - 8 for x in xs), xs


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/actors/russia/", "/measures/exercise-caps/"])
def test_a_curators_download_from_a_page_has_the_pages_rows_not_the_pending_ones(
    client, curator, url
):
    """Signed in, a curator's API shows pending positions too: "Download these positions"
    asks for the accepted ones the page lists."""
    import re

    accept_all(curator)
    ingest_bytes(REPORT + b"\n\nAnother.\n", source_name="pending.txt")  # pending suggestions
    client.force_login(curator)
    html = client.get(url).content.decode()
    count = int(re.search(r"Positions <span[^>]*>\((\d+)", html).group(1))
    link = re.search(r'href="(/api/v1/positions/\?[^"]*format=json)"', html).group(1)
    assert client.get(link.replace("&amp;", "&")).json()["count"] == count > 0


@pytest.mark.django_db
def test_a_positions_history_names_the_stances_it_changed_between(admin_client, curator):
    """ "Stance: implements → proposes" in the English admin; in the Russian, the Russian names
    (it showed the stored slugs in both)."""
    ingest_bytes(REPORT, source_name="report.txt")
    position = Position.objects.get(stance="suspends")
    curation.position_edit(position=position, by=curator, stance="rejects")
    html = admin_client.get(f"/ru/admin/cbm/position/{position.pk}/history/").content.decode()
    assert "приостанавливает" in html and "отвергает" in html and "suspends" not in html


@pytest.mark.django_db
def test_the_sitemap_lists_the_negotiation_tracker(client):
    """A public page in the navigation of every page, in both languages, was not in it."""
    xml = client.get("/sitemap.xml").content.decode()
    assert "/tracker/</loc>" in xml and "/ru/tracker/</loc>" in xml


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_a_bulk_action_that_meets_a_busy_row_applies_to_none_and_says_so(
    admin_client, monkeypatch, action
):
    """One selected position locked by another writer: a clear message, not a server error,
    and none of the selection decided (never half of it)."""
    ingest_bytes(REPORT, source_name="report.txt")
    review, calls = curation.link_review, []

    def busy_on_the_second(**kwargs):
        calls.append(kwargs["link"].pk)
        if len(calls) == 2:
            raise curation.LinkBusy()
        return review(**kwargs)

    monkeypatch.setattr(curation, "link_review", busy_on_the_second)
    pks = [str(pk) for pk in Position.objects.values_list("pk", flat=True)]
    response = admin_client.post(
        "/admin/cbm/position/", {"action": action, "_selected_action": pks}, follow=True
    )
    assert response.status_code == 200 and len(calls) == 2
    assert "being changed by someone else" in response.content.decode()
    assert set(Position.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.django_db
def test_the_tracker_breaks_a_same_day_tie_by_the_place_in_the_text_not_the_row_id(client, curator):
    """Two stances of one actor on one measure type on the same day: the cell shows the one
    read last (later passage, later words), whichever was recorded first; the page says so."""
    text = (
        b"date 2023-05-01\n\nRussia proposed caps on military exercises.\n\n"
        b"Later Russia rejected caps on military exercises.\n"
    )
    document = ingest_bytes(text, source_name="tie.txt", suggest=False).document
    first, second = document.passages.order_by("ordinal")
    russia, caps = Actor.objects.get(slug="russia"), MeasureType.objects.get(slug="exercise-caps")
    for passage, stance in ((second, "rejects"), (first, "proposes")):  # the later one first
        curation.position_create(
            passage=passage,
            actor=russia,
            stance=stance,
            measure_type=caps,
            quote="Russia",
            by=curator,
        )
    html = client.get("/tracker/").content.decode()
    assert "stance-rejects" in html and "stance-proposes" not in html
    assert "the one read last" in html


@pytest.mark.django_db
def test_reloading_gold_positions_never_undoes_a_curators_correction_or_delete(curator):
    """A gold position a curator corrected (stance, actor, target) or deleted stays as the
    curator left it when the gold is loaded again: not overwritten, duplicated or
    resurrected (the history says which readings a curator has decided on)."""
    from cbm.gold import load_gold
    from cbm.ingest import ingest_file
    from cbm.positions_eval import load_gold_positions

    from .conftest import ARTICLE_000, ARTICLE_004, ROOT

    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    load_gold_positions(ROOT / "fixtures" / "gold", reviewer=curator)
    corrected, deleted = Position.objects.order_by("pk")[:2]
    other = "rejects" if corrected.stance != "rejects" else "proposes"
    curation.position_edit(position=corrected, by=curator, stance=other)
    curation.link_delete(link=deleted, by=curator)
    before = rows()
    counts = load_gold_positions(ROOT / "fixtures" / "gold", reviewer=curator)
    assert counts["created"] == 0 and counts["decided by a curator"] == 2
    assert rows() == before
