from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cbm.gold import GoldError, load_gold
from cbm.positions_eval import load_gold_positions


class Command(BaseCommand):
    help = "Load the hand-labelled gold links (fixtures/gold) as accepted curator links."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", default=str(Path(settings.BASE_DIR) / "fixtures" / "gold")
        )
        parser.add_argument("--reviewer", default="curator", help="User name recorded as reviewer.")

    def handle(self, *args, folder, reviewer, **options):
        try:
            user = get_user_model().objects.get(username=reviewer)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {reviewer!r}: run ensure_demo_curator first.") from None
        try:
            with transaction.atomic():
                counts = load_gold(folder, reviewer=user)
                positions = load_gold_positions(folder, reviewer=user)
        except GoldError as error:
            raise CommandError(f"Nothing loaded. {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Gold links: {counts['created']} created, {counts['kept']} kept. "
                f"Gold positions: {positions['created']} created, {positions['kept']} kept."
            )
        )
