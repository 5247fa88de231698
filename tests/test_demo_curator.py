"""make run's demo curator: a Curators member, not a superuser, with stable credentials."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

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


def test_an_existing_superuser_is_refused_and_left_as_it_is():
    """It reset the password of any user it was named and dropped their superuser status."""
    admin = get_user_model().objects.create_superuser("boss", password="the-bosses-own-pw-1")
    with pytest.raises(CommandError, match=r"'boss' already exists.*superuser.*nothing changed"):
        run(username="boss", password="a-demo-password-123")
    admin.refresh_from_db()
    assert admin.is_superuser and admin.check_password("the-bosses-own-pw-1")
    assert not admin.groups.exists()


@pytest.mark.parametrize(
    "flags, what",
    [({"is_staff": False}, "not staff"), ({"is_active": False}, "inactive")],
)
def test_an_existing_account_that_is_not_a_curator_is_refused(flags, what):
    """Making it a curator would give it rights it does not have: refused, nothing changed."""
    user = get_user_model().objects.create_user("ann", password="anns-own-password-1", **flags)
    with pytest.raises(CommandError, match=f"'ann' already exists.*{what}"):
        run(username="ann", password="a-demo-password-123")
    user.refresh_from_db()
    assert user.check_password("anns-own-password-1") and not user.groups.exists()
    assert (user.is_staff, user.is_active) == (
        flags.get("is_staff", False),
        flags.get("is_active", True),
    )


def test_a_curator_whose_password_changed_keeps_it():
    """The demo curator (or any curator) who set another password keeps it: the command says
    so instead of resetting it, and still succeeds, so make run works again."""
    run(username="demo", password="a-demo-password-123")
    user = get_user_model().objects.get(username="demo")
    user.set_password("changed-in-the-admin-7")
    user.save()
    output = run(username="demo", password="a-demo-password-123")
    user.refresh_from_db()
    assert user.check_password("changed-in-the-admin-7")
    assert "already exists" in output and "password was not changed" in output
    assert "a-demo-password-123" not in output


def test_running_it_again_prints_the_same_credentials():
    """make run twice: the account it made is found as it left it."""
    run(username="demo", password="a-demo-password-123")
    output = run(username="demo", password="a-demo-password-123")
    assert "username 'demo', password 'a-demo-password-123'" in output
