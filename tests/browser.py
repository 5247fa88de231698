"""Headless Chromium (Debian's package) driven by Playwright, for page tests."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management.color import no_style
from django.db import connection, transaction

from cbm.registry_data import load_registry

from .conftest import REGISTRY, ROOT

ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page():
    """A page in a fresh headless Chromium. Fails loudly if Chromium is missing: run make test."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are
    # still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # Every page visited must satisfy the Content-Security-Policy: Chromium reports each
            # refused script, style or image on the console.
            violations = []
            page.on(
                "console",
                lambda message: (
                    violations.append(f"{page.url}: {message.text}")
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            yield page
            assert not violations, "\n".join(violations)
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The cbm rows as the session's setup left them (migrations' data and the registry), taken once:
# reloading the registry from YAML after every flush cost half a minute a time.
SNAPSHOT = []
# The groups' rights as migrate left them, by natural key: flush re-creates the permissions, maybe
# under other ids, so a new migration's grants need no listing here.
GROUP_RIGHTS = {}


def snapshot_shared_data():
    SNAPSHOT[:] = [
        (model, list(model._base_manager.order_by("pk")))
        for model in apps.get_app_config("cbm").get_models(include_auto_created=True)
    ]
    GROUP_RIGHTS.clear()
    for group in Group.objects.prefetch_related("permissions__content_type"):
        GROUP_RIGHTS[group.name] = [
            (p.content_type.app_label, p.content_type.model, p.codename)
            for p in group.permissions.all()
        ]


def restore_shared_data():
    """A live-server test empties the database afterwards; put back what every test expects."""
    if not SNAPSHOT:
        load_registry(REGISTRY)
    else:
        # Foreign keys are checked at commit, so the order of the tables does not matter.
        with transaction.atomic():
            models = [m for m, rows in SNAPSHOT if rows and not m._base_manager.exists()]
            for model, rows in SNAPSHOT:
                if model in models:
                    model._base_manager.bulk_create(rows, batch_size=500)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    for name, rights in GROUP_RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get_by_natural_key(codename, app_label, model)
                for app_label, model, codename in rights
            ]
        )
