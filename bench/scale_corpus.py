"""The benchmark's corpus: documents and passages written by COPY into their own database, the
real suggest, a share of links accepted; reused with the migrations newer than it applied.
Imported by bench.scale after it has set up Django for that database."""

import datetime
import hashlib
import random
import time

from django.core.management import call_command
from django.db import connection

from bench.corpus import ROOT, paragraphs

PUBLISHERS = [
    "Reuters", "Associated Press", "Agence France-Presse", "TASS", "RIA Novosti", "Interfax",
    "BBC News", "The Guardian", "The New York Times", "The Washington Post", "Der Spiegel",
    "Le Monde", "Deutsche Welle", "Radio Free Europe", "Defense News", "Arms Control Today",
    "OSCE Press Office", "NATO Press Office", "Ministry of Defence", "State Department",
    "Kyiv Independent", "Politico Europe", "Jane's Defence Weekly", "Financial Times",
]  # fmt: skip
KINDS = ["news"] * 7 + ["statement", "analysis", "transcript"]
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 3652  # ten years
PER_DOCUMENT = 10


def corpus_size() -> int:
    from django.db import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cbm_passage")
            return cursor.fetchone()[0]
    except DatabaseError:  # no database or no schema yet
        connection.close()
        return -1


def recreate_database():
    import psycopg

    config = connection.settings_dict
    connection.close()
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def documents(count: int, seed: int = 2011):
    """(id, metadata, paragraphs) for count passages, PER_DOCUMENT a document."""
    rng = random.Random(seed)
    stream = paragraphs(seed=seed)
    for n, first in enumerate(range(0, count, PER_DOCUMENT), start=1):
        chunk = [next(stream) for _ in range(min(PER_DOCUMENT, count - first))]
        meta = {
            "kind": rng.choice(KINDS),
            "publisher": rng.choice(PUBLISHERS),
            "published_on": FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)),
        }
        yield n, meta, chunk


def copy_corpus(rows, cursor, *, id_offset=0, prefix="corpus"):
    """COPY documents and their passages: the floor any ingest is measured against."""
    now = datetime.datetime.now(datetime.UTC)
    docs, passages = [], []
    for n, meta, chunk in rows:
        body = "\n\n".join(chunk)
        digest = hashlib.sha256(f"{id_offset}:{n}:{body}".encode()).hexdigest()
        docs.append(
            (n + id_offset, meta["kind"], chunk[0][:120], meta["publisher"], "",
             meta["published_on"], "en", f"{prefix}-{n}.txt", body, digest, now, now, False, "")
        )  # fmt: skip
        start = 0
        for ordinal, text in enumerate(chunk, start=1):
            passages.append((n + id_offset, ordinal, start, start + len(text), text, "en"))
            start += len(text) + 2
    with cursor.copy(
        "COPY cbm_document (id, kind, title, publisher, url, published_on, language, "
        "source_name, body, sha256, created_at, updated_at, withdrawn, withdrawal_reason) FROM STDIN"
    ) as copy:
        for row in docs:
            copy.write_row(row)
    with cursor.copy(
        'COPY cbm_passage (document_id, ordinal, start, "end", text, language) FROM STDIN'
    ) as copy:
        for row in passages:
            copy.write_row(row)
    return len(passages)


def build(count: int):
    from django.db import transaction

    from cbm.registry_data import load_registry
    from cbm.suggest import suggest
    from cbm.training import train_measure_model

    recreate_database()
    call_command("migrate", verbosity=0)
    load_registry(ROOT / "fixtures" / "registry")
    # As `make run` does: suggest then adds the model's pending suggestions without a term.
    print(f"  trained {train_measure_model('en')}", flush=True)
    started = time.perf_counter()
    batch = 50_000 // PER_DOCUMENT
    rows = list(documents(count))
    for first in range(0, len(rows), batch):
        with transaction.atomic(), connection.cursor() as cursor:
            copy_corpus(rows[first : first + batch], cursor.cursor)
        print(f"  copied {min(len(rows), first + batch) * PER_DOCUMENT:,} passages", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('cbm_document', 'id'), max(id)) FROM cbm_document"
        )
    print(f"  corpus copied in {time.perf_counter() - started:.0f} s; suggesting …", flush=True)
    result = suggest()
    print(f"  {result}", flush=True)
    with connection.cursor() as cursor:
        for table in ("cbm_mention", "cbm_citation"):
            # 30 % accepted, as if curators had reviewed them.
            cursor.execute(
                f"UPDATE {table} SET status = 'accepted', reviewed_at = now() WHERE id % 10 < 3"
            )
    connection.close()
    vacuum()


def vacuum():
    import psycopg

    config = connection.settings_dict
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
        dbname=config["NAME"], autocommit=True,
    ) as db:  # fmt: skip
        db.execute("VACUUM ANALYZE")


def migrate_reused():
    """A corpus built before the latest migrations gets them (and fresh statistics)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        print(f"  applying {len(pending)} migration(s) …", flush=True)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        connection.close()
        vacuum()
        print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
