"""The suggestions' quality: evaluate the active terms (with the learned models of
cbm.training, if asked) on labelled paragraphs and publish the figures. Shared by the command
evaluate_matcher and the pages."""

import datetime
from pathlib import Path

import yaml
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


@transaction.atomic
def publish(
    result: Evaluation,
    *,
    dataset: str,
    language: str = "en",
    on: datetime.date | None = None,
) -> int:
    """Replace the published quality figures of one language with this evaluation's (of that
    language's test split); the other languages' figures stay."""
    on = on or timezone.localdate()
    QualityFigure.objects.in_language(language).delete()
    common = {"paragraphs": result.paragraphs, "measured_on": on, "dataset": dataset}
    rows = [
        QualityFigure(
            language=language,
            kind=QualityFigure.Kind.OVERALL,
            slug="",
            **_figures(result.overall),
            **common,
        )
    ]
    for (kind, slug), score in sorted(result.per_target.items()):
        rows.append(
            QualityFigure(language=language, kind=kind, slug=slug, **_figures(score), **common)
        )
    QualityFigure.objects.bulk_create(rows)
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


def quality_file(folder: Path, language: str) -> Path:
    """Where one language's published figures are kept: fixtures/registry/quality-ru.yaml."""
    return Path(folder) / f"quality-{language}.yaml"


def dump_quality(path: Path, language: str = "en") -> None:
    """Write one language's published figures to a YAML file that load_registry loads."""
    rows = list(QualityFigure.objects.in_language(language).order_by("kind", "slug"))
    data = {
        "language": language,
        "measured_on": rows[0].measured_on.isoformat() if rows else None,
        "dataset": rows[0].dataset if rows else "",
        "figures": [{f: getattr(row, f) for f in QUALITY_FIELDS} for row in rows],
    }
    path.write_text(
        "# Written by `manage.py evaluate_matcher fixtures/eval/<language> --split test "
        "--publish`; do not edit by hand.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


@transaction.atomic
def load_quality(path: Path) -> int:
    """Replace the published figures of the file's language with the file's (measurements:
    the file always wins); other languages' figures stay."""
    if not path.is_file():
        return 0
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("figures"):
        return 0
    language = data.get("language", "en")
    on = datetime.date.fromisoformat(str(data["measured_on"]))
    QualityFigure.objects.in_language(language).delete()
    QualityFigure.objects.bulk_create(
        QualityFigure(**row, language=language, measured_on=on, dataset=data.get("dataset", ""))
        for row in data["figures"]
    )
    return len(data["figures"])


def load_quality_files(folder: Path) -> int:
    """Load every language's file (quality-en.yaml, quality-ru.yaml …) of the registry folder."""
    return sum(load_quality(path) for path in sorted(Path(folder).glob("quality-*.yaml")))
