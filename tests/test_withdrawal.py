"""A withdrawn document leaves every public page, search, anonymous API list, export and feed;
curators still see it, with its passages, links and history, and can restore or delete it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cbm.models import Document, Mention, Passage

from .conftest import ARTICLE_000

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def document(gold_links):
    return Document.objects.get(source_name=ARTICLE_000.name)


def public_urls(document):
    """Every public page, search, API list and export that could show the document."""
    mention = Mention.objects.accepted().filter(passage__document=document).first()
    citation = document.passages.filter(citation__status="accepted").first()
    words = " ".join(mention.passage.text.split()[3:6])
    urls = [
        "/",
        "/documents/",
        f"/documents/?year={document.published_on.year}" if document.published_on else "/",
        "/measures/",
        mention.measure_type.get_absolute_url(),
        "/instruments/",
        f"/search/?q={words}",
        f"/search/?measure_type={mention.measure_type.slug}",
        f"{API}/documents/",
        f"{API}/passages/",
        f"{API}/passages/?document={document.pk}",
        f"{API}/mentions/",
        f"{API}/citations/",
        f"{API}/mentions/annotations/",
        f"{API}/mentions/?format=csv",
        f"{API}/citations/?format=csv",
        f"{API}/passages/?format=csv",
        f"{API}/measure-types/{mention.measure_type.slug}/",
    ]
    if citation:
        urls.append(citation.citation_set.first().instrument.get_absolute_url())
    urls += [reverse(name) for name in _feeds_and_sitemaps()]
    return urls


def _feeds_and_sitemaps():
    from django.urls import NoReverseMatch

    names = []
    for name in ("cbm:feed-mentions", "cbm:sitemap"):
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        names.append(name)
    return names


def traces(document):
    """Strings that only this document's presence would put in a response."""
    passage = document.passages.order_by("ordinal").first()
    return [
        document.title,
        document.get_absolute_url(),
        f"/api/v1/documents/{document.pk}/",
        f'"document":{document.pk},',
        passage.text[:60],
    ]


def shown(client, url, document):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode().replace(" ", "").replace("\n", "")
    return [t for t in traces(document) if t.replace(" ", "").replace("\n", "") in body]


def test_a_withdrawn_document_is_absent_everywhere_public_and_kept_for_curators(
    document, curator, curator_client
):
    anonymous = Client()
    urls = public_urls(document)
    assert any(shown(anonymous, url, document) for url in urls)  # the test can see it
    before = anonymous.get(f"{API}/measure-types/").json()

    response = curator_client.patch(
        f"{API}/documents/{document.pk}/",
        {"withdrawn": True, "reason": "duplicate of a wire report"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["withdrawn"] is True

    for url in urls:
        assert shown(anonymous, url, document) == [], url
    passage = document.passages.first()
    for url in (document.get_absolute_url(), passage.get_absolute_url()):
        assert anonymous.get(url).status_code == 404
    for url in (f"{API}/documents/{document.pk}/", f"{API}/passages/{passage.pk}/"):
        assert anonymous.get(url).status_code == 404
    after = anonymous.get(f"{API}/measure-types/").json()
    assert sum(m["accepted_mentions"] for m in after["results"]) < sum(
        m["accepted_mentions"] for m in before["results"]
    )

    # Curators keep it all: the API, the reader (marked withdrawn), the admin, the history.
    assert curator_client.get(f"{API}/documents/{document.pk}/").status_code == 200
    assert Mention.objects.filter(passage__document=document).exists()
    curator.user_permissions.add(*Group.objects.get(name="Curators").permissions.all())
    staff = Client()
    curator.is_staff = True
    curator.save()
    staff.force_login(curator)
    assert (
        "Withdrawn from the public site" in staff.get(document.get_absolute_url()).content.decode()
    )
    assert staff.get(reverse("admin:cbm_document_change", args=[document.pk])).status_code == 200
    record = document.history.latest()
    assert record.history_user == curator
    assert record.history_change_reason == "withdrawn: duplicate of a wire report"

    response = curator_client.patch(
        f"{API}/documents/{document.pk}/", {"withdrawn": False}, format="json"
    )
    assert response.status_code == 200
    assert any(shown(anonymous, url, document) for url in urls)


def test_withdrawing_needs_a_reason_and_only_curators_may(document, curator_client):
    url = f"{API}/documents/{document.pk}/"
    response = curator_client.patch(url, {"withdrawn": True}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = curator_client.patch(url, {"title": "x"}, format="json")
    assert response.status_code == 400
    assert APIClient().patch(
        url, {"withdrawn": True, "reason": "x"}, format="json"
    ).status_code in (
        401,
        403,
    )
    document.refresh_from_db()
    assert not document.withdrawn


def test_deleting_needs_the_permission_and_takes_passages_and_links(document, curator_client):
    url = f"{API}/documents/{document.pk}/"
    assert curator_client.delete(url).status_code == 403  # curators withdraw; they do not delete
    root = get_user_model().objects.create_superuser("root", password="a-long-password-9")
    admin_api = APIClient()
    admin_api.force_authenticate(root)
    assert admin_api.delete(url).status_code == 204
    assert not Passage.objects.filter(document_id=document.pk).exists()
    assert not Mention.objects.filter(passage__document_id=document.pk).exists()


def test_the_admin_delete_page_lists_what_goes_with_the_document(document, client):
    root = get_user_model().objects.create_superuser("root", password="a-long-password-9")
    client.force_login(root)
    page = client.get(reverse("admin:cbm_document_delete", args=[document.pk])).content.decode()
    assert "Passages:" in page and "Mentions:" in page


def test_the_admin_withdraws_with_a_reason_and_restores(document, client, curator):
    curator.is_staff = True
    curator.save()
    client.force_login(curator)
    url = reverse("admin:cbm_document_withdrawal", args=[document.pk])
    change = client.get(reverse("admin:cbm_document_change", args=[document.pk]))
    assert url in change.content.decode()
    assert "This field is required" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "not about arms control"}).status_code == 302
    document.refresh_from_db()
    assert (document.withdrawn, document.withdrawal_reason) == (True, "not about arms control")
    assert client.post(url, {"reason": ""}).status_code == 302  # restoring needs no reason
    document.refresh_from_db()
    assert not document.withdrawn


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": 12345}, "text", "Must be a string"),
        ({"text": "12345"}, "text", "has no words"),
        ({"text": "Observers came.", "title": 7}, "title", "Must be a string"),
        (
            {"text": "Observers came.", "published_on": "2024-02-30"},
            "published_on",
            "not a real date",
        ),
        ({"text": "Observers came.", "published_on": "30/02/2024"}, "published_on", "format"),
        ({"text": "Observers came.", "colour": "red"}, "colour", "Unknown field"),
    ],
)
def test_document_create_checks_types_and_dates(curator_client, body, field, message):
    response = curator_client.post(f"{API}/documents/", body, format="json")
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])
    assert not Document.objects.exists()


def test_the_api_and_the_admin_default_to_the_same_kind(curator_client):
    response = curator_client.post(f"{API}/documents/", {"text": "Observers came."}, format="json")
    assert response.json()["kind"] == Document._meta.get_field("kind").default
