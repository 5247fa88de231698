"""Anonymous API clients see how each link came to be, never curators' notes or user names."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.mark.parametrize("endpoint", ["mentions", "citations"])
def test_anonymous_clients_get_provenance_not_notes_or_user_names(
    gold_links, curator, curator_client, endpoint
):
    response = APIClient().get(f"{API}/{endpoint}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'"{curator.username}"' not in body and "Gold label" not in body
    rows = response.json()["results"]
    assert rows
    for row in rows:
        assert "note" not in row and "reviewed_by" not in row
        provenance = row["provenance"]
        assert provenance["found_by"] and provenance["accepted_at"]
        assert provenance["accepted_by"] == "a curator"
    curator_rows = curator_client.get(f"{API}/{endpoint}/").json()["results"]
    assert any(row["note"] for row in curator_rows)
    assert any(row["reviewed_by"] == curator.username for row in curator_rows)
