from django.core.management.base import BaseCommand, CommandError

from cbm.evaluation import EvaluationError
from cbm.language import LANGUAGES
from cbm.training import train_measure_model


class Command(BaseCommand):
    help = (
        "Train the learned model of measure types on the dev paragraphs of fixtures/eval/"
        "<language> (never the test split) and make it that language's current one: from then "
        "on `suggest` adds its likely types that a passage has no link of, as pending "
        "suggestions. Nothing is suggested by a model until one is trained."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", default="en", choices=sorted(LANGUAGES))

    def handle(self, *args, language, **options):
        try:
            stored = train_measure_model(language)
        except (EvaluationError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Trained {stored} on {stored.examples} paragraphs: {stored.note} "
            f"Threshold {stored.threshold}."
        )
