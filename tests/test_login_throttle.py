"""Guessing passwords is cut short: after a few wrong ones for a user name from one address, the
admin login and the API token view refuse every try (429, with a message) until the cool-off
ends or an administrator unlocks the user; other users and addresses are not affected."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

PASSWORD = "the-right-password-9"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def cool_off_passes():
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    )


def token(client, password, ip="10.0.0.1"):
    return client.post(
        TOKEN, {"username": "curator", "password": password}, format="json", REMOTE_ADDR=ip
    )


def test_the_token_view_locks_out_a_guesser_until_the_cool_off(transactional_db, limit):
    """Transactional: the view runs outside a request transaction, as in production, so the
    failures it records survive its 400s."""
    get_user_model().objects.create_user("curator", password=PASSWORD)
    client = APIClient()
    for _ in range(limit - 1):
        response = token(client, "wrong")
        assert response.status_code == 400
        assert "Unable to log in" in str(response.json())
    locked = token(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.json()["detail"]
    assert int(locked["Retry-After"]) > 0

    refused = token(client, PASSWORD)  # the right password, too late
    assert refused.status_code == 429 and "try again later" in refused.json()["detail"]
    assert token(client, PASSWORD, ip="10.0.0.2").status_code == 200  # another address

    cool_off_passes()
    response = token(client, PASSWORD)
    assert response.status_code == 200 and response.json()["token"]


@pytest.mark.django_db
def test_the_admin_login_locks_out_a_guesser_and_an_administrator_can_unlock(client, limit):
    get_user_model().objects.create_user("curator", password=PASSWORD, is_staff=True)

    def login(password):
        return client.post(
            "/admin/login/?next=/admin/", {"username": "curator", "password": password}
        )

    assert [login("wrong").status_code for _ in range(limit - 1)] == [200] * (limit - 1)
    locked = login("wrong")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert login(PASSWORD).status_code == 429

    admin = get_user_model().objects.create_superuser("boss", password="boss-password-3")
    boss = type(client)()
    boss.force_login(admin)
    attempt = AccessAttempt.objects.get(username="curator")
    assert "curator" in boss.get("/admin/axes/accessattempt/").content.decode()
    assert (
        boss.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    response = login(PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, limit):
    get_user_model().objects.create_user("curator", password=PASSWORD, is_staff=True)
    for _ in range(limit):
        client.post("/admin/login/", {"username": "curator", "password": "wrong"})
    cool_off_passes()
    response = client.post("/admin/login/", {"username": "curator", "password": PASSWORD})
    assert response.status_code == 302
