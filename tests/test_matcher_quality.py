"""The fixture lexicon finds what an analyst labelled, and little else: on the seed articles,
on held-out paragraphs, and on the dev split of the real evaluation set (scored in memory).

The floors on dev were set after tuning the lexicon on dev; the test split is never tuned to
(its figures are printed, not asserted, and its misses are never shown)."""

from io import StringIO

import pytest
from django.core.management import call_command

from cbm.quality import evaluate_folder

from .conftest import ROOT

pytestmark = pytest.mark.django_db
EVAL = ROOT / "fixtures" / "eval" / "en"


def report(capsys, title, result):
    with capsys.disabled():
        print(f"\n{title} (passage × target):\n{result.table()}")


@pytest.mark.parametrize("folder", ["gold", "heldout/gold"])
def test_precision_and_recall_on_the_seed_and_heldout_paragraphs_are_at_least_0_9(capsys, folder):
    result = evaluate_folder(ROOT / "fixtures" / folder)
    report(capsys, f"Matcher against fixtures/{folder}", result)
    assert result.overall.precision >= 0.9, result.table()
    assert result.overall.recall >= 0.9, result.table()


def test_the_dev_split_stays_above_the_floors_set_after_tuning(capsys):
    """Precision ≥ 0.9 and recall ≥ 0.86 overall on the dev paragraphs: a lexicon edit that
    loses what the dev batches found fails here. The recall floor was 0.85 until batch u (50
    paragraphs from new writers, added untuned at recall 0.57) brought the set to 0.84, and 0.83
    until batch w (40 paragraphs, added untuned at recall 0.73) brought it to 0.826; the links-en
    round (2026-11-27) took the set, w included, to 0.874."""
    result = evaluate_folder(EVAL, "dev")
    report(capsys, "Matcher against the dev split of fixtures/eval/en", result)
    assert result.paragraphs >= 990
    assert result.overall.precision >= 0.9, result.table()
    assert result.overall.recall >= 0.86, result.table()


def test_the_command_lists_dev_misses_but_never_test_misses():
    dev, test = StringIO(), StringIO()
    call_command("evaluate_matcher", str(EVAL), "--split", "dev", stdout=dev)
    call_command("evaluate_matcher", str(EVAL), "--split", "test", stdout=test)
    assert "missed:" in dev.getvalue() and "OVERALL" in dev.getvalue()
    assert "OVERALL" in test.getvalue()
    assert "missed:" not in test.getvalue() and "false hit:" not in test.getvalue()
