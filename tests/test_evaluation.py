"""Scoring labelled paragraphs: both file formats, the split, the sub-type rule and optional
links; bad files are a clear error."""

import textwrap
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cbm.evaluation import EvaluationError, read_paragraphs
from cbm.quality import evaluate_folder, set_language
from cbm.registry_data import load_registry

from .conftest import ROOT

pytestmark = pytest.mark.django_db


def write(folder, text):
    (folder / "batch.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def eval_folder(tmp_path):
    return write(
        tmp_path,
        """
        - id: t-1
          split: dev
          text: The sides agreed on a challenge inspection of a specified area.
          measure_types: [inspection]
          instruments: []
          optional: []
        - id: t-2
          split: dev
          text: An inspection regime was set up; they also agreed on an annual calendar.
          measure_types: [challenge-inspection]
          instruments: []
          optional: [annual-calendar]
        - id: t-3
          split: test
          text: Customs officers checked the cargo.
          measure_types: [data-exchange]
          instruments: []
          optional: []
        """,
    )


def test_a_sub_type_found_counts_for_the_labelled_type_and_optional_links_count_neither_way(
    eval_folder,
):
    result = evaluate_folder(eval_folder, "dev")
    assert result.paragraphs == 2
    # t-1: challenge-inspection found, inspection labelled → a hit, not a false hit
    assert result.per_target["measure_type", "inspection"].true_positives == 1
    # t-2: inspection (the parent) found for a labelled sub-type → the sub-type is missed, and
    # the parent is implied by the label, so it is no false hit; the calendar is optional
    assert result.per_target["measure_type", "challenge-inspection"].false_negatives == 1
    assert result.overall.false_positives == 0
    assert ("measure_type", "annual-calendar") not in result.per_target


def test_the_split_selects_paragraphs(eval_folder):
    assert [p.id for p in read_paragraphs(eval_folder, "test")] == ["t-3"]
    assert len(read_paragraphs(eval_folder, "all")) == 3


def test_gold_files_are_read_with_their_documents_cut_as_ingest_cuts_them():
    paragraphs = read_paragraphs(ROOT / "fixtures" / "heldout" / "gold")
    assert len(paragraphs) == 25
    assert all(p.split == "dev" and p.text for p in paragraphs)


def test_the_russian_demo_gold_is_read_after_its_date_marker_and_in_russian():
    """fixtures/demo-ru: paragraph 1 is the report's prose, not its "date …" line, and the
    folder's name says the set is Russian, so its hand labels are found."""
    folder = ROOT / "fixtures" / "demo-ru"
    paragraphs = read_paragraphs(folder)
    assert all(p.text.startswith(("ТАСС", "Антонов")) for p in paragraphs)
    assert set_language(folder) == "ru"
    assert set_language(ROOT / "fixtures" / "eval" / "ru") == "ru"
    assert set_language(ROOT / "fixtures" / "heldout" / "gold") == "en"
    load_registry(ROOT / "fixtures" / "registry", lexicons=[ROOT / "fixtures" / "lexicon-ru"])
    assert evaluate_folder(folder).overall.true_positives == 8


def test_a_broken_file_is_a_clear_command_error(tmp_path):
    write(tmp_path, "just a string\n")
    with pytest.raises(CommandError, match="neither a list"):
        call_command("evaluate_matcher", str(tmp_path), stdout=StringIO())
    with pytest.raises(EvaluationError, match=r"no \.yaml"):
        read_paragraphs(tmp_path / "empty")


def test_only_the_test_split_is_published(eval_folder):
    with pytest.raises(CommandError, match="--split test"):
        call_command("evaluate_matcher", str(eval_folder), "--publish", stdout=StringIO())


def test_the_positions_evaluation_leaves_out_paragraphs_whose_positions_were_not_labelled(
    tmp_path,
):
    """A batch collected for the matcher alone has no `positions` key: its paragraphs are not
    counted as paragraphs with no positions (every suggestion there would be a false hit)."""
    from cbm.positions_eval import read_eval_set

    (tmp_path / "x.yaml").write_text(
        "- {id: x-1, split: dev, text: 'Russia proposed a hotline.', measure_types: [], "
        "positions: [{actor: russia, stance: proposes, target: communications-network}]}\n"
        "- {id: x-2, split: dev, text: 'Russia proposed a hotline.', measure_types: []}\n",
        encoding="utf-8",
    )
    documents = read_eval_set(tmp_path, "dev")
    assert [d[0].label for d in documents] == ["x-1"]
