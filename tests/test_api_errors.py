"""Every API failure is a JSON answer with the right status, never an HTML page or a 500:
deeply nested JSON, oversized bodies, unknown URLs, wrong methods, a database outage."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import OperationalError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cbm.models import Document

pytestmark = pytest.mark.django_db
API = "/api/v1"
WRITES = ["/auth/token/", "/documents/", "/mentions/"]


@pytest.fixture
def curator_client():
    return make_curator_client()


def make_curator_client():
    user = get_user_model().objects.create_user("cura", password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Curators"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def assert_json_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def test_deeply_nested_json_is_a_400_not_a_crash(transactional_db):
    """Anonymous and authenticated, on the token view and the writes. Transactional: the token
    view runs outside a request transaction, as in production."""
    clients = {"anonymous": APIClient(), "curator": make_curator_client()}
    for (who, client), path in itertools.product(clients.items(), WRITES):
        for body in (nested(100_000), '{"text": ' + nested(5000) + "}"):
            response = client.post(API + path, body, content_type="application/json")
            if who == "anonymous" and path != "/auth/token/":
                assert_json_error(response, 401)  # refused before the body is read
            else:
                assert "nested deeper than 32 levels" in assert_json_error(response, 400)["detail"]
    assert not Document.objects.exists()


def test_ordinary_nesting_and_brackets_inside_strings_are_fine(curator_client):
    text = "Observers [" * 40 + " were invited to the exercise."
    response = curator_client.post(
        f"{API}/documents/", {"text": text, "title": "{[("}, format="json"
    )
    assert response.status_code == 201, response.content


def test_a_body_larger_than_the_server_reads_is_a_413_in_json(curator_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"text": "' + "x" * 2000 + '"}'
    detail = assert_json_error(
        curator_client.post(f"{API}/documents/", body, content_type="application/json"), 413
    )["detail"]
    assert "larger than 1,000 bytes" in detail
    form = assert_json_error(
        APIClient().post(f"{API}/auth/token/", {"username": "x" * 2000, "password": "y"}), 413
    )
    assert "larger than" in form["detail"]


def test_unknown_urls_and_methods_under_the_api_are_json(curator_client):
    assert assert_json_error(APIClient().get(f"{API}/no-such-thing/"), 404) == {
        "detail": "Not found."
    }
    assert_json_error(APIClient().get("/api/v2/"), 404)
    assert_json_error(curator_client.post(f"{API}/categories/", {}), 405)
    assert_json_error(APIClient().get(f"{API}/auth/token/"), 405)


def test_an_unknown_format_is_a_400_naming_the_formats(curator_client):
    """?format=xlsx was a 404 "Not found." (DRF's negotiation), as if the list did not exist;
    the check meant to name the formats (StrictFilterBackend) was never reached."""
    answer = assert_json_error(APIClient().get(f"{API}/mentions/?format=xlsx"), 400)
    assert answer == {"format": "one of: api, csv, json."}
    detail = assert_json_error(APIClient().get(f"{API}/categories/?format=csv"), 400)
    assert detail == {"format": "one of: api, json."}
    assert APIClient().get(f"{API}/mentions/?format=csv").status_code == 200
    assert curator_client.get(f"{API}/documents/?format=json").status_code == 200


@pytest.mark.parametrize("endpoint", ["documents", "passages", "mentions"])
def test_an_unknown_language_is_a_400_naming_it(endpoint):
    """?language=zz answered 200 with an empty list (kind=zz, beside it, is a 400)."""
    answer = assert_json_error(APIClient().get(f"{API}/{endpoint}/?language=zz"), 400)
    assert list(answer) == ["language"] and "zz" in str(answer)
    assert APIClient().get(f"{API}/{endpoint}/?language=ru").status_code == 200


def test_pages_keep_their_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_a_database_outage_is_a_503_in_json_for_the_api_and_a_page_for_readers(client, monkeypatch):
    from cbm.api import views

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.CategoryViewSet, "get_queryset", down)
    body = assert_json_error(APIClient().get(f"{API}/categories/"), 503)
    assert "database is unavailable" in body["detail"]

    from cbm import views as pages

    monkeypatch.setattr(pages.HomeView, "get_context_data", down)
    response = client.get("/")
    assert response.status_code == 503 and b"unavailable" in response.content
    assert response["Retry-After"]


class StatementTimeout(Exception):
    sqlstate = "57014"  # PostgreSQL's query_canceled, as psycopg gives it


def timed_out(*args, **kwargs):
    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = StatementTimeout()
    raise error


def out_of_range(*args, **kwargs):
    raise OverflowError("Python int too large to convert to SQLite INTEGER")


@pytest.mark.parametrize(
    ("fail", "status", "words"),
    [
        (timed_out, 503, "Слишком долго</h1><p>Запрос выполнялся в базе данных слишком долго"),
        (out_of_range, 400, "Запрос не удалось прочитать</h1><p>Значение в запросе нельзя"),
    ],
)
def test_a_russian_page_that_times_out_or_gets_a_value_out_of_range_says_so_in_russian(
    client, monkeypatch, fail, status, words
):
    """A statement timeout (503) or an unstorable value (400) on /ru/ is a Russian page; the
    API keeps its English JSON."""
    from cbm import views as pages
    from cbm.api import views

    monkeypatch.setattr(pages.HomeView, "get_context_data", fail)
    response = client.get("/ru/")
    assert response.status_code == status and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert '<html lang="ru">' in page and words in page
    monkeypatch.setattr(views.CategoryViewSet, "get_queryset", fail)
    detail = assert_json_error(APIClient().get(f"{API}/categories/"), status)["detail"]
    assert detail.startswith(("This request took too long", "A value in the request"))


def test_an_unexpected_crash_under_the_api_is_a_500_in_json(monkeypatch):
    from cbm.api import views

    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(views.CategoryViewSet, "get_queryset", crash)
    client = APIClient(raise_request_exception=False)
    assert "logged" in assert_json_error(client.get(f"{API}/categories/"), 500)["detail"]


@pytest.mark.parametrize(
    "url", ["/mentions/?search=", "/documents/?search=", "/terms/?search=", "/passages/?q="]
)
def test_a_search_of_too_many_words_is_a_400_naming_it(url):
    """A free-text parameter longer than the site's search takes (200 characters) is a 400
    that names it and says the limit, as the search page does; never a 503 that blames the
    database (SQLite refuses a query of a condition per word past a few hundred words)."""
    response = APIClient().get(API + url + "w " * 1000)
    body = assert_json_error(response, 400)
    name = url.split("?")[1].rstrip("=")
    assert "at most 200 characters" in str(body[name])
    assert APIClient().get(API + url + "w " * 50).status_code == 200
