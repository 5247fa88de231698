from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cbm.gold import GoldError, evaluate
from cbm.suggest import build_matcher


class Command(BaseCommand):
    help = "Precision and recall of the active terms against the hand-labelled gold passages."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", default=str(Path(settings.BASE_DIR) / "fixtures" / "gold")
        )

    def handle(self, *args, folder, **options):
        try:
            result = evaluate(build_matcher(), folder)
        except GoldError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.table())
