"""The live app the scenarios run against: a throwaway database, production settings, gunicorn."""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cbm_harden_chaos"
RESULTS = ROOT / "bench" / "results"
CURATOR = ("chaos-curator", "chaos-curator-password-" + secrets.token_hex(4))

SCENARIOS: dict[str, Callable[["Run"], dict]] = {}


def scenario(name: str):
    def register(function):
        SCENARIOS[name] = function
        return function

    return register


@dataclass
class Run:
    """The live app and how to reach it: base_url, env (production settings), manage()."""

    base_url: str
    env: dict
    args: argparse.Namespace
    figures: dict = field(default_factory=dict)

    def manage(self, *args, check=True, **popen) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            **popen,
        )

    def sql(self, query: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"]) as connection:
            return connection.execute(query).fetchall()

    def token(self) -> str:
        response = requests.post(
            f"{self.base_url}/api/v1/auth/token/",
            json={"username": CURATOR[0], "password": CURATOR[1]},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()["token"]


# -- the app --------------------------------------------------------------------------------------


def fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("cbm_") or "chaos" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the chaos database's name holds 'chaos'")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def production_env(args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CBM_"))}
    env.pop("REDIS_URL", None)
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "registry.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "chaos-" + secrets.token_hex(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; HSTS etc. stay on
        "DATABASE_URL": args.database_url,
        # The load test is one client; the throttle itself is tested in the suite.
        "CBM_API_ANON_RATE": "1000000/minute",
        "DEMO_CURATOR_USERNAME": CURATOR[0],
        "DEMO_CURATOR_PASSWORD": CURATOR[1],
    }


def prepare(run: Run) -> None:
    steps = [
        ("migrate", "--noinput"),
        ("collectstatic", "--noinput"),
        ("load_registry",),
        ("ensure_demo_curator",),
        ("ingest", "fixtures/articles", "--kind", "news", "--no-suggest"),
        ("load_gold", "--reviewer", CURATOR[0]),
        ("suggest",),
    ]
    for step in steps:
        run.manage(*step)


def serve(run: Run, port: int) -> subprocess.Popen:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: stop what listens there, or pass --port")
    log = (RESULTS / "chaos-gunicorn.log").open("w")  # the 4xx the scenarios provoke
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "registry.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=run.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            if requests.get(run.base_url + "/", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited while starting")
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer on " + run.base_url)
