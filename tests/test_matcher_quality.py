"""The fixture lexicon finds what an analyst labelled, and little else: on the seed articles,
and on held-out paragraphs the lexicon was not written from."""

import pytest

from cbm.gold import evaluate
from cbm.ingest import ingest_file
from cbm.suggest import build_matcher

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db


def report(capsys, title, result):
    with capsys.disabled():
        print(f"\n{title} (passage × target):\n{result.table()}")


def test_precision_and_recall_on_the_seed_articles_are_at_least_0_9(capsys):
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, suggest=False)
    result = evaluate(build_matcher(), ROOT / "fixtures" / "gold")
    report(capsys, "Matcher against fixtures/gold", result)
    assert result.overall.precision >= 0.9, result.table()
    assert result.overall.recall >= 0.9, result.table()


def test_precision_and_recall_on_held_out_paragraphs_are_at_least_0_9(capsys):
    ingest_file(ROOT / "fixtures" / "heldout" / "paragraphs.txt", suggest=False)
    result = evaluate(build_matcher(), ROOT / "fixtures" / "heldout" / "gold")
    report(capsys, "Matcher against fixtures/heldout", result)
    assert result.overall.precision >= 0.9, result.table()
    assert result.overall.recall >= 0.9, result.table()
