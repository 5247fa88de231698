from pathlib import Path

import django.contrib.staticfiles.handlers as staticfiles_handlers
import pytest
from django.core.management import call_command
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from cbm.registry_data import load_registry

# Property tests are reproducible by default, so CI is never flaky; to search with fresh
# randomness run `pytest --hypothesis-profile=explore` (and fix what it finds).
hypothesis_settings.register_profile("default", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "fixtures" / "registry"
ARTICLES = ROOT / "fixtures" / "articles"
ARTICLE_000 = ARTICLES / "000_cefd1cf698c77b03.txt"
ARTICLE_004 = ARTICLES / "004_1b91943ee29908d2.txt"


class ServeStaticLikeProduction:
    """Live-server tests serve /static/ as production does: WhiteNoise, from the collected,
    hashed files. (staticfiles' own handler looks files up by their unhashed names.)"""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return self.application(environ, start_response)


staticfiles_handlers.StaticFilesHandler = ServeStaticLikeProduction


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages render against the hashed static manifest, as in production."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture
def curator():
    """A member of the Curators group (not logged in anywhere)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("cura", password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def curator_client(curator):
    """An API client with the curator's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    return client


@pytest.fixture
def gold_links(curator):
    """As after make run: the two seeds ingested, their hand labels accepted by the curator."""
    from cbm.gold import load_gold
    from cbm.ingest import ingest_file

    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real registry (taxonomy, lexicon, instruments) is loaded once for the session."""
    with django_db_blocker.unblock():
        load_registry(REGISTRY)
        from .browser import snapshot_shared_data

        snapshot_shared_data()


@pytest.fixture(autouse=True)
def _postgres_marker(request):
    """Tests marked `postgres` need it: on another database they fail loudly, never skip."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.fail("This test needs PostgreSQL: run it with DATABASE_URL=postgres://…")


@pytest.fixture(autouse=True)
def _no_remembered_counts():
    """The API reuses an estimated count for a minute per process (cbm.api.pagination): one
    test's huge list must not stand for the next test's list of the same query."""
    from cbm.api import pagination

    pagination._estimates.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A live-server (or transactional) test runs in a database that is emptied when its
    fixtures are torn down; afterwards, put back the registry every other test expects."""
    result = yield
    fixtures = getattr(item, "fixturenames", ())
    flushed = item.get_closest_marker("django_db") and item.get_closest_marker(
        "django_db"
    ).kwargs.get("transaction")
    # After the last test the session's fixtures are gone (the test database with them):
    # nothing to put back, and nowhere to put it.
    if nextitem is None:
        return result
    if "live_server" in fixtures or "transactional_db" in fixtures or flushed:
        from pytest_django.plugin import blocking_manager_key

        from .browser import restore_shared_data

        with item.config.stash[blocking_manager_key].unblock():
            restore_shared_data()
    return result
