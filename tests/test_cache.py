"""Throttle counts are shared by every worker: the cache is Redis or a database table, never one
process's memory (production refuses to start with such a cache)."""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from .conftest import ROOT

# One anonymous request through DRF's throttle at 3/minute; prints whether it was allowed.
ONE_REQUEST = """
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle
AnonRateThrottle.THROTTLE_RATES = {"anon": "3/minute"}
request = Request(RequestFactory().get("/api/v1/categories/", REMOTE_ADDR="10.9.8.7"))
print(AnonRateThrottle().allow_request(request, None))
"""


def manage(*args, database):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_two_processes_share_one_throttle_count(tmp_path):
    """Each request runs in a new process (as under gunicorn's workers): the fourth is refused."""
    database = tmp_path / "shared.sqlite3"
    manage("createcachetable", database=database)
    answers = [
        manage("shell", "--no-imports", "-c", ONE_REQUEST, database=database) for _ in range(4)
    ]
    assert answers == ["True", "True", "True", "False"]


def test_production_refuses_a_per_process_cache():
    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=memory, DEBUG=False):
        assert "cbm.E001" in {message.id for message in run_checks()}
    with override_settings(DEBUG=False):
        assert "cbm.E001" not in {message.id for message in run_checks()}


def test_redis_is_used_where_configured():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.CACHES)"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "registry.settings",
            "REDIS_URL": "redis://127.0.0.1:6379/1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "RedisCache" in result.stdout and "redis://127.0.0.1:6379/1" in result.stdout


@pytest.mark.django_db
def test_with_redis_the_throttle_counts_per_window_in_redis(monkeypatch):
    """With Redis as the cache (as in production), the fourth anonymous request in a minute
    at 3/minute is a 429 that says when to come back, counted by one Redis key per client and
    window (cbm.api.throttling); curators are not throttled. Needs Redis on 127.0.0.1:6379."""
    import redis
    from rest_framework.test import APIClient
    from rest_framework.throttling import AnonRateThrottle

    # A key prefix of its own per run, so any number of runs (SQLite, PostgreSQL, other
    # checkouts) can share one Redis without counting each other's requests.
    location = "redis://127.0.0.1:6379/3"
    prefix = f"cbm-test-{uuid.uuid4().hex}"
    server = redis.Redis.from_url(location)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.fail("no Redis on 127.0.0.1:6379: start it (redis-server --port 6379) and run again")
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        with override_settings(CACHES=caches):
            client = APIClient()
            answers = [client.get("/api/v1/categories/") for _ in range(4)]
            assert [a.status_code for a in answers] == [200, 200, 200, 429]
            assert 0 < int(answers[-1]["Retry-After"]) <= 60
            keys = server.keys(f"{prefix}:*throttle_anon_*")
            assert len(keys) == 1 and int(server.get(keys[0])) == 4
            assert 0 < server.ttl(keys[0]) <= 61
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)


@pytest.mark.django_db
def test_with_redis_out_of_reach_the_api_still_answers(monkeypatch, caplog):
    """Redis down (nothing listens on its port): anonymous API reads are let through, with a
    warning in the log, never a server error."""
    from rest_framework.test import APIClient
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=caches):
        answers = [APIClient().get("/api/v1/categories/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert "Redis out of reach" in caplog.text
