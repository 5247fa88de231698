"""Benchmark of the matcher and of suggest. Prints figures; asserts nothing.

    python -m bench.matching              # 100 MB corpus, 100,000 passages on SQLite and PostgreSQL
    python -m bench.matching --mb 10 --passages 10000 --databases sqlite

Reports: our matcher's MB/s on one core; a bare Aho-Corasick scan of the same terms' literal
phrases over the same text (the floor any matcher pays); their ratio (in wall-clock time, and
in CPU time, which other processes on a shared machine do not move); the same for the
matcher's other paths (Aho-Corasick, where Hyperscan is missing; the portable path), which
must find the same matches; and end-to-end suggest passages/s per database (a first run that
writes the suggestions, and a re-run that keeps them).
"""

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import ahocorasick
import django

django.setup()

from bench.corpus import ROOT, corpus  # noqa: E402
from bench.lexicon import cue_lists, lexicon  # noqa: E402
from cbm.matching import Matcher  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cbm_bench")


def literal(text: str) -> str:
    """A term's first literal reading: no *, no [optional] words, first of a/b."""
    words = [w for w in text.lower().split() if not w.startswith("[")]
    return " ".join(w.split("/")[0].rstrip("*") for w in words)


def baseline_automaton(specs):
    automaton = ahocorasick.Automaton()
    for spec in specs:
        for phrase in [spec.text, *spec.near.split(";")] if spec.near else [spec.text]:
            for part in phrase.split(";"):
                if literal(part):
                    automaton.add_word(literal(part), 1)
    automaton.make_automaton()
    return automaton


def run_matcher(paragraphs, specs):
    size_mb = sum(len(p.encode("utf-8")) + 1 for p in paragraphs) / 1_000_000
    cues, reach = cue_lists()
    for spec in specs:  # a list no file defines matches nothing, as in suggest
        for cue in (spec.cue, spec.unless):
            if cue is not None:
                cues.setdefault(cue, [])
    started = time.perf_counter()
    matcher = Matcher(specs, cues, reach=reach)
    compile_s = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    matches = sum(len(matcher.find(p)) for p in paragraphs)
    ours_s, ours_cpu = time.perf_counter() - started, time.process_time() - cpu

    # the Aho-Corasick path (where Hyperscan is missing): what find() took before Hyperscan
    started = time.perf_counter()
    automaton_matches = sum(len(matcher.find_automaton(p)) for p in paragraphs)
    automaton_s = time.perf_counter() - started

    # the portable path alone (one-word anchors): what every text took before the fast path
    started = time.perf_counter()
    portable_matches = sum(len(matcher.find_portable(p)) for p in paragraphs)
    portable_s = time.perf_counter() - started

    automaton = baseline_automaton(specs)
    started, cpu = time.perf_counter(), time.process_time()
    hits = 0
    for p in paragraphs:
        for _ in automaton.iter(p.lower()):
            hits += 1
    base_s, base_cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "corpus_mb": round(size_mb, 1),
        "paragraphs": len(paragraphs),
        "terms": len(specs),
        "compile_ms": round(compile_s * 1000, 1),
        "matcher_s": round(ours_s, 2),
        "matcher_mb_s": round(size_mb / ours_s, 1),
        "matches": matches,
        "hyperscan": matcher._fast is not None,
        "automaton_s": round(automaton_s, 2),
        "automaton_mb_s": round(size_mb / automaton_s, 1),
        "automaton_matches": automaton_matches,
        "automaton_ratio": round(base_s / automaton_s, 2),
        "portable_s": round(portable_s, 2),
        "portable_mb_s": round(size_mb / portable_s, 1),
        "portable_matches": portable_matches,
        "portable_ratio": round(base_s / portable_s, 2),
        "baseline_s": round(base_s, 2),
        "baseline_mb_s": round(size_mb / base_s, 1),
        "baseline_hits": hits,
        "ratio_to_baseline": round(base_s / ours_s, 2),
        # the same in CPU time: on a shared machine, what other processes take is left out
        "matcher_cpu_s": round(ours_cpu, 3),
        "baseline_cpu_s": round(base_cpu, 3),
        "cpu_ratio_to_baseline": round(base_cpu / ours_cpu, 2),
    }


def run_suggest(database: str, passages: int) -> dict:
    url = (
        f"sqlite:///{ROOT / 'bench' / 'results' / 'bench.sqlite3'}"
        if database == "sqlite"
        else POSTGRES_URL
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "bench.suggest_db", "--passages", str(passages)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return {"database": database, "error": result.stderr.strip().splitlines()[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    (ROOT / "bench" / "results").mkdir(exist_ok=True)

    specs = lexicon()
    print(f"Building a {args.mb:g} MB corpus …", flush=True)
    paragraphs = corpus(args.mb)
    m = run_matcher(paragraphs, specs)
    print(
        f"matcher : {m['matcher_mb_s']:>7} MB/s  ({m['corpus_mb']} MB, {m['paragraphs']:,} paragraphs, "
        f"{m['terms']} terms, compiled in {m['compile_ms']} ms, {m['matches']:,} matches, "
        f"{'Hyperscan' if m['hyperscan'] else 'no Hyperscan: the Aho-Corasick path'})"
    )
    print(
        f"baseline: {m['baseline_mb_s']:>7} MB/s  (bare Aho-Corasick over the literal phrases, {m['baseline_hits']:,} hits)"
    )
    print(
        f"ratio   : {m['ratio_to_baseline']:>7}× the baseline's speed "
        f"(in CPU time {m['cpu_ratio_to_baseline']}×: {m['matcher_cpu_s']} s against "
        f"{m['baseline_cpu_s']} s)"
    )
    print(
        f"automaton: {m['automaton_mb_s']:>6} MB/s  (the Aho-Corasick path, where Hyperscan is "
        f"missing, {m['automaton_ratio']}× the baseline, {m['automaton_matches']:,} matches: the same)"
        if m["automaton_matches"] == m["matches"]
        else f"automaton: DIFFERENT RESULTS: {m['automaton_matches']:,} matches"
    )
    print(
        f"portable: {m['portable_mb_s']:>7} MB/s  (the portable path alone, {m['portable_ratio']}× the "
        f"baseline, {m['portable_matches']:,} matches: the same)"
        if m["portable_matches"] == m["matches"]
        else f"portable: DIFFERENT RESULTS: {m['portable_matches']:,} matches"
    )
    for database in filter(None, args.databases.split(",")):
        s = run_suggest(database, args.passages)
        if "error" in s:
            print(f"suggest on {database}: FAILED: {s['error']}")
            continue
        print(
            f"suggest on {database:<10}: {s['first_per_s']:>7,} passages/s first run "
            f"({s['passages']:,} passages, {s['created']:,} suggestions written in {s['first_s']} s); "
            f"{s['rerun_per_s']:>7,} passages/s re-run ({s['kept']:,} kept)"
        )


if __name__ == "__main__":
    main()
