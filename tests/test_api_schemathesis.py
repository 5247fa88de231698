"""Property-based requests generated from our own OpenAPI schema: no 5xx, and every response
fits the schema. Bounded (a few examples per operation) so the suite stays fast; for a deeper
search set CBM_SCHEMATHESIS_EXAMPLES (examples per operation, e.g. 50) and fix what it finds."""

import os
from unittest import mock

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
)

from registry.wsgi import application

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
EXAMPLES = int(os.environ.get("CBM_SCHEMATHESIS_EXAMPLES") or 0)

# Loaded while tests are collected, before any database is open: the throttle's cache is kept in
# memory and the slug filters' enums (read from the registry) are left out for this load.
with (
    override_settings(CACHES={"default": {"BACKEND": LOCMEM}}),
    mock.patch("cbm.api.schema._slugs", return_value={}),
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """Calling the WSGI app directly fires request_started/finished, whose handler would close
    the test's connection (and its transaction) on PostgreSQL; Django's test client
    disconnects it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def not_a_server_error(ctx, response, case):
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}"
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES or 6,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_answers_every_generated_request_without_a_server_error(case):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, negative_data_rejection]
    )


@pytest.mark.django_db
@schema.include(method=["POST", "PATCH"]).parametrize()
@settings(
    max_examples=EXAMPLES or 8,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_curator_writes_never_fail_with_a_server_error(case):
    """The same, authenticated as a curator, so generated bodies reach the write paths."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from cbm.ingest import ingest_bytes

    user, _ = get_user_model().objects.get_or_create(username="schema-curator")
    user.groups.add(Group.objects.get(name="Curators"))
    token, _ = Token.objects.get_or_create(user=user)
    ingest_bytes(b"Talks on the CFE Treaty and prior notification of exercises went on.")
    case.call_and_validate(
        headers={"Authorization": f"Token {token.key}"},
        checks=[not_a_server_error, response_schema_conformance],
    )


# PostgreSQL only: over HTTP the database matters where PostgreSQL is the stricter one (NUL
# characters, integer ranges, the statement timeout); on SQLite this run repeated eight minutes
# of CI that the in-process tests above already cover.
@pytest.mark.postgres
def test_every_schemathesis_check_passes_against_a_live_server(transactional_db, live_server):
    """`schemathesis run --checks all` over HTTP, anonymous and as a curator, on the demo data:
    no server error, every status and body as the schema says, reads open, writes guarded.
    Bounded (a few examples per operation); python -m bench.chaos runs it with more."""
    import subprocess
    import sys
    from pathlib import Path

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from cbm.gold import load_gold
    from cbm.ingest import ingest_file
    from cbm.suggest import suggest

    from .conftest import ARTICLE_000, ARTICLE_004, ROOT

    user = get_user_model().objects.create_user("schema-curator", password="a-long-password-5")
    user.groups.add(Group.objects.get(name="Curators"))
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=user)
    suggest()
    token = Token.objects.create(user=user).key
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server.url}/api/v1/schema/?format=json",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES or 3),
        "--generation-deterministic",
        "--suppress-health-check",
        "all",
        # Known gap: schemathesis cannot generate bodies for creating a link by hand (its anyOf
        # of start+end or quote beside the optional version fields: "Schema Error: cannot
        # generate test data"). Those operations are covered by tests/test_api.py,
        # tests/test_api_positions.py and tests/test_concurrency.py; every other operation
        # runs with every check.
        "--exclude-operation-id-regex",
        "^(mentions|citations|positions)_create$",
    ]
    for headers in ([], ["-H", f"Authorization: Token {token}"]):
        result = subprocess.run(
            command + headers, cwd=ROOT, capture_output=True, text=True, timeout=900
        )
        assert result.returncode == 0, result.stdout[-8000:]
