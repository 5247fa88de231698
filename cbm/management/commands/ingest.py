import argparse
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cbm.ingest import IngestError, collect_paths, ingest_file, read_file
from cbm.ingest_bulk import ingest_many
from cbm.models import Document
from cbm.suggest import Matchers


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        # (argparse's own error: a usage message, not a traceback from the parser)
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD, got {value!r}") from None


def one_by_one(files, overrides):
    for path in files:
        try:
            yield path, ingest_file(path, **overrides)
        except IngestError as error:
            yield path, error


def bulk(files, overrides, batch_size=500):
    """The same outcomes through ingest_many, a batch of files at a time."""
    overrides = dict(overrides)
    max_bytes = overrides.pop("max_bytes", None) or settings.CBM_INGEST_MAX_BYTES
    for first in range(0, len(files), batch_size):
        read, unreadable = [], {}
        for path in files[first : first + batch_size]:
            try:
                read.append((path, read_file(path, max_bytes)))
            except IngestError as error:
                unreadable[path] = error
        results = dict(
            zip(
                [path for path, _ in read],
                [outcome for _, outcome in ingest_many(
                    [(path.name, data) for path, data in read], max_bytes=max_bytes, **overrides
                )],
                strict=True,
            )
        )  # fmt: skip
        for path in files[first : first + batch_size]:
            yield path, unreadable.get(path) or results[path]


class Command(BaseCommand):
    help = (
        "Ingest text documents (.txt/.md files, or folders of them) as documents and passages. "
        "Each file is one transaction: a bad file is reported and skipped, the others go in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Files, or folders searched for .txt/.md files."
        )
        parser.add_argument("--title", help="Title (one file only). Default: its first sentence.")
        parser.add_argument("--url", help="Where the text was published (one file only).")
        parser.add_argument("--published", type=iso_date, help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--publisher", help="Publisher. Default: from a dateline, if any.")
        parser.add_argument("--kind", choices=Document.Kind.values, help="Kind of document.")
        parser.add_argument(
            "--language",
            choices=[code for code, _ in Document._meta.get_field("language").choices],
            help="Language code. Default: recognised from the text.",
        )
        parser.add_argument(
            "--max-bytes", type=int, help="Largest file accepted (default: setting)."
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="Many files: write them in large transactions with multi-row inserts (same "
            "checks and a result per file; a batch with a bad file is written file by file).",
        )
        parser.add_argument(
            "--no-suggest",
            dest="suggest",
            action="store_false",
            help="Do not suggest links for the new passages (run suggest later).",
        )

    def handle(self, *args, paths, **options):
        files = collect_paths(paths)
        if not files:
            raise CommandError("No .txt or .md files found in: " + ", ".join(paths))
        if len(files) > 1 and (options["title"] or options["url"]):
            raise CommandError("--title and --url describe one document: give exactly one file.")
        overrides = {
            "title": options["title"],
            "url": options["url"],
            "published_on": options["published"],
            "publisher": options["publisher"],
            "kind": options["kind"],
            "language": options["language"],
            "max_bytes": options["max_bytes"],
            "suggest": options["suggest"],
            "matcher": Matchers() if options["suggest"] else None,
        }
        counts = {"created": 0, "unchanged": 0, "failed": 0}
        passages = suggestions = 0
        stream = getattr(self.stderr, "_out", self.stderr)
        outcomes = bulk(files, overrides) if options["bulk"] else one_by_one(files, overrides)
        with tqdm(outcomes, desc="Ingesting", unit="file", file=stream, leave=False) as bar:
            for path, result in bar:
                if isinstance(result, IngestError):
                    error = result
                    counts["failed"] += 1
                    bar.write(f"error: {path}: {error}", file=stream)
                    continue
                counts[result.outcome] += 1
                if result.created:
                    passages += result.passages
                    suggestions += result.suggestions
                if options["verbosity"] > 1:
                    bar.write(
                        f"{result.outcome}: {path} → document {result.document.pk}", file=stream
                    )

        summary = (
            f"{len(files)} file(s): {counts['created']} created, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed; {passages} passage(s) written"
            + (f", {suggestions} link(s) suggested." if options["suggest"] else ".")
        )
        if counts["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
