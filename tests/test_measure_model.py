"""The measure model (cbm.measure_model): it proposes a type learned from its words for a new
paragraph, nothing below its threshold and nothing the matcher already gave; evaluate_matcher
--measure-model trains it away from the evaluated paragraphs and says what it added."""

import textwrap
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cbm import measure_model, quality
from cbm import training as model_training
from cbm.measure_model import NOTHING, THRESHOLDS, Example

VISIT = "The visiting team walked through the barracks and counted the tanks at the base."
DIARY = "Each year the ministries publish a diary of the manoeuvres planned for next year."
OTHER = "The delegations discussed the weather, the budget and the new chairmanship."


def synthetic(batches: int = 4) -> list[Example]:
    """Per batch: two paragraphs of each type, worded alike, and one of neither."""
    examples = []
    for b in range(batches):
        for n in range(2):
            rows = [
                (VISIT, {"inspection": True, "annual-calendar": False}),
                (DIARY, {"inspection": False, "annual-calendar": True}),
                (OTHER, {"inspection": False, "annual-calendar": False}),
            ]
            for k, (text, labels) in enumerate(rows):
                examples.append(Example(f"{b}-{n}-{k}", f"{text} ({b}{n})", f"b{b}", labels))
    return examples


def test_a_type_learned_from_its_words_is_proposed_for_a_new_paragraph():
    model = measure_model.fit(synthetic())
    proposed = dict(
        model.propose("Yesterday a visiting team counted tanks at the barracks.", set())
    )
    assert list(proposed) == ["inspection"]
    assert 0.5 <= proposed["inspection"] < 1
    assert model.propose("They discussed the budget and the weather.", set()) == []


def test_a_type_with_few_examples_is_still_learned():
    """Two paragraphs of a type among fifty of nothing: the type's positives are weighted up to
    its negatives, so a new paragraph worded like them is proposed at the default threshold."""
    chatter = [
        OTHER,
        "Ministers met to talk about trade, tariffs and the harvest.",
        "The parliament debated the pension reform late into the night.",
        "Rain is expected across the north and the coast tomorrow.",
    ]
    examples = [Example(f"v{b}", f"{VISIT} ({b})", f"b{b}", {"inspection": True}) for b in (0, 1)]
    for b in range(4):
        for k, text in enumerate(chatter * 3):
            examples.append(
                Example(f"o{b}-{k}", f"{text} ({b}{k})", f"b{b}", {"inspection": False})
            )
    model = measure_model.fit(examples)
    proposed = dict(
        model.propose("Yesterday a visiting team counted tanks at the barracks.", set())
    )
    assert proposed.get("inspection", 0) >= 0.5
    assert model.propose("Ministers debated the harvest and the weather.", set()) == []


def test_nothing_is_proposed_below_the_threshold():
    model = measure_model.fit(synthetic())
    text = "Yesterday a visiting team counted tanks at the barracks."
    model.threshold = NOTHING
    assert model.propose(text, set()) == []


def test_a_type_the_matcher_gave_or_covered_by_a_sub_type_is_not_added_again():
    model = measure_model.fit(synthetic())
    text = "Yesterday a visiting team counted tanks at the barracks."
    assert model.propose(text, covered={"inspection"}) == []
    family = {"inspection": None, "challenge-inspection": "inspection"}
    found = {("measure_type", "challenge-inspection"): "challenge inspection"}
    assert model_training.covered(found, family) == {"challenge-inspection", "inspection"}


def test_the_threshold_is_the_lowest_keeping_precision_on_inner_folds():
    examples = synthetic()
    seen = []

    def precision(subset, probabilities, t):
        seen.append(t)
        assert len(subset) == len(probabilities) == len(examples)
        return 0.95 if t >= 0.4 else 0.8

    assert measure_model.choose_threshold(examples, precision) == 0.4
    assert seen == [0.2, 0.3, 0.4]
    assert measure_model.choose_threshold(examples, lambda *_: 0.5) == NOTHING
    assert max(THRESHOLDS) < NOTHING


# -- evaluate_matcher --measure-model ------------------------------------------------------------


def batch(name: str, split: str, rows) -> str:
    entries = [
        f"- {{id: {name}-{n}, split: {split}, text: '{text}', measure_types: {types}}}"
        for n, (text, types) in enumerate(rows)
    ]
    return "\n".join(entries) + "\n"


@pytest.fixture
def sets(tmp_path, monkeypatch):
    """A training set fixtures/eval/en of four dev batches, and a folder to evaluate."""
    training = tmp_path / "eval" / "en"
    training.mkdir(parents=True)
    for b in "abcd":
        rows = [(VISIT, "[inspection]"), (DIARY, "[]"), (OTHER, "[]")] * 2
        (training / f"{b}.yaml").write_text(batch(b, "dev", rows), encoding="utf-8")
    (training / "t.yaml").write_text(batch("t", "test", [(VISIT, "[]")]), encoding="utf-8")
    for module in (quality, model_training):  # evaluate_folder and train_measure_model read it
        monkeypatch.setattr(module, "EVAL_ROOT", tmp_path / "eval")
    evaluated = tmp_path / "mine"
    evaluated.mkdir()
    text = textwrap.dedent(
        """\
        - {id: m-1, split: test, text: 'A visiting team counted tanks at the barracks.',
           measure_types: [inspection]}
        """
    )
    (evaluated / "m.yaml").write_text(text, encoding="utf-8")
    return training, evaluated


@pytest.mark.django_db
def test_evaluate_matcher_with_the_measure_model_reports_its_links(sets):
    """The model, trained on the training set's dev paragraphs, finds the inspection the
    lexicon misses, and the table says how many links it added."""
    _, evaluated = sets
    plain, with_model = StringIO(), StringIO()
    call_command("evaluate_matcher", str(evaluated), "--split", "test", stdout=plain)
    call_command(
        "evaluate_matcher", str(evaluated), "--split", "test", "--measure-model", stdout=with_model
    )
    assert "measure model" not in plain.getvalue()
    overall = next(line for line in plain.getvalue().splitlines() if "OVERALL" in line)
    assert overall.split()[5] == "0"  # the lexicon alone: no true positive
    report = with_model.getvalue()
    assert "1 of the links found came from the measure model" in report
    overall = next(line for line in report.splitlines() if "OVERALL" in line)
    assert overall.split()[4:7] == ["1", "1", "0"]  # found, tp, fp


@pytest.mark.django_db
def test_on_its_own_training_folder_the_model_leaves_each_batch_out(sets):
    """--split dev of the training folder: one model per batch, trained on the others; --split
    all is refused (it would score the model on what it learned from)."""
    training, _ = sets
    out = StringIO()
    call_command("evaluate_matcher", str(training), "--split", "dev", "--measure-model", stdout=out)
    assert "came from the measure model" in out.getvalue()
    result = quality.evaluate_folder(training, "dev", measure_model=True)
    assert len(result.model_thresholds) == 4
    with pytest.raises(CommandError, match="not all"):
        call_command("evaluate_matcher", str(training), "--measure-model", stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["b.yaml", "fresh.yaml"])
def test_a_batch_measured_alone_is_left_out_of_the_training_as_in_its_folder(
    sets, tmp_path, monkeypatch, name
):
    """A fresh batch committed to fixtures/eval and measured alone from a copy (as every new
    batch is) was scored by a model trained on it: the folder's path decided, not the
    paragraphs. Now the copy is left out, under its own name or another."""
    training, _ = sets
    alone = tmp_path / "alone" / "en"
    alone.mkdir(parents=True)
    (alone / name).write_text((training / "b.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    trained_on = []
    fit = measure_model.train
    monkeypatch.setattr(
        measure_model,
        "train",
        lambda examples, *a: trained_on.append(examples) or fit(examples, *a),
    )
    result = quality.evaluate_folder(alone, "dev", measure_model=True)
    assert len(result.model_thresholds) == 1
    ids = {e.id.split("/", 1)[1] for e in trained_on[-1]}
    assert ids and not ids & {f"b-{n}" for n in range(6)}
    with pytest.raises(ValueError, match="not all"):
        quality.evaluate_folder(alone, "all", measure_model=True)


# -- the product: train_measure_model, then suggest ----------------------------------------------

PASSAGE = "The weather was fine that day. A visiting team counted tanks at the barracks."


def test_stored_weights_score_as_the_fitted_model_and_sentences_are_cut():
    """The weights stored as JSON give the fitted model's probabilities, in plain Python."""
    model = measure_model.fit(synthetic())
    weights = measure_model.to_weights(model)
    for text in (VISIT, DIARY, OTHER, PASSAGE):
        fitted = model.probabilities([text])[0]
        stored = measure_model.stored_probabilities(weights, text)
        assert stored.keys() == fitted.keys()
        assert all(abs(stored[s] - fitted[s]) < 0.01 for s in fitted)
    assert measure_model.sentences(PASSAGE) == [(0, 30), (31, len(PASSAGE))]
    assert measure_model.best_sentence(weights, "inspection", PASSAGE) == (31, len(PASSAGE))


@pytest.fixture
def passage(db):
    from cbm.models import Document

    document = Document.objects.create(title="t", body=PASSAGE, sha256="c" * 64)
    return document.passages.create(ordinal=1, start=0, end=len(PASSAGE), text=PASSAGE)


@pytest.mark.django_db
def test_without_a_trained_model_suggest_adds_nothing_of_its_own(passage):
    from cbm.models import Mention
    from cbm.suggest import suggest

    suggest()
    assert not Mention.objects.filter(passage=passage, term__isnull=True).exists()


@pytest.mark.django_db
def test_a_trained_model_suggests_a_pending_type_on_its_best_sentence_once(sets, passage):
    """train_measure_model stores the model; suggest then proposes the type the passage has no
    link of, pending, on its best sentence, marked as the model's with its likelihood; a re-run
    keeps it; once a curator rejects it, it is neither touched nor made again."""
    from cbm.models import MeasureTypeModel, Mention
    from cbm.suggest import suggest

    out = StringIO()
    call_command("train_measure_model", stdout=out)
    assert "Trained measure-type model (en)" in out.getvalue()
    stored = MeasureTypeModel.objects.current("en")
    assert "inspection" in stored.weights["types"] and stored.threshold <= 1

    first = suggest()
    link = Mention.objects.get(passage=passage, term__isnull=True)
    assert first.created == 1
    assert link.measure_type.slug == "inspection"
    assert (link.status, link.origin) == ("pending", "suggested")
    assert link.quote == "A visiting team counted tanks at the barracks."
    assert 0 < link.confidence < 1 and "measure-type model" in link.note
    again = suggest()
    assert (again.created, again.kept, again.withdrawn) == (0, 1, 0)
    assert Mention.objects.filter(passage=passage).count() == 1

    Mention.objects.filter(pk=link.pk).update(status="rejected")
    third = suggest()
    assert (third.created, third.withdrawn) == (0, 0)
    assert list(Mention.objects.filter(passage=passage).values_list("status", flat=True)) == [
        "rejected"
    ]
    stored.is_active = False
    stored.save()
    Mention.objects.filter(pk=link.pk).update(status="pending")
    assert suggest().withdrawn == 1  # no active model: its pending suggestion goes


@pytest.mark.django_db
def test_an_accepted_model_suggestion_says_the_model_found_it(sets, passage, curator):
    """The public provenance of a link the model suggested names the model, in the API and on
    the passage's page; a link whose term was deleted still says so."""
    from rest_framework.test import APIClient

    from cbm.curation import link_accept
    from cbm.models import MeasureType, Mention
    from cbm.provenance import describe
    from cbm.suggest import suggest

    call_command("train_measure_model", stdout=StringIO())
    suggest()
    link = Mention.objects.get(passage=passage, term__isnull=True)
    assert link.by_model
    link_accept(link=link, by=curator)
    link = Mention.objects.select_related("term").get(pk=link.pk)
    assert describe(link).startswith("Suggested by the measure-type model; accepted on")
    rows = APIClient().get("/api/v1/mentions/").json()["results"]
    assert [row["provenance"]["found_by"] for row in rows] == ["the measure-type model"]
    page = APIClient().get(f"/documents/{passage.document_id}/passages/{passage.ordinal}/")
    assert "Suggested by the measure-type model" in page.content.decode()

    deleted = Mention.objects.create(
        passage=passage,
        measure_type=MeasureType.objects.exclude(pk=link.measure_type_id).first(),
        start=0,
        end=1,
        quote=passage.text[:1],
        status="accepted",
    )
    assert describe(deleted).startswith("Found by the matcher (by a term since deleted)")


@pytest.mark.django_db
def test_published_figures_say_they_include_the_model(sets, tmp_path, monkeypatch):
    """--publish --measure-model stores the figures of the terms and the model, and the data set
    the pages show says so (a reader must know what the figure measures)."""
    from cbm.management.commands import evaluate_matcher
    from cbm.models import QualityFigure

    _, evaluated = sets
    monkeypatch.setattr(evaluate_matcher, "REGISTRY", tmp_path)
    call_command(
        "evaluate_matcher",
        str(evaluated),
        "--split",
        "test",
        "--measure-model",
        "--publish",
        stdout=StringIO(),
    )
    overall = QualityFigure.objects.get(language="en", kind=QualityFigure.Kind.OVERALL)
    assert overall.dataset.endswith("(test split, terms and the measure-type model)")
    assert overall.recall == 1.0
    assert "terms and the measure-type model" in (tmp_path / "quality-en.yaml").read_text()


@pytest.mark.django_db
def test_positions_can_be_measured_on_the_measure_models_targets_as_the_product_suggests(sets):
    """evaluate_positions --measure-model: a position on a measure only the model finds (as
    suggest adds it, on its best sentence) is found; without the model it is missed."""
    _, evaluated = sets
    (evaluated / "m.yaml").write_text(
        textwrap.dedent(
            """\
            - {id: m-1, split: test, text: 'Russia conducted it: a visiting team counted tanks
                at the barracks.', measure_types: [inspection],
               positions: [{actor: russia, stance: implements, target: inspection}]}
            """
        ),
        encoding="utf-8",
    )

    def overall(*options):
        out = StringIO()
        call_command("evaluate_positions", str(evaluated), "--split", "test", *options, stdout=out)
        return next(line for line in out.getvalue().splitlines() if "OVERALL" in line).split()

    assert overall()[1:4] == ["0", "0", "1"]  # tp, fp, fn
    assert overall("--measure-model")[1:4] == ["1", "0", "0"]
    with pytest.raises(CommandError, match="no --oracle"):
        call_command("evaluate_positions", str(evaluated), "--measure-model", "--oracle")
