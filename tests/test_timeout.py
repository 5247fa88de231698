"""A request stopped by the statement timeout is a clear 503, never a 500."""

import pytest
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory

from cbm.middleware import BadInputMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]  # statement_timeout is PostgreSQL's


def cancelled_by_timeout() -> OperationalError:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 10")
            cursor.execute("SELECT pg_sleep(1)")
    except OperationalError as error:
        return error
    raise AssertionError("the statement was not cancelled")


@pytest.mark.parametrize(
    ("path", "kind", "words"),
    [("/api/v1/passages/", "application/json", "too long"), ("/search/", "text/html", "Too slow")],
)
def test_a_statement_timeout_is_a_503_with_a_message(path, kind, words):
    error = cancelled_by_timeout()
    response = BadInputMiddleware(lambda r: None).process_exception(
        RequestFactory().get(path), error
    )
    assert response.status_code == 503
    assert response["Content-Type"].startswith(kind)
    assert response["Retry-After"]
    assert words in response.content.decode()


def test_other_operational_errors_are_not_hidden():
    error = OperationalError("connection lost")
    assert BadInputMiddleware(lambda r: None).process_exception(None, error) is None
