"""The suggested positions' quality, published beside the links': measured on the frozen test
split by `evaluate_positions --split test --publish`, stored per language and stance, loaded by
load_registry, shown on /about/quality/, the tracker and every positions section."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from cbm.management.commands import evaluate_positions
from cbm.models import QualityFigure
from cbm.quality import evaluate_folder, load_quality, load_quality_files, publish

from .conftest import ROOT

pytestmark = pytest.mark.django_db
EVAL_EN = ROOT / "fixtures" / "eval" / "en"


@pytest.fixture
def test_set(tmp_path):
    """Two dev paragraphs with labelled positions, copied and marked test."""
    entries = [e for e in yaml.safe_load((EVAL_EN / "a.yaml").read_text()) if e.get("positions")][
        :2
    ]
    folder = tmp_path / "sets" / "en"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text(
        yaml.safe_dump([{**e, "split": "test"} for e in entries], allow_unicode=True),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def registry(tmp_path, monkeypatch):
    folder = tmp_path / "registry"
    folder.mkdir()
    monkeypatch.setattr(evaluate_positions, "REGISTRY", folder)
    return folder


def published(test_set):
    out = StringIO()
    call_command("evaluate_positions", str(test_set), "--split", "test", "--publish", stdout=out)
    return out.getvalue()


def test_publishing_positions_writes_its_own_file_and_keeps_the_link_figures(test_set, registry):
    publish(evaluate_folder(ROOT / "fixtures" / "heldout" / "gold"), dataset="heldout")
    links = list(QualityFigure.objects.of("links").values_list("kind", "slug", "precision"))
    out = published(test_set)
    assert "Published" in out and "for language en" in out
    assert [p.name for p in registry.iterdir()] == ["quality-positions-en.yaml"]
    assert list(QualityFigure.objects.of("links").values_list("kind", "slug", "precision")) == links
    overall = QualityFigure.objects.get(kind="positions", language="en")
    assert overall.paragraphs == 2 and overall.gold_links > 0
    assert overall.dataset.endswith("(test split)")
    stances = set(
        QualityFigure.objects.filter(kind="stance", language="en").values_list("slug", flat=True)
    )
    assert stances and stances <= {
        "proposes",
        "demands",
        "accepts",
        "rejects",
        "accuses",
        "implements",
        "suspends",
    }
    # what the command printed is what was stored
    line = next(row for row in out.splitlines() if row.startswith("OVERALL"))
    tp, fp, fn = map(int, line.split()[1:4])
    assert (overall.gold_links, overall.found) == (tp + fn, tp + fp)
    # republishing the links leaves the positions' figures alone
    publish(evaluate_folder(ROOT / "fixtures" / "heldout" / "gold"), dataset="heldout")
    assert QualityFigure.objects.of("positions").filter(language="en").count() == 1 + len(stances)
    saved = yaml.safe_load((registry / "quality-positions-en.yaml").read_text(encoding="utf-8"))
    assert saved["subject"] == "positions" and len(saved["figures"]) == 1 + len(stances)


@pytest.mark.parametrize(
    "args", [["--split", "dev"], ["--split", "test", "--oracle"], []], ids=["dev", "oracle", "seed"]
)
def test_only_the_frozen_test_split_with_the_products_targets_is_published(
    test_set, registry, args
):
    folder = [] if not args else [str(test_set)]
    before = list(QualityFigure.objects.of("positions").values())
    with pytest.raises(CommandError, match="only the frozen test split"):
        call_command("evaluate_positions", *folder, *args, "--publish", stdout=StringIO())
    assert list(QualityFigure.objects.of("positions").values()) == before
    assert not list(registry.iterdir())


def test_a_file_that_mixes_subjects_is_refused_and_changes_nothing(tmp_path):
    before = list(QualityFigure.objects.values_list("language", "kind", "slug"))
    path = tmp_path / "quality-positions-en.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "language": "en",
                "subject": "positions",
                "measured_on": "2026-11-28",
                "dataset": "x",
                "figures": [
                    {
                        "kind": "measure_type",
                        "slug": "advance-notice",
                        "precision": 1.0,
                        "recall": 1.0,
                        "gold_links": 1,
                        "found": 1,
                        "paragraphs": 1,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="another subject"):
        load_quality(path)
    assert list(QualityFigure.objects.values_list("language", "kind", "slug")) == before


def test_load_registry_loads_the_committed_position_figures():
    QualityFigure.objects.all().delete()
    load_quality_files(ROOT / "fixtures" / "registry")
    overall = {f.language: f for f in QualityFigure.objects.filter(kind="positions")}
    assert set(overall) == {"en", "ru"}
    assert overall["en"].dataset == "fixtures/eval/en (test split)"
    assert overall["en"].paragraphs > 100 and overall["en"].gold_links > 100


@pytest.fixture
def figures():
    load_quality_files(ROOT / "fixtures" / "registry")
    return {f.language: f for f in QualityFigure.objects.filter(kind="positions")}


def test_about_quality_shows_the_positions_per_language_and_stance(client, figures):
    page = client.get("/about/quality/").content.decode()
    assert "How reliable are the suggested positions?" in page
    assert 'id="positions-en"' in page and 'id="positions-ru"' in page
    assert "rejects or denies" in page
    english = figures["en"]
    assert f"precision {english.precision:.2f}" in page
    assert f"recall {english.recall:.2f} on {english.gold_links} labelled positions" in page
    ru = client.get("/ru/about/quality/").content.decode()
    assert "Насколько надёжны предложенные позиции?" in ru
    assert "отвергает или отрицает" in ru


def test_the_tracker_and_a_positions_section_say_how_good_the_suggestions_are(client, figures):
    english = figures["en"]
    expected = f"precision {english.precision:.2f}"
    tracker = client.get("/tracker/").content.decode()
    assert expected in tracker and "/about/quality/#positions" in tracker
    section = client.get("/measures/advance-notice/").content.decode()
    assert expected in section and "/about/quality/#positions" in section


def test_with_nothing_published_the_pages_say_so(client):
    QualityFigure.objects.all().delete()
    assert (
        "No figures for positions have been published yet."
        in client.get("/about/quality/").content.decode()
    )
    assert "not measured yet" in client.get("/tracker/").content.decode()


def test_the_api_lists_every_published_figure_with_its_subject(client, figures):
    rows = client.get("/api/v1/quality/?language=en&kind=positions").json()["results"]
    assert len(rows) == 1
    row = rows[0]
    english = figures["en"]
    assert row["subject"] == "positions" and row["slug"] == ""
    assert (row["precision"], row["recall"]) == (english.precision, english.recall)
    assert (row["labelled"], row["suggested"]) == (english.gold_links, english.found)
    assert row["dataset"] == "fixtures/eval/en (test split)"
    stances = client.get("/api/v1/quality/?language=ru&kind=stance").json()["results"]
    assert stances and {r["subject"] for r in stances} == {"positions"}
    links = client.get("/api/v1/quality/?kind=measure_type&slug=advance-notice").json()
    assert {r["language"] for r in links["results"]} == {"en", "ru"}
    assert {r["subject"] for r in links["results"]} == {"links"}
    bad = client.get("/api/v1/quality/?kind=nonsense")
    assert bad.status_code == 400 and "kind" in bad.json()
    assert client.post("/api/v1/quality/", {}).status_code in (401, 403, 405)
