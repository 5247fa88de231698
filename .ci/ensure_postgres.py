"""Make sure PostgreSQL answers at the URL given, starting the local cluster if it is installed
and stopped. Exits non-zero with a clear message otherwise: the PostgreSQL run is never skipped."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg

url = sys.argv[1]
maintenance_url = url.rsplit("/", 1)[0] + "/postgres"


def reachable():
    try:
        psycopg.connect(maintenance_url, connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


if not reachable() and shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
    for version in sorted(p.name for p in Path("/etc/postgresql").iterdir()):
        print(f"Starting PostgreSQL {version} …", file=sys.stderr)
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
        )
    for _ in range(20):
        if reachable():
            break
        time.sleep(0.5)

if not reachable():
    sys.exit(
        f"PostgreSQL is not reachable at {maintenance_url}. The test suite must also pass on "
        "PostgreSQL: start it (or set POSTGRES_URL) and run make test again."
    )
print(f"PostgreSQL is up at {maintenance_url}.", file=sys.stderr)
