"""The scenarios: each takes the Run and returns its figures; register with @scenario("name")."""

import os
import random
import secrets
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from .app import PYTHON, RESULTS, ROOT, Run, scenario


def public_urls(run: Run) -> list[str]:
    """Every public page and API list, with a few detail pages of real rows."""
    documents = [row[0] for row in run.sql("SELECT id FROM cbm_document ORDER BY id LIMIT 3")]
    measures = [row[0] for row in run.sql("SELECT slug FROM cbm_measuretype ORDER BY id LIMIT 3")]
    instruments = [row[0] for row in run.sql("SELECT slug FROM cbm_instrument ORDER BY id LIMIT 2")]
    pages = ["/", "/measures/", "/instruments/", "/documents/", "/search/?q=exercise"]
    pages += [f"/measures/{slug}/" for slug in measures]
    pages += [f"/instruments/{slug}/" for slug in instruments]
    pages += [f"/documents/{pk}/" for pk in documents]
    pages += [f"/documents/{pk}/passages/1/" for pk in documents]
    api = [
        "categories",
        "measure-types",
        "terms",
        "instruments",
        "provisions",
        "actors",
        "documents",
        "passages",
        "mentions",
        "citations",
        "mentions/annotations",
    ]
    pages += [f"/api/v1/{name}/" for name in api]
    pages += ["/api/v1/mentions/?format=csv", "/api/v1/schema/", "/api/v1/docs/"]
    return pages


@scenario("load")
def load(run: Run) -> dict:
    """Concurrent anonymous reads of every public page and API list: no error, no 5xx."""
    urls = public_urls(run)
    counts = Counter()
    lock = threading.Lock()
    session = threading.local()

    def fetch(url):
        if not hasattr(session, "http"):
            session.http = requests.Session()
        try:
            status = session.http.get(run.base_url + url, timeout=30).status_code
            outcome = "ok" if status < 400 else f"http {status}"
        except requests.RequestException as error:
            outcome = f"connection: {type(error).__name__}"
        with lock:
            counts[outcome] += 1

    targets = [urls[i % len(urls)] for i in range(run.args.requests)]
    started = time.monotonic()
    with ThreadPoolExecutor(run.args.threads) as pool:
        list(pool.map(fetch, targets))
    seconds = time.monotonic() - started
    errors = sum(n for outcome, n in counts.items() if outcome != "ok")
    for outcome, n in counts.items():
        if outcome != "ok":
            print(f"  load: {n} × {outcome}")
    return {
        "requests": len(targets),
        "errors": errors,
        "requests_per_second": round(len(targets) / seconds, 1),
    }


@scenario("schemathesis")
def schemathesis_all_checks(run: Run) -> dict:
    """Schemathesis with every check, anonymous and as a curator: 0 failures of any kind."""
    failures = 0
    for who, headers in (
        ("anonymous", []),
        ("curator", ["-H", f"Authorization: Token {run.token()}"]),
    ):
        with tempfile.TemporaryDirectory() as reports:
            result = subprocess.run(
                [
                    str(Path(PYTHON).with_name("schemathesis")),
                    "run",
                    f"{run.base_url}/api/v1/schema/?format=json",
                    "--checks",
                    "all",
                    "--max-examples",
                    str(run.args.max_examples),
                    "--seed",
                    "1",
                    "--generation-deterministic",
                    "--suppress-health-check",
                    "all",
                    "--report",
                    "junit",
                    "--report-dir",
                    reports,
                    *headers,
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        output = RESULTS / f"chaos-schemathesis-{who}.txt"
        output.write_text(result.stdout + result.stderr)
        lines = result.stdout.strip().splitlines() or ["no output"]
        print(f"  schemathesis ({who}): {lines[-1]} (all of it in {output.relative_to(ROOT)})")
        failures += result.returncode != 0
    return {"schemathesis_runs": 2, "failures": failures}


def big_text(paragraphs: int) -> bytes:
    sentences = [
        "The parties agreed on prior notification of military exercises.",
        "Observers were invited to the manoeuvres near the border.",
        "Talks on the CFE Treaty and an exchange of military information went on.",
        "A hotline between the capitals was tested again this week.",
    ]
    rng = random.Random(7)
    return "\n\n".join(
        f"Paragraph {n}. " + " ".join(rng.choice(sentences) for _ in range(4))
        for n in range(paragraphs)
    ).encode()


@scenario("kill-ingest")
def kill_ingest(run: Run) -> dict:
    """kill -9 of `manage.py ingest` mid-run, several times: afterwards every document is whole
    (the passages that split_passages gives for its body, each inside it) or absent."""
    faults = failures = 0
    with tempfile.TemporaryDirectory() as folder:
        # One ingest left alone says how long one takes; the kills land inside that time.
        whole = Path(folder) / "chaos-whole.txt"
        whole.write_bytes(big_text(run.args.paragraphs - 1))
        started = time.monotonic()
        run.manage("ingest", str(whole), "--kind", "news")
        duration = time.monotonic() - started
        for attempt in range(run.args.kills):
            path = Path(folder) / f"chaos-{attempt}.txt"
            path.write_bytes(big_text(run.args.paragraphs + attempt))
            process = subprocess.Popen(
                [PYTHON, "manage.py", "ingest", str(path), "--kind", "news"],
                cwd=ROOT,
                env=run.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(duration * random.Random(attempt).uniform(0.3, 0.9))
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                faults += 1
            process.wait()
    broken = run.manage("shell", "--no-imports", "-c", CONSISTENCY, check=False)
    if broken.returncode != 0 or broken.stdout.strip() != "consistent":
        failures += 1
        print(
            "  kill-ingest: inconsistent state:\n" + broken.stdout[-3000:] + broken.stderr[-3000:]
        )
    return {"faults": faults, "failures": failures}


# -- curators against the matcher, and against each other ----------------------------------------


def _pending_links(run: Run, phrase: str, paragraphs: int) -> tuple[list[int], list[int]]:
    """Ingest a text whose every paragraph says `phrase`; its pending mention ids and the
    terms that made them."""
    text = "\n\n".join(
        f"Paragraph {n}: the sides discussed {phrase} near the border." for n in range(paragraphs)
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(text + f"\n\n{secrets.token_hex(8)}.")
    run.manage("ingest", handle.name, "--kind", "news")
    rows = run.sql(
        "SELECT m.id, m.term_id FROM cbm_mention m JOIN cbm_passage p ON p.id = m.passage_id "
        "JOIN cbm_document d ON d.id = p.document_id "
        f"WHERE d.source_name = '{Path(handle.name).name}' AND m.status = 'pending' ORDER BY m.id"
    )
    os.unlink(handle.name)
    return [row[0] for row in rows], sorted({row[1] for row in rows if row[1]})


def _accept(run: Run, token: str, pk: int, **body) -> int:
    response = requests.post(
        f"{run.base_url}/api/v1/mentions/{pk}/accept/",
        json=body,
        headers={"Authorization": f"Token {token}"},
        timeout=90,
    )
    return response.status_code


@scenario("suggest-vs-accepts")
def suggest_vs_accepts(run: Run) -> dict:
    """A term is deactivated and `manage.py suggest` withdraws its pending links while two
    curators accept them through the API: every accept answered 200 must have stuck."""
    ids, terms = _pending_links(run, "advance notification of exercises", run.args.links)
    if not ids or not terms:
        print("  suggest-vs-accepts: the matcher made no pending links to race")
        return {"failures": 1}
    run.sql(
        f"UPDATE cbm_term SET is_active = false WHERE id IN ({','.join(map(str, terms))}) "
        "RETURNING id"
    )
    token = run.token()
    suggest = subprocess.Popen(
        [PYTHON, "manage.py", "suggest", "--batch-size", "50"],
        cwd=ROOT,
        env=run.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = dict(zip(ids, pool.map(lambda pk: _accept(run, token, pk), ids), strict=True))
    suggest_error = suggest.communicate(timeout=600)[1]
    run.sql(
        f"UPDATE cbm_term SET is_active = true WHERE id IN ({','.join(map(str, terms))}) "
        "RETURNING id"
    )
    said_ok = [pk for pk, code in codes.items() if code == 200]
    kept = {
        row[0]
        for row in run.sql(
            "SELECT id FROM cbm_mention WHERE status = 'accepted' AND id = ANY(ARRAY["
            + ",".join(map(str, said_ok or [0]))
            + "]::bigint[])"
        )
    }
    counts = Counter(codes.values())
    errors = sum(n for code, n in counts.items() if code >= 500 and code != 503)
    if suggest.returncode != 0:
        errors += 1
        print("  suggest failed: " + suggest_error[-2000:])
    return {
        "requests": len(codes),
        "races": len(ids),
        "accepted_200": len(said_ok),
        "refused_404_409": counts[404] + counts[409],
        "busy_503": counts[503],
        "errors": errors,
        "decisions_lost": len(set(said_ok) - kept),
        "failures": len(set(said_ok) - kept),
    }


@scenario("racing-edits")
def racing_edits(run: Run) -> dict:
    """Two curators edit one link at once, many times over: a span correction racing an accept
    with a note (both must land), and two writers sending the same version (one 200, one 409)."""
    ids, _ = _pending_links(run, "mutual observation of exercises", run.args.links // 4 or 10)
    if not ids:
        print("  racing-edits: the matcher made no pending links to race")
        return {"failures": 1}
    token = run.token()
    headers = {"Authorization": f"Token {token}"}
    half = len(ids) // 2
    codes, lost, double = Counter(), 0, 0

    def correct(pk, version=None):
        body = {"quote": "mutual observation of exercises"}
        if version:  # a span no suggestion has, so the correction really changes the link
            body = {"quote": "discussed mutual observation of exercises", "version": version}
        response = requests.patch(
            f"{run.base_url}/api/v1/mentions/{pk}/", json=body, headers=headers, timeout=90
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        for pk in ids[:half]:  # no versions: both changes must land
            results = list(
                pool.map(
                    lambda f: f(),
                    [
                        lambda pk=pk: correct(pk),
                        lambda pk=pk: _accept(run, token, pk, note="checked"),
                    ],
                )
            )
            codes.update(results)
            row = run.sql(f"SELECT quote, status, note FROM cbm_mention WHERE id = {pk}")[0]
            if results == [200, 200] and row != (
                "mutual observation of exercises",
                "accepted",
                "checked",
            ):
                lost += 1
        for pk in ids[half:]:  # the same version twice: exactly one may win
            version = run.sql(f"SELECT version FROM cbm_mention WHERE id = {pk}")[0][0]
            results = list(
                pool.map(
                    lambda f: f(),
                    [
                        lambda pk=pk, version=version: correct(pk, version),
                        lambda pk=pk, version=version: _accept(run, token, pk, version=version),
                    ],
                )
            )
            codes.update(results)
            if sorted(results) != [200, 409]:
                double += 1
    errors = sum(n for code, n in codes.items() if code >= 500)
    return {
        "requests": sum(codes.values()),
        "races": len(ids),
        "errors": errors,
        "decisions_lost": lost,
        "stale_writes_let_through": double,
        "failures": lost + double,
    }


# Every document's passages are exactly what ingest makes of its body (none missing, none extra).
CONSISTENCY = """
from cbm.ingest import read_metadata, split_passages
from cbm.models import Document
bad = []
for document in Document.objects.prefetch_related("passages"):
    stored = sorted((p.start, p.end) for p in document.passages.all())
    expected = split_passages(document.body, read_metadata(document.body).content_start)
    if stored != sorted(expected):
        bad.append(document.pk)
print("inconsistent: %s" % bad if bad else "consistent")
"""
