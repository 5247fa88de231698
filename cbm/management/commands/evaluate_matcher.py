from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.evaluation import EvaluationError
from cbm.quality import (
    dataset_label,
    dump_quality,
    evaluate_folder,
    publish,
    quality_file,
    set_language,
)

REGISTRY = Path(settings.BASE_DIR) / "fixtures" / "registry"


class Command(BaseCommand):
    help = (
        "Precision and recall of the active terms on hand-labelled paragraphs, scored in memory: "
        "the evaluation set (fixtures/eval/<language>) or the gold files (fixtures/gold, "
        "fixtures/heldout/gold). Misses and false hits are listed, except for the test split."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", default=str(Path(settings.BASE_DIR) / "fixtures" / "gold")
        )
        parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
        parser.add_argument(
            "--ranker",
            action="store_true",
            help="hide suggestions the current ranker finds less likely than its threshold",
        )
        parser.add_argument(
            "--measure-model",
            action="store_true",
            help="add the measure types a model trained on the dev paragraphs of "
            "fixtures/eval/<language> finds and the lexicon does not (on --split dev, each "
            "batch by a model trained on the other batches)",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="store the figures (test split only) of the set's language for the pages, "
            "beside the other languages', and in fixtures/registry/quality-<language>.yaml "
            "(with --measure-model: the figures of the terms and the model, said so in the data set)",
        )

    def handle(self, *args, folder, split, ranker, measure_model, publish: bool, **options):
        if publish and split != "test":
            raise CommandError("only the frozen test split is published: add --split test")
        try:
            result = evaluate_folder(folder, split, use_ranker=ranker, measure_model=measure_model)
        except (EvaluationError, ValueError) as error:
            raise CommandError(str(error)) from None
        # The test split is frozen: its misses are not shown, so nobody tunes on them.
        self.stdout.write(result.table(errors=split != "test"))
        if publish:
            language = set_language(folder)
            rows, path = publish_figures(result, folder, language, measure_model=measure_model)
            self.stdout.write(
                f"Published {rows} figures for language {language}; written to {path}."
            )


def publish_figures(result, folder, language: str, measure_model=False) -> tuple[int, Path]:
    rows = publish(result, dataset=dataset_label(folder, measure_model), language=language)
    path = quality_file(REGISTRY, language)
    dump_quality(path, language)
    return rows, path
