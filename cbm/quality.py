"""The suggestions' quality: evaluate the active terms (with the learned models of
cbm.training, if asked) on labelled paragraphs and publish the figures. Shared by the command
evaluate_matcher and the pages."""

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .evaluation import Evaluation, evaluate, read_paragraphs
from .language import LANGUAGES
from .matching import Matcher
from .models import QualityFigure
from .suggest import build_matcher
from .training import EVAL_ROOT, model_additions, parents, scorer, target_slugs


def evaluate_folder(
    folder,
    split: str = "all",
    *,
    use_ranker: bool = False,
    matcher: Matcher | None = None,
    language: str | None = None,
    measure_model: bool = False,
    training: Path | None = None,
) -> Evaluation:
    """Score the active terms of the set's language (and, if asked, the ranker's threshold) on
    a folder's paragraphs; with measure_model, plus the measure types a model trained on the
    dev paragraphs of training (default fixtures/eval/<language>) adds."""
    paragraphs = read_paragraphs(folder, split)
    language = language or set_language(folder)
    matcher = matcher or build_matcher(language=language)
    slugs = target_slugs()
    add, thresholds = None, []
    if measure_model:
        training = Path(training or EVAL_ROOT / language)
        add, thresholds = model_additions(
            paragraphs,
            split,
            training=training,
            matcher=matcher,
            language=language,
        )
    keep = None
    if use_ranker:
        current = scorer()
        if current is None:
            raise ValueError("no active ranker: run manage.py train_ranker first")
        keep = current.keep
    result = evaluate(
        paragraphs,
        matcher,
        lambda match: (match.target[0], slugs[match.target]),
        parents(),
        keep,
        add,
    )
    result.model_thresholds = thresholds
    return result


def set_language(folder) -> str:
    """An evaluation set's language: its folder's name (fixtures/eval/ru) or the name's last
    part (fixtures/demo-ru), else English."""
    name = Path(folder).resolve().name.rsplit("-", 1)[-1]
    return name if name in LANGUAGES else "en"


# -- publishing ----------------------------------------------------------------------------------


def dataset_label(folder, measure_model: bool = False) -> str:
    """What published figures were measured on: the set's folder (relative to the project) and
    whether the measure-type model's suggestions were among the suggestions."""
    folder = Path(folder).resolve()
    try:
        name = str(folder.relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:  # a set outside the project
        name = str(folder)
    # the terms alone, or the terms and the model the pages' suggestions come from once a
    # curator has trained it (train_measure_model)
    how = ", terms and the measure-type model" if measure_model else ""
    return f"{name} (test split{how})"


@transaction.atomic
def publish(
    result: Evaluation,
    *,
    dataset: str,
    language: str = "en",
    on: datetime.date | None = None,
) -> int:
    """Replace the published link figures of one language with this evaluation's (of that
    language's test split); the other languages' figures, and the positions', stay."""
    rows = [(QualityFigure.Kind.OVERALL, "", result.overall)]
    rows += [(kind, slug, score) for (kind, slug), score in sorted(result.per_target.items())]
    return _replace(
        "links", rows, paragraphs=result.paragraphs, dataset=dataset, language=language, on=on
    )


@transaction.atomic
def publish_positions(
    result,
    *,
    paragraphs: int,
    dataset: str,
    language: str = "en",
    on: datetime.date | None = None,
) -> int:
    """Replace the published position figures of one language with this evaluation's
    (cbm.positions_eval.PositionEvaluation of the test split): overall and per stance."""
    rows = [(QualityFigure.Kind.POSITIONS, "", result.overall)]
    rows += [
        (QualityFigure.Kind.STANCE, s, score) for s, score in sorted(result.per_stance.items())
    ]
    return _replace(
        "positions", rows, paragraphs=paragraphs, dataset=dataset, language=language, on=on
    )


def _replace(subject, rows, *, paragraphs, dataset, language, on) -> int:
    on = on or timezone.localdate()
    QualityFigure.objects.in_language(language).of(subject).delete()
    common = {"paragraphs": paragraphs, "measured_on": on, "dataset": dataset}
    QualityFigure.objects.bulk_create(
        QualityFigure(language=language, kind=kind, slug=slug, **_figures(score), **common)
        for kind, slug, score in rows
    )
    return len(rows)


def _figures(score) -> dict:
    def rounded(value):
        return None if value is None else round(value, 3)

    return {
        "precision": rounded(score.precision),
        "recall": rounded(score.recall),
        "gold_links": score.gold,
        "found": score.found,
    }


QUALITY_FIELDS = ["kind", "slug", "precision", "recall", "gold_links", "found", "paragraphs"]


def quality_file(folder: Path, language: str, subject: str = "links") -> Path:
    """Where one language's published figures are kept: fixtures/registry/quality-ru.yaml for
    the links, quality-positions-ru.yaml for the positions."""
    name = language if subject == "links" else f"{subject}-{language}"
    return Path(folder) / f"quality-{name}.yaml"


COMMANDS = {
    "links": "evaluate_matcher fixtures/eval/<language> --split test --publish",
    "positions": "evaluate_positions fixtures/eval/<language> --split test --publish",
}


def dump_quality(path: Path, language: str = "en", subject: str = "links") -> None:
    """Write one language's published figures of a subject to a YAML file that load_registry
    loads."""
    rows = list(QualityFigure.objects.in_language(language).of(subject).order_by("kind", "slug"))
    data = {
        "language": language,
        "subject": subject,
        "measured_on": rows[0].measured_on.isoformat() if rows else None,
        "dataset": rows[0].dataset if rows else "",
        "figures": [{f: getattr(row, f) for f in QUALITY_FIELDS} for row in rows],
    }
    path.write_text(
        f"# Written by `manage.py {COMMANDS[subject]}`; do not edit by hand.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


@transaction.atomic
def load_quality(path: Path) -> int:
    """Replace the published figures of the file's language and subject (links or positions)
    with the file's (measurements: the file always wins); the others stay."""
    if not path.is_file():
        return 0
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("figures"):
        return 0
    language = data.get("language", "en")
    subject = data.get("subject", "links")  # files written before positions were published
    kinds = QualityFigure.KINDS.get(subject)
    if kinds is None or any(row.get("kind") not in kinds for row in data["figures"]):
        raise ValueError(f"{path.name}: figures of another subject than {subject!r}")
    on = datetime.date.fromisoformat(str(data["measured_on"]))
    QualityFigure.objects.in_language(language).of(subject).delete()
    QualityFigure.objects.bulk_create(
        QualityFigure(**row, language=language, measured_on=on, dataset=data.get("dataset", ""))
        for row in data["figures"]
    )
    return len(data["figures"])


def load_quality_files(folder: Path) -> int:
    """Load every published file of the registry folder (quality-en.yaml,
    quality-positions-ru.yaml …)."""
    return sum(load_quality(path) for path in sorted(Path(folder).glob("quality-*.yaml")))
