"""make run's demo curator: a Curators member, not a superuser, with stable credentials."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(**kwargs):
    out = StringIO()
    call_command("ensure_demo_curator", stdout=out, **kwargs)
    return out.getvalue()


def test_demo_curator_is_a_staff_curator_not_a_superuser():
    output = run(username="demo", password="a-demo-password-123")
    user = get_user_model().objects.get(username="demo")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Curators"]
    assert user.check_password("a-demo-password-123")
    assert "username 'demo', password 'a-demo-password-123'" in output


def test_running_it_again_keeps_one_account(monkeypatch):
    monkeypatch.setenv("DEMO_CURATOR_PASSWORD", "from-the-environment-42")
    run(username="demo")
    run(username="demo")
    users = get_user_model().objects.filter(username="demo")
    assert users.count() == 1
    assert users.get().check_password("from-the-environment-42")


def test_curators_may_curate_but_not_manage_users_or_delete_documents():
    run(username="demo", password="a-demo-password-123")
    user = get_user_model().objects.get(username="demo")
    assert user.has_perm("cbm.change_mention") and user.has_perm("cbm.add_document")
    assert not user.has_perm("cbm.delete_document")
    assert not user.has_perm("auth.add_user")
