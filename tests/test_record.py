"""The record of instruments: parties with dates, status history, figures quoted from the text,
and the instruments agreed outside Europe."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from cbm.models import Instrument, InstrumentStatusChange, Participation, Provision, Threshold
from cbm.registry_data import load_registry
from cbm.status import derive_status

from .conftest import REGISTRY

pytestmark = pytest.mark.django_db

BEYOND_EUROPE = """india-pakistan-military-exercises-1991 india-pakistan-airspace-1991
india-pakistan-nuclear-facilities-1988 india-pakistan-missile-tests-2005
us-china-notification-mou-2014 us-china-mmca-1998 korea-cma-2018 china-india-lac-cbm-1996
china-india-lac-protocol-2005 hotline-mou-1963 accidents-measures-1971 new-start-2010""".split()


def test_cfe_records_russias_suspension_and_withdrawal_and_its_soviet_succession():
    russia = Participation.objects.get(instrument__slug="cfe-treaty-1990", actor__slug="russia")
    assert russia.succeeded_from.slug == "soviet-union"
    assert russia.suspended_on == datetime.date(2007, 12, 12)
    assert russia.withdrew_on == datetime.date(2023, 11, 7)
    assert russia.source_url
    us = Participation.objects.get(instrument__slug="cfe-treaty-1990", actor__slug="united-states")
    assert us.suspended_on == datetime.date(2023, 12, 7)
    for slug in ("czechia", "slovakia"):
        heir = Participation.objects.get(instrument__slug="cfe-treaty-1990", actor__slug=slug)
        assert heir.succeeded_from.slug == "czechoslovakia"
        assert heir.succeeded_on == datetime.date(1993, 1, 1) and heir.source_url
    current = set(
        Participation.objects.filter(instrument__slug="cfe-treaty-1990")
        .current()
        .values_list("actor__slug", flat=True)
    )
    assert "russia" not in current and "soviet-union" not in current
    assert {"czechia", "slovakia", "ukraine", "united-states"} <= current


def test_open_skies_withdrawals_and_inf_end_are_dated():
    def withdrew(instrument, actor):
        return Participation.objects.get(instrument__slug=instrument, actor__slug=actor).withdrew_on

    assert withdrew("open-skies-treaty-1992", "united-states") == datetime.date(2020, 11, 22)
    assert withdrew("open-skies-treaty-1992", "russia") == datetime.date(2021, 12, 18)
    assert withdrew("inf-treaty-1987", "united-states") == datetime.date(2019, 8, 2)
    assert InstrumentStatusChange.objects.filter(
        instrument__slug="inf-treaty-1987", status="terminated", date=datetime.date(2019, 8, 2)
    ).exists()


def test_adapted_cfe_has_signatories_only_and_the_vienna_document_participating_states():
    roles = set(
        Participation.objects.filter(instrument__slug="adapted-cfe-1999").values_list(
            "role", flat=True
        )
    )
    assert roles == {Participation.Role.SIGNATORY}
    vd = Participation.objects.filter(instrument__slug="vienna-document-2011")
    assert vd.count() == 56  # the OSCE's participating States in November 2011
    assert set(vd.values_list("role", flat=True)) == {Participation.Role.PARTICIPATING_STATE}


@pytest.mark.parametrize("slug", BEYOND_EUROPE)
def test_instruments_beyond_europe_have_parties_provisions_bases_and_terms(slug):
    instrument = Instrument.objects.get(slug=slug)
    assert instrument.participations.count() >= 2
    assert instrument.provisions.exists()
    assert Provision.objects.filter(instrument=instrument, legal_bases__isnull=False).exists()
    assert instrument.terms.count() >= 3
    if slug != "hotline-mou-1963" and not slug.startswith("accidents"):
        assert instrument.region != Instrument.Region.EURO_ATLANTIC or slug == "new-start-2010"


def test_every_verified_figure_and_label_is_quoted_with_its_source():
    for item in [*Threshold.objects.verified(), *Provision.objects.verified()]:
        assert item.quotation.strip() and item.source_url.startswith("http"), item
    korea = Threshold.objects.get(quantity="no-fly distance for fixed-wing aircraft (East)")
    assert korea.value == 40 and "40km from the MDL in the East" in korea.quotation


def test_verified_without_a_quotation_is_refused_by_clean_and_by_the_database():
    threshold = Threshold.objects.filter(quotation="").first()
    threshold.verified = True
    with pytest.raises(ValidationError, match="Quote the text"):
        threshold.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        threshold.save()


def test_reloading_creates_nothing_and_keeps_a_curators_participation_edit():
    russia = Participation.objects.get(instrument__slug="cfe-treaty-1990", actor__slug="russia")
    russia.source_note = "Checked against the depositary's notification by a curator."
    russia.save()
    before = (Participation.objects.count(), InstrumentStatusChange.objects.count())
    counts = load_registry(REGISTRY)
    assert not any(what == "created" for _, what in counts)
    assert (Participation.objects.count(), InstrumentStatusChange.objects.count()) == before
    russia.refresh_from_db()
    assert russia.source_note.startswith("Checked against")


def test_load_registry_reports_how_many_figures_are_verified():
    out = StringIO()
    call_command("load_registry", stdout=out)
    verified, total = Threshold.objects.verified().count(), Threshold.objects.count()
    assert f"{verified} of {total} thresholds" in out.getvalue()
    assert "provision labels" in out.getvalue()


def test_instrument_page_separates_current_and_former_parties_with_dates(client):
    response = client.get("/instruments/cfe-treaty-1990/")
    html = response.content.decode()
    current, former = html.split("Former parties")
    assert "Czechia" in current and "Russia" in former and "Soviet Union" in former
    assert "12 Dec 2007" in former and "7 Nov 2023" in former
    assert "(4,700 battle tanks;" not in html  # the value is shown by the table, the words quoted
    assert "“(1) 4,700 battle tanks;”" in html


def test_in_force_on_signature_is_said_so(client):
    html = client.get("/instruments/hotline-mou-1963/").content.decode()
    assert "entered into force on signature" in html


def test_instrument_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get("/instruments/korea-cma-2018/")
    with django_assert_max_num_queries(12):
        response = client.get("/instruments/vienna-document-2011/")
    assert response.status_code == 200


def test_actor_page_lists_its_instruments_with_dates(client):
    html = client.get("/actors/russia/").content.decode()
    assert "CFE Treaty" in html and "7 Nov 2023" in html and "Open Skies Treaty" in html
    assert client.get("/actors/atlantis/").status_code == 404


def test_instrument_list_filters_by_region_and_status_and_draws_a_timeline(client):
    html = client.get("/instruments/?region=south_asia").content.decode()
    assert "India-Pakistan Airspace Agreement" in html and "CFE Treaty" not in html
    assert "<svg" in html and "signature to end" in html
    html = client.get("/instruments/?status=terminated").content.decode()
    assert "INF Treaty" in html and "Vienna Document 2011" not in html
    assert client.get("/?region=east_asia").status_code == 200
    assert client.get("/instruments/?region=mars").status_code == 200  # ignored, not a 500


def test_api_exposes_participations_status_history_and_quotations():
    data = APIClient().get("/api/v1/instruments/cfe-treaty-1990/").json()
    assert "russia" in data["parties"]
    russia = next(p for p in data["participations"] if p["actor"] == "russia")
    assert (russia["suspended_on"], russia["withdrew_on"]) == ("2007-12-12", "2023-11-07")
    assert {"status": "withdrawn", "date": "2023-11-07"}.items() <= data["status_history"][
        3
    ].items()
    art5 = next(p for p in data["provisions"] if p["label"] == "Art. V")
    assert art5["verified"] and art5["quotation"] and art5["source_url"]
    bases = APIClient().get("/api/v1/measure-types/buffer-zones/").json()["legal_bases"]
    assert any(t["quotation"] for b in bases for t in b["thresholds"])


def test_nato_allies_suspension_of_cfe_is_dated_only_where_a_source_gives_the_date():
    """The NATO statement of 7 Nov 2023 announced an intent, with no date: the US (7 Dec 2023)
    and Canada (7 Feb 2024) have dates, the other Allies a note saying none was found."""
    cfe = Participation.objects.filter(instrument__slug="cfe-treaty-1990")
    dates = dict(cfe.exclude(suspended_on=None).values_list("actor__slug", "suspended_on"))
    assert dates["united-states"] == datetime.date(2023, 12, 7)
    assert dates["canada"] == datetime.date(2024, 2, 7)
    germany = cfe.get(actor__slug="germany")
    assert germany.suspended_on is None and "intend to suspend" in germany.source_note
    assert "not found" in germany.source_note and germany.source_url


def test_inf_successor_states_are_recorded_with_the_soviet_union_as_predecessor():
    inf = Participation.objects.filter(
        instrument__slug="inf-treaty-1987", succeeded_from__slug="soviet-union"
    )
    assert set(inf.values_list("actor__slug", flat=True)) == {
        "russia",
        "belarus",
        "kazakhstan",
        "ukraine",
    }


S, F, W, P, T, E, X = (
    "signed",
    "in_force",
    "withdrawn",
    "suspended",
    "terminated",
    "expired",
    "superseded",
)
D = datetime.date


@pytest.mark.parametrize(
    ("kind", "history", "status"),
    [
        ("political", [(S, D(1975, 8, 1))], "in_force"),  # politically binding on adoption
        ("treaty", [(S, D(1999, 11, 19))], None),  # no dated entry into force: not settled
        ("agreement", [(F, D(1963, 6, 20)), (S, D(1963, 6, 20))], "in_force"),  # same day
        ("treaty", [(S, D(1992, 3, 24)), (F, D(2002, 1, 1)), (W, D(2020, 11, 22))], "in_force"),
        ("treaty", [(F, D(1992, 11, 9)), (W, D(2023, 11, 7)), (P, D(2023, 12, 7))], "suspended"),
        ("treaty", [(F, D(2011, 2, 5)), (P, D(2023, 2, 28)), (E, D(2026, 2, 5))], "terminated"),
        ("treaty", [(F, D(1988, 6, 1)), (T, D(2019, 8, 2)), (P, D(2020, 1, 1))], "terminated"),
        ("political", [(S, D(1986, 9, 22)), (X, D(1991, 1, 1))], "superseded"),
    ],
)
def test_status_is_derived_from_the_dated_history(kind, history, status):
    """One rule: a withdrawal leaves the others bound; suspension, termination, expiry and
    supersession change the status; an end is final."""
    assert derive_status(kind, history) == status


def test_every_stored_status_is_the_one_its_history_settles():
    for instrument in Instrument.objects.prefetch_related("status_changes"):
        changes = [(c.status, c.date) for c in instrument.status_changes.all()]
        assert derive_status(instrument.kind, changes) in (None, instrument.status), instrument


def test_a_new_status_change_updates_the_instrument_and_deleting_it_restores_it():
    open_skies = Instrument.objects.get(slug="open-skies-treaty-1992")
    assert (open_skies.status, open_skies.ended_on) == ("in_force", None)
    change = InstrumentStatusChange.objects.create(
        instrument=open_skies, status="terminated", date=D(2030, 1, 1)
    )
    open_skies.refresh_from_db()
    assert (open_skies.status, open_skies.ended_on) == ("terminated", D(2030, 1, 1))
    change.delete()
    open_skies.refresh_from_db()
    assert (open_skies.status, open_skies.ended_on) == ("in_force", None)


def test_stockholm_document_is_superseded_by_its_dated_history_and_launch_agreement_on_signature(
    client,
):
    stockholm = Instrument.objects.get(slug="stockholm-document-1986")
    assert (stockholm.status, stockholm.ended_on) == ("superseded", D(1991, 1, 1))
    html = client.get("/instruments/missile-launch-notification-agreement-1988/").content
    assert "entered into force on signature" in html.decode()
    html = client.get("/instruments/adapted-cfe-1999/").content.decode()
    assert "the one curators recorded" in html and "Signatories" in html


def test_figures_verified_this_session_quote_the_text():
    exercise = Provision.objects.get(
        instrument__slug="strategic-exercises-notification-1989", label="Art. I"
    )
    assert exercise.verified and "no less than 14 days in advance" in exercise.quotation
    notice = Threshold.objects.get(legal_basis__provision=exercise, quantity="notice")
    assert notice.verified and notice.value == 14 and "14 days" in notice.quotation
    inf = Threshold.objects.filter(legal_basis__provision__instrument__slug="inf-treaty-1987")
    assert {t.value for t in inf.verified()} == {500, 5500}
    assert all(str(t.value) in t.quotation for t in inf)
