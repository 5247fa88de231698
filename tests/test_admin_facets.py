"""The admin's list of terms stays quick with the whole lexicon: its queries do not grow with
the terms, the counts beside its filters ("Show counts") cost a query each, and each term's
notation is read once, while a term the matcher cannot read still shows why."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbm.matching import matcher
from cbm.models import MeasureType, Term

pytestmark = pytest.mark.django_db
REASON = "no letters or digits"


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user("fay", password="a-long-password-7", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


def make_terms(word, count):
    """Terms of one measure type up to count, each with its own words (word0 notice …)."""
    target = MeasureType.objects.order_by("pk").first()
    have = Term.objects.filter(text__startswith=word).count()
    Term.objects.bulk_create(
        Term(measure_type=target, text=f"{word}{i} notice") for i in range(have, count)
    )


def get(client, query):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("admin:cbm_term_changelist") + query)
    assert page.status_code == 200
    return len(queries), page


@pytest.mark.parametrize("shown", ["", "&_facets=True", "&_facets=True&unmatched=no"])
def test_the_term_list_costs_the_same_queries_for_twice_the_terms(client, curator, shown):
    """Listing 40 terms costs the queries listing 20 does, with or without filter counts."""
    query = "?q=zqtwice" + shown
    make_terms("zqtwice", 20)
    get(client, query)  # (per-process caches warmed)
    twenty, page = get(client, query)
    assert page.context["cl"].result_count == 20
    make_terms("zqtwice", 40)
    forty, page = get(client, query)
    assert page.context["cl"].result_count == 40
    assert forty == twenty


def test_filter_counts_cost_one_query_per_filter(client, curator):
    """Showing counts beside the filters adds a query per filter, not a rebuild of them all."""
    make_terms("zqcounts", 5)
    plain, _page = get(client, "?q=zqcounts")
    counted, page = get(client, "?q=zqcounts&_facets=True&unmatched=no")
    # one for each filter's counts, and one to read which terms cannot be matched
    assert counted - plain <= len(page.context["cl"].filter_specs) + 1


def test_each_notation_is_read_once_however_many_filters_count(client, curator):
    """The list checks a term's words once, not once a row and once per filter count."""
    make_terms("zqonce", 10)
    with mock.patch.object(matcher, "_parse_phrase", wraps=matcher._parse_phrase) as parse:
        get(client, "?q=zqonce&_facets=True&unmatched=no")
    read = [call.args[0] for call in parse.call_args_list if "zqonce" in call.args[0]]
    assert sorted(read) == sorted(f"zqonce{i} notice" for i in range(10))


def test_a_term_that_cannot_be_matched_still_shows_why_and_is_counted(client, curator):
    make_terms("zqbroken", 3)
    broken = Term.objects.get(text="zqbroken1 notice")
    Term.objects.filter(pk=broken.pk).update(text="zqbroken1 '")  # past clean(), as old rows
    _queries, page = get(client, "?q=zqbroken&_facets=True")
    rows = {row.pk: row for row in page.context["cl"].result_list}
    assert len(rows) == 3
    html = page.content.decode()
    assert html.count(REASON) == 1 and "“&#x27;” has no letters or digits" in html
    assert "yes: it finds nothing (1)" in html and "no (2)" in html
    _queries, page = get(client, "?q=zqbroken&_facets=True&unmatched=yes")
    assert [row.pk for row in page.context["cl"].result_list] == [broken.pk]
    assert REASON in page.content.decode()
