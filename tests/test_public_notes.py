"""Public pages never show curators' working notes; what is unverified carries a badge that a
footnote on the page explains, and numbers are written one way."""

import re

import pytest
from django.test import Client

from cbm.models import Instrument, MeasureType, Threshold
from cbm.notes import split_working_notes

pytestmark = pytest.mark.django_db
NOTE = re.compile(r"\([^()]*(to check|check against)[^()]*\)", re.IGNORECASE)


def test_working_notes_are_split_off():
    assert split_working_notes("Protocol I (label to check)") == ("Protocol I", True)
    assert split_working_notes("Signature at Jackson Hole, 23 Sep 1989 (to check); in force") == (
        "Signature at Jackson Hole, 23 Sep 1989; in force",
        True,
    )
    assert split_working_notes("inspectors check the holdings") == (
        "inspectors check the holdings",
        False,
    )


def test_no_page_shows_working_notes_and_badges_are_explained():
    client = Client()
    pages = [i.get_absolute_url() for i in Instrument.objects.all()]
    pages += [m.get_absolute_url() for m in MeasureType.objects.all()]
    badges = 0
    for url in pages:
        body = client.get(url).content.decode()
        assert not NOTE.search(re.sub(r"<[^>]+>", "", body)), url
        if 'class="unverified"' in body:
            badges += 1
            assert 'id="unverified-note"' in body and "not yet checked" in body, url
    assert badges  # the registry has unverified items, and they are marked


def test_thresholds_are_written_with_thousands_separators_and_keep_their_flag():
    threshold = Threshold.objects.filter(value__gte=1000).select_related("legal_basis").first()
    body = Client().get(threshold.legal_basis.measure_type.get_absolute_url()).content.decode()
    assert f"{threshold.value:,}" in body
    assert f" {threshold.value} " not in body
