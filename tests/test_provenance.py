"""Every accepted link says how it came to be, on its permalink and in the API: found by
which term (or added by hand), accepted when and by whom (a public name the curator chose,
or "a curator"); never a user name."""

import re

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from cbm import curation
from cbm.models import CuratorProfile, Document, MeasureType, Mention
from cbm.provenance import describe, provenance

from .conftest import ARTICLE_000

pytestmark = pytest.mark.django_db
API = "/api/v1"


def name_curator(user, name):
    CuratorProfile.objects.update_or_create(user=user, defaults={"display_name": name})


def test_api_shows_the_public_name_a_curator_chose(gold_links, curator):
    """Once named, the curator's links carry that name; the user name never appears."""
    name_curator(curator, "J. Analyst, CBM Registry")
    response = APIClient().get(f"{API}/mentions/")
    rows = response.json()["results"]
    assert rows and {row["provenance"]["accepted_by"] for row in rows} == {
        "J. Analyst, CBM Registry"
    }
    assert f'"{curator.username}"' not in response.content.decode()


def test_api_list_queries_do_not_grow_with_names(gold_links, curator):
    """Public names come with the links (a join), not one query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    name_curator(curator, "J. Analyst")

    def count(size):
        with CaptureQueriesContext(connection) as queries:
            assert APIClient().get(f"{API}/mentions/?page_size={size}").status_code == 200
        return len(queries)

    assert count(2) == count(50)


def test_permalink_says_how_each_link_came_to_be(client, gold_links, curator):
    """Found by a term or added by hand; accepted on a date by the curator's public name."""
    name_curator(curator, "J. Analyst")
    document = Document.objects.get(source_name=ARTICLE_000.name)
    page = client.get(f"/documents/{document.pk}/passages/12/").content.decode()
    lines = re.findall(r'<span class="provenance">(.*?)</span>', page)
    assert lines and all(
        re.search(r"; accepted on \d+ \w+ \d{4} by J\. Analyst\.$", x) for x in lines
    )
    assert all(x.startswith(("Found by the term “", "Added by hand")) for x in lines)
    assert f">{curator.username}<" not in page and f" {curator.username} " not in page


def test_a_link_made_by_hand_and_an_unnamed_curator(curator):
    """A link a curator made is "added by hand"; with no public name, "a curator"."""
    document = Document.objects.create(
        title="t", body="Prior notification of exercises.", sha256="a" * 64
    )
    passage = document.passages.create(ordinal=1, start=0, end=32, text=document.body)
    link = curation.link_create(
        passage=passage,
        target=MeasureType.objects.get(slug="advance-notice"),
        start=0,
        end=18,
        by=curator,
        status="accepted",
    )
    facts = provenance(Mention.objects.get(pk=link.pk))
    assert facts["found_by"] == "added by hand" and facts["accepted_by"] == "a curator"
    assert describe(link).startswith("Added by hand; accepted on ")


def test_curators_edit_their_own_public_name_in_the_admin(client):
    """The admin's "public name" page opens the curator's own profile, and only theirs."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    me = users.create_user("me", password="a-long-password-9", is_staff=True)
    me.groups.add(Group.objects.get(name="Curators"))
    other = users.create_user("other", password="a-long-password-9", is_staff=True)
    theirs = CuratorProfile.objects.create(user=other, display_name="Other")
    client.force_login(me)
    response = client.get("/admin/cbm/curatorprofile/")
    mine = CuratorProfile.objects.get(user=me)
    assert response.status_code == 302 and response.url.endswith(
        f"/curatorprofile/{mine.pk}/change/"
    )
    response = client.post(response.url, {"display_name": "M. E. Curator"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.display_name == "M. E. Curator"
    assert client.get(f"/admin/cbm/curatorprofile/{theirs.pk}/change/").status_code in (302, 403)
    assert client.post(
        f"/admin/cbm/curatorprofile/{theirs.pk}/change/", {"display_name": "x"}
    ).status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.display_name == "Other"
