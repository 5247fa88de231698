from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.gold import GoldError
from cbm.positions import build_finder
from cbm.positions_eval import SPLITS, evaluate_positions, read_eval_set, read_seed_gold
from cbm.quality import set_language
from cbm.suggest import build_matcher


class Command(BaseCommand):
    help = (
        "Precision and recall of suggested positions against hand labels, counting (passage, "
        "actor, stance, target) with rejects and denies as one class. Without a folder: the "
        "seed articles' gold positions. With --split test only the overall line is printed: "
        "the test split is for measuring, never for tuning."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", help="An evaluation folder, e.g. fixtures/eval/en."
        )
        parser.add_argument("--split", choices=SPLITS, default="dev")
        parser.add_argument(
            "--oracle",
            action="store_true",
            help="Give the finder the labelled targets instead of the link matcher's.",
        )

    def handle(self, *args, folder=None, split="dev", oracle=False, **options):
        base = Path(settings.BASE_DIR) / "fixtures"
        try:
            if folder:
                documents = read_eval_set(folder, split)
            else:
                documents = read_seed_gold(base / "gold", base / "articles")
            language = set_language(folder) if folder else "en"
            finder = build_finder(language, by_slug=True)  # the evaluation names targets by slug
            matcher = build_matcher(language=language)
            result = evaluate_positions(documents, finder, matcher, oracle=oracle)
        except (GoldError, OSError, KeyError) as error:
            raise CommandError(f"Cannot evaluate: {error}") from None
        where = f"{folder} ({split})" if folder else "seed articles"
        targets = "labelled targets (oracle)" if oracle else "the link matcher's targets"
        self.stdout.write(f"Positions in {where}, with {targets}:")
        self.stdout.write(result.table(details=not (folder and split == "test")))
