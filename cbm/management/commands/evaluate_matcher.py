from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.evaluation import EvaluationError
from cbm.quality import dump_quality, evaluate_folder, publish

QUALITY_FILE = Path(settings.BASE_DIR) / "fixtures" / "registry" / "quality.yaml"


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
            "--publish",
            action="store_true",
            help=f"store the figures (test split only) for the pages, and in {QUALITY_FILE.name}",
        )

    def handle(self, *args, folder, split, ranker, publish: bool, **options):
        if publish and split != "test":
            raise CommandError("only the frozen test split is published: add --split test")
        try:
            result = evaluate_folder(folder, split, use_ranker=ranker)
        except (EvaluationError, ValueError) as error:
            raise CommandError(str(error)) from None
        # The test split is frozen: its misses are not shown, so nobody tunes on them.
        self.stdout.write(result.table(errors=split != "test"))
        if publish:
            rows = publish_figures(result, folder)
            self.stdout.write(f"Published {rows} figures; written to {QUALITY_FILE}.")


def publish_figures(result, folder) -> int:
    dataset = str(Path(folder).resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    rows = publish(result, dataset=f"{dataset} (test split)")
    dump_quality(QUALITY_FILE)
    return rows
