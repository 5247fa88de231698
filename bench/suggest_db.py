"""One database's part of the benchmark (run by bench.matching in a subprocess with its own
DATABASE_URL): a fresh database, the registry, N passages, then suggest timed twice."""

import argparse
import hashlib
import json
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench.corpus import ROOT, paragraphs  # noqa: E402
from cbm.models import Document, Passage  # noqa: E402
from cbm.registry_data import load_registry  # noqa: E402
from cbm.suggest import suggest  # noqa: E402

PER_DOCUMENT = 10


def fresh_database():
    config = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        path = config["NAME"]
        if os.path.exists(path):
            os.remove(path)
        return
    import psycopg

    name = config["NAME"]
    admin = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def load_passages(count: int):
    stream = paragraphs(seed=2011)
    for first in range(0, count, PER_DOCUMENT * 500):
        with transaction.atomic():
            documents, texts = [], []
            for n in range(first, min(count, first + PER_DOCUMENT * 500), PER_DOCUMENT):
                chunk = [next(stream) for _ in range(min(PER_DOCUMENT, count - n))]
                body = "\n\n".join(chunk)
                documents.append(
                    Document(
                        title=f"Bench {n}",
                        kind="news",
                        body=body,
                        sha256=hashlib.sha256(f"{n}:{body}".encode()).hexdigest(),
                    )
                )
                texts.append(chunk)
            Document.objects.bulk_create(documents)
            passages = []
            for document, chunk in zip(documents, texts, strict=True):
                start = 0
                for ordinal, text in enumerate(chunk, start=1):
                    passages.append(
                        Passage(
                            document=document,
                            ordinal=ordinal,
                            start=start,
                            end=start + len(text),
                            text=text,
                        )
                    )
                    start += len(text) + 2
            Passage.objects.bulk_create(passages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    args = parser.parse_args()
    fresh_database()
    connection.close()
    call_command("migrate", verbosity=0)
    load_registry(ROOT / "fixtures" / "registry")
    load_passages(args.passages)

    started = time.perf_counter()
    first = suggest()
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    again = suggest()
    rerun_s = time.perf_counter() - started
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "passages": first.passages,
                "created": first.created,
                "first_s": round(first_s, 2),
                "first_per_s": round(first.passages / first_s),
                "kept": again.kept,
                "rerun_s": round(rerun_s, 2),
                "rerun_per_s": round(again.passages / rerun_s),
            }
        )
    )


if __name__ == "__main__":
    main()
