from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from cbm.registry_data import load_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "fixtures" / "registry"
ARTICLES = ROOT / "fixtures" / "articles"
ARTICLE_000 = ARTICLES / "000_cefd1cf698c77b03.txt"
ARTICLE_004 = ARTICLES / "004_1b91943ee29908d2.txt"


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages render against the hashed static manifest, as in production."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real registry (taxonomy, lexicon, instruments) is loaded once for the session."""
    with django_db_blocker.unblock():
        load_registry(REGISTRY)
