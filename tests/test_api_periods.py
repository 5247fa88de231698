"""Every API list with a period (published_after to published_before) refuses one that ends
before it starts with a 400 naming published_before, as /api/v1/search/ does, instead of an
empty list."""

import pytest

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/documents/",
    "/api/v1/mentions/",
    "/api/v1/citations/",
    "/api/v1/positions/",
    "/api/v1/mentions/annotations/",
    "/api/v1/positions/annotations/",
]
REVERSED = {"published_after": "2024-01-01", "published_before": "2020-01-01"}


@pytest.mark.parametrize("url", LISTS)
def test_a_period_that_ends_before_it_starts_is_a_400_naming_published_before(client, url):
    response = client.get(url, REVERSED)
    assert response.status_code == 400, url
    assert response.json()["published_before"] == ["The period must start before it ends."]


@pytest.mark.parametrize("url", LISTS)
def test_a_period_of_one_day_or_one_end_is_still_a_list(client, url):
    for period in (
        {"published_after": "2022-01-09", "published_before": "2022-01-09"},
        {"published_after": "2024-01-01"},
        {"published_before": "2020-01-01"},
    ):
        assert client.get(url, period).status_code == 200, (url, period)
