import argparse
import datetime

from django.core.management.base import BaseCommand
from tqdm import tqdm

from cbm.models import Document, Passage
from cbm.positions import suggest_positions
from cbm.suggest import Matchers, suggest
from cbm.unmatched import not_matched_summary, unique


def iso_datetime(value):
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        # (argparse's own error: a usage message, not a traceback from the parser)
        raise argparse.ArgumentTypeError(
            f"must be a date or time in ISO format, got {value!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def positive_int(value):
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, got {value!r}")
    return number


class Command(BaseCommand):
    help = (
        "Suggest links between passages and measure types / instruments with the curated terms, "
        "then positions (actor, stance cue and link in one sentence). "
        "Links curators decided are never touched; pending suggestions the terms no longer "
        "support are withdrawn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--document", type=int, action="append", help="Only this document (id)."
        )
        parser.add_argument("--since", type=iso_datetime, help="Only documents changed since then.")
        parser.add_argument("--batch-size", type=positive_int, default=2000)

    def handle(self, *args, document=None, since=None, batch_size=2000, **options):
        passages = Passage.objects.all()
        if document:
            passages = passages.filter(document__in=document)
        if since:
            passages = passages.filter(document__updated_at__gte=since)
        matcher = Matchers()
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(
            total=passages.count(), desc="Suggesting", unit="passage", file=stream, leave=False
        ) as bar:
            result = suggest(passages, matcher=matcher, batch_size=batch_size, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"{matcher.term_count} active terms; {result}"))
        documents = Document.objects.filter(pk__in=passages.values("document_id"))
        positions = suggest_positions(documents)
        self.stdout.write(self.style.SUCCESS(f"Positions: {positions}"))
        skipped = unique([*matcher.skipped, *positions.skipped])
        if skipped:
            self.stdout.write(self.style.WARNING(not_matched_summary(skipped)))
        for row in skipped:
            self.stdout.write(self.style.WARNING(f"  {row}"))
