"""The fixture lexicon finds what an analyst labelled in the seed articles, and little else."""

import pytest

from cbm.gold import evaluate
from cbm.ingest import ingest_file
from cbm.suggest import build_matcher

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db


def test_precision_and_recall_on_the_seed_articles_are_at_least_0_9(capsys):
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, suggest=False)
    result = evaluate(build_matcher(), ROOT / "fixtures" / "gold")
    with capsys.disabled():
        print("\nMatcher against fixtures/gold (passage × target):\n" + result.table())
    assert result.overall.precision >= 0.9, result.table()
    assert result.overall.recall >= 0.9, result.table()
