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
