"""The learned models behind the suggestions: the ranker (a confidence for each suggestion,
from curators' decisions and the dev paragraphs) and the measure-type model (a type for a
sentence no term covers). Trained by train_ranker and train_measure_model, applied by suggest,
and measured by evaluate_matcher (cbm.quality)."""

from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from . import measure_model
from . import ranker as ranking
from .evaluation import (
    INSTRUMENT,
    MEASURE_TYPE,
    Evaluation,
    _score_paragraph,
    ancestors,
    found_links,
    read_paragraphs,
)
from .matching import Match
from .models import (
    Citation,
    Instrument,
    MeasureType,
    MeasureTypeModel,
    Mention,
    Ranker,
    Term,
)
from .suggest import build_matcher


@dataclass
class Scorer:
    """A stored ranker, ready to give matches of the active terms their confidence."""

    ranker: Ranker
    terms: dict[int, str]  # term pk → label
    targets: dict[tuple[str, int], str]  # (kind, pk) → slug

    @property
    def threshold(self) -> float:
        return self.ranker.threshold

    def confidence(self, text: str, match: Match) -> float:
        found = ranking.features(
            text,
            match.start,
            match.end,
            self.terms.get(match.term, ""),
            self.targets.get(match.target, ""),
        )
        return round(ranking.confidence(self.ranker.weights, found), 4)

    def keep(self, text: str, match: Match) -> bool:
        return self.confidence(text, match) >= self.threshold


def target_slugs() -> dict[tuple[str, int], str]:
    return {
        **{(MEASURE_TYPE, pk): s for pk, s in MeasureType.objects.values_list("pk", "slug")},
        **{(INSTRUMENT, pk): s for pk, s in Instrument.objects.values_list("pk", "slug")},
    }


def term_labels() -> dict[int, str]:
    rows = Term.objects.values_list("pk", "kind", "text", "near")
    return {pk: ranking.term_label(kind, text, near) for pk, kind, text, near in rows}


def scorer() -> Scorer | None:
    """The current ranker, or None when there is none (suggestions then have no confidence)."""
    current = Ranker.objects.current()
    if current is None:
        return None
    return Scorer(current, term_labels(), target_slugs())


def parents() -> dict[str, str | None]:
    return dict(MeasureType.objects.values_list("slug", "parent__slug"))


# -- the measure model in evaluation (cbm.measure_model) -----------------------------------------

EVAL_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


def model_additions(paragraphs, split: str, *, training: Path, matcher, language):
    """add(paragraph, found) for evaluate(), and the thresholds chosen. The model never sees
    the evaluated paragraphs: it trains on training's dev paragraphs, and when some of those
    are evaluated (split dev of the training folder, or a folder holding a copy of one of its
    batches), each batch is predicted by a model trained on the other batches (leave one
    batch out, as the experiment)."""
    family = parents()
    examples, precision = model_training_set(training, matcher, language)
    # By the paragraphs, not the folder's path: a fresh batch measured alone in a folder of
    # its own, once committed to the training folder, was scored by a model trained on it.
    trained_on = {e.id.split("/", 1)[1] for e in examples}
    same = any(p.id in trained_on for p in paragraphs)
    if same and split != "dev":
        raise ValueError(
            "--measure-model trains on the dev paragraphs of "
            f"{training}, some of which are evaluated here: evaluate --split dev "
            "(leave one batch out) or --split test, not all"
        )

    probabilities, thresholds = {}, []  # id(paragraph) -> {slug: p}; per fitted model
    if same and split == "dev":
        folds = [
            (b, [p for p in paragraphs if p.batch == b])
            for b in sorted({p.batch for p in paragraphs})
        ]
    else:
        folds = [(None, paragraphs)]
    for batch, scored in folds:
        held = {p.id for p in scored}  # a batch copied under another file name is left out too
        kept = [e for e in examples if e.batch != batch and e.id.split("/", 1)[1] not in held]
        model = measure_model.train(kept, precision, language)
        thresholds.append(model.threshold)
        for p, given in zip(scored, model.probabilities([p.text for p in scored]), strict=True):
            probabilities[id(p)] = (given, model.threshold)

    def add(paragraph, found_here):
        given, t = probabilities[id(paragraph)]
        return {
            (MEASURE_TYPE, slug): f"(model {p:.2f})"
            for slug, p in measure_model.additions(given, t, covered(found_here, family))
        }

    return add, thresholds


def model_training_set(training: Path, matcher, language: str):
    """The dev paragraphs of training as the model's examples, and precision(examples,
    probabilities, t): the matcher's links plus the model's on them, as evaluate() counts."""
    family, slugs = parents(), target_slugs()
    train_on = read_paragraphs(training, "dev")
    if not train_on:
        raise ValueError(f"{training}: no dev paragraphs to train the measure model on")
    examples = [measure_example(p, family) for p in train_on]
    label = lambda match: (match.target[0], slugs[match.target])  # noqa: E731
    found = {
        e.id: found_links(matcher, p.text, label) for e, p in zip(examples, train_on, strict=True)
    }
    by_id = {e.id: p for e, p in zip(examples, train_on, strict=True)}

    def precision(subset, probabilities, t):
        result = Evaluation()
        for example, given in zip(subset, probabilities, strict=True):
            union = dict(found[example.id])
            for slug, p in measure_model.additions(given, t, covered(union, family)):
                union[MEASURE_TYPE, slug] = f"(model {p:.2f})"
            _score_paragraph(result, by_id[example.id], union, family)
        return result.overall.precision

    return examples, precision


def train_measure_model(language: str = "en", training: Path | None = None) -> MeasureTypeModel:
    """Train the measure-type model on the dev paragraphs of fixtures/eval/<language> (never
    the test split), at the nested threshold, and make it the current one of that language."""
    training = Path(training or EVAL_ROOT / language)
    examples, precision = model_training_set(training, build_matcher(language=language), language)
    model = measure_model.train(examples, precision, language)
    return MeasureTypeModel.objects.create(
        language=language,
        trained_at=timezone.now(),
        weights=measure_model.to_weights(model),
        examples=len(examples),
        threshold=model.threshold,
        note=f"{len(model.regressions)} types learned from the dev paragraphs of {training.name}.",
    )


def measure_example(paragraph, family) -> measure_model.Example:
    """A labelled paragraph as the model's example: a sub-type's paragraph is its parent's too;
    a type marked optional is left out of that type's training."""
    positive = covered(paragraph.gold, family)
    labels = {
        slug: slug in positive
        for slug in family
        if slug in positive or (MEASURE_TYPE, slug) not in paragraph.optional
    }
    return measure_model.Example(
        f"{paragraph.batch}/{paragraph.id}", paragraph.text, paragraph.batch, labels
    )


def covered(found, family) -> set[str]:
    """The measure types found, and their parents (a sub-type covers its parent)."""
    return measure_model.with_parents({s for kind, s in found if kind == MEASURE_TYPE}, family)


# -- training ------------------------------------------------------------------------------------


def training_examples(folders: list[Path]) -> list[tuple[set[str], bool]]:
    """Curators' decisions on suggestions, and every match on the dev paragraphs of folders,
    right or wrong by their labels (test paragraphs are never read)."""
    terms, slugs, family = term_labels(), target_slugs(), parents()
    examples = []
    for model, kind in ((Mention, MEASURE_TYPE), (Citation, INSTRUMENT)):
        decided = model.objects.suggested().filter(
            status__in=[model.Status.ACCEPTED, model.Status.REJECTED], term__isnull=False
        )
        rows = decided.values_list(
            "passage__text", "start", "end", "term_id", f"{kind}_id", "status"
        )
        for text, start, end, term, target, status in rows.iterator():
            found = ranking.features(text, start, end, terms[term], slugs[kind, target])
            examples.append((found, status == model.Status.ACCEPTED))
    matcher = build_matcher()
    for folder in folders:
        for paragraph in read_paragraphs(folder, "dev"):
            for match in matcher.find(paragraph.text):
                kind, slug = match.target[0], slugs[match.target]
                lineage = {slug, *ancestors(slug, family)}
                if (kind, slug) in paragraph.optional:
                    continue
                right = any(g[0] == kind and g[1] in lineage for g in paragraph.gold)
                found = ranking.features(
                    paragraph.text, match.start, match.end, terms[match.term], slug
                )
                examples.append((found, right))
    return examples


def train_ranker(folders: list[Path], *, threshold: float | None = None) -> Ranker:
    """Train on the decisions and the dev paragraphs and make the result the current ranker;
    the curator's threshold carries over unless one is given."""
    examples = training_examples(folders)
    weights = ranking.train(examples)
    previous = Ranker.objects.current()
    if threshold is None:
        threshold = previous.threshold if previous else 0.0
    right = sum(1 for _, r in examples if r)
    return Ranker.objects.create(
        trained_at=timezone.now(),
        weights=weights,
        examples=len(examples),
        threshold=threshold,
        note=f"{right} right and {len(examples) - right} wrong suggestions.",
    )
