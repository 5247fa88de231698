from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.gold import GoldError
from cbm.positions import build_finder
from cbm.positions_eval import (
    SPLITS,
    evaluate_positions,
    model_targets,
    read_eval_set,
    read_seed_gold,
)
from cbm.quality import dataset_label, dump_quality, publish_positions, quality_file, set_language
from cbm.suggest import build_matcher

REGISTRY = Path(settings.BASE_DIR) / "fixtures" / "registry"


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
        parser.add_argument(
            "--measure-model",
            action="store_true",
            help="Add the measure types the words model suggests (trained on the language's dev "
            "paragraphs; on dev, each batch left out of its own model). The product leaves them "
            "out of positions until a curator accepts them; this shows what they would add.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="store the figures (test split of an evaluation folder only, not --oracle) "
            "for the quality page, beside the other languages', and in "
            "fixtures/registry/quality-positions-<language>.yaml",
        )

    def handle(
        self,
        *args,
        folder=None,
        split="dev",
        oracle=False,
        measure_model=False,
        publish=False,
        **options,
    ):
        if measure_model and (oracle or not folder):
            raise CommandError("--measure-model needs an evaluation folder and no --oracle.")
        # what is published is what the product does on text nobody tuned to
        if publish and (not folder or split != "test" or oracle):
            raise CommandError(
                "only the frozen test split of an evaluation folder is published, with the "
                "link matcher's targets: give a folder, --split test and no --oracle."
            )
        base = Path(settings.BASE_DIR) / "fixtures"
        try:
            if folder:
                documents = read_eval_set(folder, split)
            else:
                documents = read_seed_gold(base / "gold", base / "articles")
            language = set_language(folder) if folder else "en"
            finder = build_finder(language, by_slug=True)  # the evaluation names targets by slug
            matcher = build_matcher(language=language)
            added = None
            if measure_model:
                added = model_targets(documents, matcher, language)
            result = evaluate_positions(documents, finder, matcher, oracle=oracle, added=added)
        except (GoldError, OSError, KeyError) as error:
            raise CommandError(f"Cannot evaluate: {error}") from None
        where = f"{folder} ({split})" if folder else "seed articles"
        targets = "labelled targets (oracle)" if oracle else "the link matcher's targets"
        if measure_model:
            targets += " and the measure model's"
        self.stdout.write(f"Positions in {where}, with {targets}:")
        self.stdout.write(result.table(details=not (folder and split == "test")))
        if publish:
            rows = publish_positions(
                result,
                paragraphs=sum(len(paragraphs) for paragraphs in documents),
                dataset=dataset_label(folder, measure_model),
                language=language,
            )
            path = quality_file(REGISTRY, language, "positions")
            dump_quality(path, language, "positions")
            self.stdout.write(
                f"Published {rows} figures for language {language}; written to {path}."
            )
