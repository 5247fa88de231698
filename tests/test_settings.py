"""Production settings are safe: no secret in the repo, check --deploy clean."""

import os
import subprocess
import sys

from .conftest import ROOT


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x7Qz9" * 10,
        DJANGO_ALLOWED_HOSTS="cbm-registry.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_mode_works_without_a_secret_for_local_development():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_migrations_are_in_step_with_the_models():
    result = manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_manage_py_alone_is_a_development_tool_but_production_stays_strict():
    """No environment at all: manage.py works (development mode); DJANGO_DEBUG=0 still refuses."""
    assert manage("check").returncode == 0
    assert "DJANGO_SECRET_KEY is not set" in manage("check", DJANGO_DEBUG="0").stderr
