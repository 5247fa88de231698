"""An instrument's parties in the admin: each row's dates are checked for plausibility (the
model's clean, so every form writing a party gets it), and the page costs the same number of
queries however many parties the instrument has."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cbm.models import Actor, Instrument, Participation

from .test_qa_admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cfe():
    return Instrument.objects.get(slug="cfe-treaty-1990")


def outsiders(instrument, count):
    """Actors not (yet) party to the instrument."""
    return list(Actor.objects.exclude(participations__instrument=instrument).order_by("pk")[:count])


@pytest.mark.parametrize(
    ("field", "day", "says"),
    [
        ("signed_on", datetime.date(1066, 10, 14), "before the instrument was signed"),
        ("joined_on", datetime.date(1990, 11, 18), "before the instrument was signed"),
        ("withdrew_on", datetime.date.today() + datetime.timedelta(days=400), "future"),
    ],
)
def test_a_party_dated_implausibly_is_refused(cfe, field, day, says):
    """A party cannot sign, join or leave before the instrument was signed, nor in the future."""
    party = Participation(instrument=cfe, actor=outsiders(cfe, 1)[0], **{field: day})
    with pytest.raises(ValidationError) as refused:
        party.full_clean()
    assert field in refused.value.message_dict
    assert says in " ".join(refused.value.message_dict[field])


def test_a_party_dated_on_or_after_signature_is_accepted(cfe):
    party = Participation(
        instrument=cfe,
        actor=outsiders(cfe, 1)[0],
        signed_on=cfe.signed_on,
        joined_on=datetime.date(1992, 7, 1),
        withdrew_on=datetime.date.today(),
    )
    party.full_clean()


def test_every_party_of_the_registry_is_plausibly_dated():
    """The rule holds for the curated record, so no instrument's page is refused as it is."""
    for party in Participation.objects.select_related("instrument", "actor"):
        party.full_clean()


def test_the_admin_refuses_a_party_of_1066_and_keeps_nothing(admin_client, cfe):
    page = admin_client.get(f"/admin/cbm/instrument/{cfe.pk}/change/")
    data = change_form_data(page)
    rows = int(data["participations-TOTAL_FORMS"])
    actor = outsiders(cfe, 1)[0]
    data.update(
        {
            "participations-TOTAL_FORMS": rows + 1,
            f"participations-{rows}-actor": actor.pk,
            f"participations-{rows}-role": "party",
            f"participations-{rows}-signed_on": "1066-10-14",
        }
    )
    response = admin_client.post(f"/admin/cbm/instrument/{cfe.pk}/change/", data)
    assert response.status_code == 200
    assert "before the instrument was signed" in response.content.decode()
    assert not Participation.objects.filter(instrument=cfe, actor=actor).exists()


def test_the_instrument_page_costs_the_same_however_many_parties(admin_client, cfe):
    """Each party's actor (and predecessor) is read with the rows, not one query per row."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(f"/ru/admin/cbm/instrument/{cfe.pk}/change/")
        assert response.status_code == 200
        return len(captured)

    assert Participation.objects.filter(instrument=cfe).count() >= 3
    before = queries()
    first, second, third, predecessor = outsiders(cfe, 4)
    for actor in (first, second, third):
        Participation.objects.create(instrument=cfe, actor=actor, signed_on=cfe.signed_on)
    Participation.objects.filter(instrument=cfe, actor=third).update(succeeded_from=predecessor)
    assert queries() == before
