from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.registry_data import RegistryDataError, load_registry, verification_counts


class Command(BaseCommand):
    help = (
        "Load the curated registry (actors, instruments and provisions, categories, measure "
        "types and terms, legal bases and thresholds) from fixtures/registry/*.yaml. Existing "
        "rows are kept as curators left them unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", default=str(Path(settings.BASE_DIR) / "fixtures" / "registry")
        )
        parser.add_argument(
            "--lexicon",
            action="append",
            dest="lexicons",
            help="A lexicon folder of another language (default: every fixtures/lexicon-*).",
        )
        parser.add_argument(
            "--update", action="store_true", help="Overwrite existing rows with the files' values."
        )

    def handle(self, *args, folder, update, lexicons=None, **options):
        if lexicons is None:
            lexicons = sorted((Path(settings.BASE_DIR) / "fixtures").glob("lexicon-*"))
        try:
            counts = load_registry(folder, update=update, lexicons=lexicons)
        except RegistryDataError as error:
            raise CommandError(f"Nothing loaded. {error}") from None
        models = sorted({model for model, _ in counts})
        for model in models:
            parts = [
                f"{counts[model, what]} {what}"
                for what in ("created", "updated", "kept", "loaded", "retired")
                if counts[model, what]
            ]
            self.stdout.write(f"  {model}: {', '.join(parts)}")
        created = sum(n for (_, what), n in counts.items() if what == "created")
        self.stdout.write(self.style.SUCCESS(f"Registry loaded: {created} row(s) created."))
        for what, (verified, total) in verification_counts().items():
            self.stdout.write(f"  Verified against a quoted text: {verified} of {total} {what}.")
