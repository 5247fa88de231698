"""`python -m bench.chaos`: prepare the app, run the chosen scenarios, print their figures."""

import argparse
import os
import signal
import sys
import time
from collections import Counter

from . import __doc__ as DOC
from . import scenarios  # noqa: F401  (registers them)
from .app import (
    DEFAULT_DATABASE,
    RESULTS,
    SCENARIOS,
    Run,
    fresh_database,
    prepare,
    production_env,
    serve,
)


def main(argv=None) -> int:
    sys.stdout.reconfigure(line_buffering=True)
    RESULTS.mkdir(exist_ok=True)
    parser = argparse.ArgumentParser(description=DOC.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("CHAOS_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", help="comma-separated scenarios, of: " + ", ".join(SCENARIOS))
    parser.add_argument("--requests", type=int, default=600, help="load: requests in all")
    parser.add_argument("--threads", type=int, default=8, help="load: concurrent clients")
    parser.add_argument("--max-examples", type=int, default=10, help="schemathesis, per operation")
    parser.add_argument("--kills", type=int, default=3, help="kill-ingest: ingests killed")
    parser.add_argument("--paragraphs", type=int, default=3000, help="kill-ingest: paragraphs")
    parser.add_argument(
        "--links", type=int, default=600, help="suggest-vs-accepts: pending links raced"
    )
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(SCENARIOS)
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    run = Run(base_url=f"http://127.0.0.1:{args.port}", env=production_env(args), args=args)
    fresh_database(args.database_url)
    prepare(run)
    server = serve(run, args.port)
    totals = Counter()
    try:
        for name in names:
            started = time.monotonic()
            figures = SCENARIOS[name](run)
            figures["seconds"] = round(time.monotonic() - started, 1)
            print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in figures.items()))
            totals.update(
                {
                    k: v
                    for k, v in figures.items()
                    if k in ("requests", "errors", "faults", "failures")
                }
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(
        "total: "
        + ", ".join(f"{key} {totals[key]}" for key in ("requests", "errors", "faults", "failures"))
    )
    return 1 if totals["errors"] or totals["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
