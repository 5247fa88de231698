"""python -m bench.scale: the registry at a million passages on PostgreSQL.

Builds a corpus into its own database (documents and passages by COPY, then the real suggest
and 30 % of the links accepted), serves the app with gunicorn (2 workers, production
settings) and prints each measure beside its floor — a bare JsonResponse view, raw SQL or
COPY, written here — as p50/p95 over interleaved runs, with the goal and whether it is met,
and last `goals met: N of M`.

    python -m bench.scale                      # 1,000,000 passages (builds once, ~15 min)
    python -m bench.scale --passages 100000    # smaller
    python -m bench.scale --reuse              # keep the corpus already built
"""

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATABASE = os.environ.get("BENCH_SCALE_URL", "postgres://postgres@127.0.0.1:5432/cbm_scale_bench")
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.scale_settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-scale-not-a-secret")
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
os.environ["CBM_API_ANON_RATE"] = "1000000/minute"
# As a production deployment runs (README, Configuration): throttle counts in Redis, not in a
# table of the database. BENCH_REDIS_URL="" measures the database cache instead.
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import scale_admin  # noqa: E402
from bench.corpus import ROOT  # noqa: E402
from bench.scale_corpus import (  # noqa: E402
    build,
    copy_corpus,
    corpus_size,
    documents,
    migrate_reused,
)

# The rows --only can pick.
ONLY = ["ingest", "mentions", "documents", "search", "search-filter", "timeline", "passages",
        "deep", "queue", "csv", "matcher"]  # fmt: skip
# The curators' review queue (admin changelist of mentions): not a public page, with ten
# filters' choices and 50 highlighted passages to render; twice the public pages' budget.
QUEUE_MS = 300
BARE = "empty Django view "  # the floor of a page with no query of its own to compare


# -- measuring ---------------------------------------------------------------------------------


class Server:
    """gunicorn with 2 workers on 127.0.0.1, production settings."""

    def __init__(self, port: int):
        self.port = port
        self.process = None

    def __enter__(self):
        call_command("collectstatic", interactive=False, verbosity=0)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "registry.wsgi",
                "--workers", "2",
                "--bind", f"127.0.0.1:{self.port}",
                "--env", f"DJANGO_SETTINGS_MODULE={os.environ['DJANGO_SETTINGS_MODULE']}",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            start_new_session=True,
        )  # fmt: skip
        for _ in range(100):
            try:
                status, _ = self.get("/bench/mentions/?page_size=1")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()  # no server left behind holding the port
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def get(self, path: str, cookie: str = "") -> tuple[int, bytes]:
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = {"Host": "127.0.0.1", **({"Cookie": cookie} if cookie else {})}
        client.request("GET", path, headers=headers)
        response = client.getresponse()
        body = response.read()
        client.close()
        return response.status, body


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def interleaved(measure, floor, *, rounds: int, repeat: int):
    """Latencies (s) of measure and floor, alternating so both see the same machine."""
    ours, theirs = [], []
    measure()  # warm caches and connections once
    if floor:
        floor()
    for _ in range(rounds):
        for _ in range(repeat):
            ours.append(timed(measure))
            if floor:
                theirs.append(timed(floor))
    return ours, theirs


def p(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def page(server, path, cookie=""):
    def fetch():
        status, body = server.get(path, cookie)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}: {body[:300]!r}")
        return body

    return fetch


def raw_sql(sql, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def search_vector():
    """The stored tsvector column if the schema has one, else the indexed expression."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'cbm_passage' AND column_name = 'search_vector'"
        )
        stored = cursor.fetchone() is not None
    return "search_vector" if stored else "to_tsvector('english'::regconfig, COALESCE(text, ''))"


# The floor of a search page: what it shows (the best 20 hits with their headlines, and how
# many hits there are) from the same structure the view reads — the stored vector, ranked with
# ts_rank, ordered by rank, the passage's date and id, withdrawn documents left out — in one
# statement, without Django, a template or the matcher's curated-term lookup.
FLOOR_SEARCH = """
SELECT p.id, hits.total, ts_headline('english', p.text, q, 'MaxWords=45, MinWords=20')
FROM (
    SELECT id, rank, published_on, COUNT(*) OVER () AS total FROM (
        SELECT p.id, ts_rank({v}, q) AS rank, p.published_on
        FROM cbm_passage p, websearch_to_tsquery('english', %s) q
        WHERE {v} @@ q
          AND p.document_id NOT IN (SELECT id FROM cbm_document WHERE withdrawn) {extra}
        OFFSET 0
    ) ranked
    ORDER BY rank DESC, published_on DESC, id LIMIT 21
) hits JOIN cbm_passage p ON p.id = hits.id, websearch_to_tsquery('english', %s) q
ORDER BY hits.rank DESC, hits.published_on DESC, p.id
"""
EXISTS_TYPE = """AND EXISTS (SELECT 1 FROM cbm_mention m WHERE m.passage_id = p.id
    AND m.status = 'accepted'
    AND m.measure_type_id = (SELECT id FROM cbm_measuretype WHERE slug = %s))"""
FLOOR_CSV = """COPY (
SELECT m.id, m.status, t.slug, p.document_id, d.title, d.publisher, d.published_on, p.ordinal,
       m.start, m."end", p.start + m.start, p.start + m."end", m.quote,
       'http://127.0.0.1/documents/' || p.document_id || '/passages/' || p.ordinal || '/'
FROM cbm_mention m JOIN cbm_passage p ON p.id = m.passage_id
JOIN cbm_document d ON d.id = p.document_id JOIN cbm_measuretype t ON t.id = m.measure_type_id
WHERE m.status = 'accepted'
ORDER BY d.published_on DESC, p.document_id, p.ordinal, m.start
) TO STDOUT WITH (FORMAT csv, HEADER)"""


def copy_out():
    with connection.cursor() as cursor, cursor.cursor.copy(FLOOR_CSV) as copy:
        for _ in copy:
            pass


def ingest_rates(count: int, *, rounds: int):
    """passages/s through the ingest service and through COPY of the same rows, interleaved;
    every row is removed again afterwards."""
    from django.db import transaction

    from cbm.ingest_bulk import ingest_many
    from cbm.models import Document

    ours, floors = [], []
    for round_ in range(rounds):
        offset = 10_000_000 * (round_ + 1)
        rows = list(documents(count, seed=7000 + round_))
        files = [
            (f"ingest-{n}.txt", f"date {m['published_on']}\n\n" + "\n\n".join(chunk))
            for n, m, chunk in rows
        ]

        def service(files=files):
            outcomes = ingest_many([(name, text.encode()) for name, text in files], suggest=False)
            assert all(outcome.created for _, outcome in outcomes), outcomes[:3]

        seconds = timed(service)
        ours.append(count / seconds)
        Document.objects.filter(source_name__startswith="ingest-").delete()

        def floor(rows=rows, offset=offset):
            with transaction.atomic(), connection.cursor() as cursor:
                copy_corpus(rows, cursor.cursor, id_offset=offset, prefix="floor")

        seconds = timed(floor)
        floors.append(count / seconds)
        Document.objects.filter(id__gt=offset).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cbm_historicaldocument WHERE source_name LIKE 'ingest-%%'")
    return statistics.median(ours), statistics.median(floors)


def matcher_ratio(megabytes: float) -> float:
    from bench.corpus import corpus
    from bench.lexicon import lexicon
    from bench.matching import run_matcher

    return run_matcher(corpus(megabytes), lexicon())["ratio_to_baseline"]


def measure(args, total: int):
    from cbm.models import Mention

    rows = []  # (name, ours, floor, goal text, met)
    ms = 1000

    def latency_row(name, ours, floors, limit_ms, floor_name=""):
        p50, p95 = p(ours, 0.5) * ms, p(ours, 0.95) * ms
        floor = (
            f"{floor_name}{p(floors, 0.5) * ms:.0f} / {p(floors, 0.95) * ms:.0f} ms"
            if floors
            else "–"
        )
        rows.append(
            (name, f"{p50:.0f} / {p95:.0f} ms", floor, f"p95 < {limit_ms} ms", p95 < limit_ms)
        )

    rounds, repeat = args.rounds, args.repeat

    def want(key):
        return not args.only or key in args.only

    vector = search_vector()
    deep = min(5000, max(1, total // 50))
    accepted = Mention.objects.filter(status="accepted").count()
    if want("ingest"):
        print("measuring ingest …", flush=True)
        ours, floor = ingest_rates(args.ingest_passages, rounds=rounds)
        rows.append(
            ("ingest --bulk (passages/s)", f"{ours:,.0f}", f"COPY {floor:,.0f}", "≥ 1/3 of COPY",
             ours >= floor / 3)
        )  # fmt: skip
    with Server(args.port) as server:
        print("measuring pages …", flush=True)
        ping = page(server, "/bench/ping/")
        if want("mentions"):
            ours, floors = interleaved(
                page(server, "/api/v1/mentions/?page_size=50"),
                page(server, "/bench/mentions/?page_size=50"),
                rounds=rounds,
                repeat=repeat,
            )
            ratio = p(floors, 0.5) / p(ours, 0.5)
            rows.append(
                ("/api/v1/mentions/?page_size=50",
                 f"{p(ours, 0.5) * ms:.0f} / {p(ours, 0.95) * ms:.0f} ms = {ratio:.2f} × floor",
                 f"bare JsonResponse {p(floors, 0.5) * ms:.0f} / {p(floors, 0.95) * ms:.0f} ms",
                 "≥ 0.7 × floor", ratio >= 0.7)
            )  # fmt: skip
        if want("documents"):
            ours, floors = interleaved(
                page(server, "/documents/"), ping, rounds=rounds, repeat=repeat
            )
            latency_row("/documents/", ours, floors, 150, BARE)
        if want("search"):
            ours, floors = interleaved(
                page(server, "/search/?q=advance+notice"),
                raw_sql(
                    FLOOR_SEARCH.format(v=vector, extra=""), ["advance notice", "advance notice"]
                ),
                rounds=rounds,
                repeat=repeat,
            )
            latency_row('search "advance notice"', ours, floors, 100)
        if want("search-filter"):
            ours, floors = interleaved(
                page(server, "/search/?q=advance+notice&measure_type=advance-notice"),
                raw_sql(
                    FLOOR_SEARCH.format(v=vector, extra=EXISTS_TYPE),
                    ["advance notice", "advance-notice", "advance notice"],
                ),
                rounds=rounds,
                repeat=repeat,
            )
            latency_row("search + measure-type filter", ours, floors, 150)
        if want("timeline"):
            ours, floors = interleaved(
                page(server, "/measures/exercise-caps/"), ping, rounds=rounds, repeat=repeat
            )
            latency_row("/measures/exercise-caps/ (timeline)", ours, floors, 150, BARE)
        if want("passages"):
            ours, floors = interleaved(
                page(server, "/api/v1/passages/?page_size=50"), ping, rounds=rounds, repeat=repeat
            )
            latency_row("/api/v1/passages/ first page", ours, floors, 150, BARE)
        if want("deep"):
            ours, floors = interleaved(
                page(server, f"/api/v1/passages/?page_size=50&page={deep}"),
                ping,
                rounds=rounds,
                repeat=repeat,
            )
            latency_row(f"/api/v1/passages/ ?page={deep}", ours, floors, 150, BARE)
        if want("queue"):
            ours, floors = interleaved(
                page(server, scale_admin.QUEUE, scale_admin.curator_cookie()),
                scale_admin.floor,
                rounds=rounds,
                repeat=repeat,
            )
            latency_row("admin review queue (mentions)", ours, floors, QUEUE_MS)
        if want("csv"):
            print("measuring exports …", flush=True)
            csv = page(server, "/api/v1/mentions/?format=csv")
            body = csv()
            lines = body.count(b"\n")
            ours, floors = interleaved(csv, copy_out, rounds=rounds, repeat=1)
            ratio = p(ours, 0.5) / p(floors, 0.5)
            rows.append(
                (f"mentions CSV ({accepted:,} rows, {lines:,} lines)",
                 f"{p(ours, 0.5):.2f} s = {ratio:.1f} × COPY",
                 f"COPY … TO STDOUT {p(floors, 0.5):.2f} s", "≤ 3 × COPY", ratio <= 3)
            )  # fmt: skip
    if args.matcher_mb and want("matcher"):
        print("measuring the matcher …", flush=True)
        ratio = matcher_ratio(args.matcher_mb)
        rows.append(
            ("matcher alone", f"{ratio:.2f} × bare Aho-Corasick", "–", "≥ 0.5 ×", ratio >= 0.5)
        )
    return rows


def throttle_cache() -> str:
    """Where the API's throttle counts live in this run (checked: Redis must answer)."""
    if not os.environ["REDIS_URL"]:
        return "the database cache"
    from django.core.cache import cache

    cache.set("bench-scale-ping", 1, 5)
    if cache.get("bench-scale-ping") != 1:
        raise RuntimeError(f"Redis at {os.environ['REDIS_URL']} did not answer")
    return f"Redis ({os.environ['REDIS_URL']})"


def print_table(rows, total, cache):
    print()
    print(
        f"{total:,} passages on PostgreSQL, gunicorn 2 workers, throttle counts in {cache}; "
        "p50 / p95"
    )
    print("| measure | now | floor | goal | met |")
    print("| --- | --- | --- | --- | --- |")
    for name, ours, floor, goal, met in rows:
        print(f"| {name} | {ours} | {floor} | {goal} | {'yes' if met else 'NO'} |")
    print(f"\ngoals met: {sum(1 for *_, met in rows if met)} of {len(rows)}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep the corpus already built")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=7, help="requests per round")
    parser.add_argument("--ingest-passages", type=int, default=5_000)
    parser.add_argument("--matcher-mb", type=float, default=10, help="0 to skip")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=ONLY,
        help="measure only these rows (the others are left out of the table)",
    )
    args = parser.parse_args()
    total = corpus_size()
    if args.reuse and total > 0:
        print(f"reusing the corpus: {total:,} passages", flush=True)
        migrate_reused()
    else:
        print(f"building {args.passages:,} passages …", flush=True)
        build(args.passages)
        total = corpus_size()
    cache = throttle_cache()
    print_table(measure(args, total), total, cache)


if __name__ == "__main__":
    main()
