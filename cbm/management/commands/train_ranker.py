from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.evaluation import EvaluationError
from cbm.training import train_ranker

ROOT = Path(settings.BASE_DIR) / "fixtures"
DEFAULT_FOLDERS = [ROOT / "gold", ROOT / "heldout" / "gold", ROOT / "eval" / "en"]


class Command(BaseCommand):
    help = (
        "Train the ranker on curators' accepted and rejected suggestions and on the dev "
        "paragraphs of the labelled folders (never the test split); it becomes the current one."
    )

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="*", default=[str(f) for f in DEFAULT_FOLDERS])
        parser.add_argument(
            "--threshold", type=float, help="hide suggestions less likely than this (0–1)"
        )

    def handle(self, *args, folders, threshold, **options):
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError("--threshold is a probability between 0 and 1")
        existing = [Path(f) for f in folders if Path(f).is_dir()]
        named = folders != [str(f) for f in DEFAULT_FOLDERS]  # (a default may be absent)
        if named and len(existing) < len(folders):
            missing = [f for f in folders if not Path(f).is_dir()]
            raise CommandError(f"Not a folder: {', '.join(missing)}")
        try:
            ranker = train_ranker(existing, threshold=threshold)
        except (EvaluationError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Trained {ranker} on {', '.join(map(str, existing))}: {ranker.note} "
            f"{len(ranker.weights['features'])} weights; threshold {ranker.threshold}."
        )
