"""A fresh QA pass over the public pages: what a reader met that was wrong."""

import pytest

from .test_pages import demo, html  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_document_filter_errors_name_the_filter_in_the_pages_language(client, demo):  # noqa: F811
    """A bad year or kind says which filter, by its label: the Russian page said 'kind' and
    'year' (the form's field names) above the Russian messages."""
    page = html(client, "/ru/documents/?year=abc&kind=zz")
    assert "Год: Введите целое число." in page
    assert "Вид: Выберите корректный вариант." in page
    assert ">year<" not in page and ">kind<" not in page
    english = html(client, "/documents/?year=abc")
    assert "Year: Enter a whole number." in english
    # Search said only 'Enter a valid date.' with two date fields in the form.
    search = html(client, "/search/?q=troops&published_after=2020-13-01&measure_type=zz")
    assert "From: Enter a valid date." in search and "Measure type: Select a valid" in search


def test_a_mistyped_publication_year_is_refused_where_a_date_is_given(client, curator_client):
    """Year 0001 (or 0202 for 2022) was stored: one such document stretched the measure-type
    timeline over two thousand years (2,000 bars and year labels, a 385 KB page) and could not
    be found by the documents page's year filter (1900-2100)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cbm.ingest import IngestError, ingest_bytes
    from cbm.models import Document

    text = "Moscow proposed prior notification of exercises."
    for date in ("0001-01-01", "0202-01-09", "2999-01-01"):
        answer = curator_client.post(
            "/api/v1/documents/", {"text": text, "published_on": date}, format="json"
        )
        assert answer.status_code == 400 and "published_on" in answer.json(), answer.content
    with pytest.raises(IngestError, match="1900"):
        ingest_bytes(f"date 0202-01-09\n\n{text}".encode())
    with pytest.raises(IngestError, match="1900"):
        ingest_bytes(text.encode(), published_on="0202-01-09")  # as a string, too
    assert not Document.objects.exists()
    assert (
        curator_client.post(
            "/api/v1/documents/", {"text": text, "published_on": "1986-09-22"}, format="json"
        ).status_code
        == 201
    )
    # A curator correcting the date in the admin gets the same answer.
    user = get_user_model().objects.create_user("cleo", password="a-long-password-7", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    page = client.post(
        "/admin/cbm/document/ingest/", {"text": text + " Again.", "published_on": "0202-01-09"}
    ).content.decode()
    assert "1900" in page and Document.objects.count() == 1
    document = Document.objects.get()
    form = client.get(f"/admin/cbm/document/{document.pk}/change/").context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    answer = client.post(
        f"/admin/cbm/document/{document.pk}/change/", {**data, "published_on": "0202-01-09"}
    )
    assert answer.status_code == 200 and "1900" in answer.content.decode()
    document.refresh_from_db()
    assert document.published_on.year == 1986
