"""Positions through the API: curators with the model permission create and correct them
through the curation services (a stale version is a 409, never an overwrite); anyone else
reads accepted ones only."""

import pytest
from rest_framework.test import APIClient

from cbm.ingest import ingest_bytes
from cbm.models import Passage, Position

REPORT = (
    b"Russia and NATO\n\nReuters\n\ndate 2023-05-01\n\n"
    b"Russia suspended the Treaty on Conventional Armed Forces in Europe.\n\n"
    b"Moscow is ready to discuss restrictions on military exercises with NATO.\n"
)


@pytest.fixture
def passage(db):
    ingest_bytes(REPORT, source_name="report.txt", suggest=False)
    return Passage.objects.get(text__startswith="Moscow")


def body(passage, **extra):
    return {
        "passage": passage.pk,
        "actor": "russia",
        "stance": "proposes",
        "measure_type": "exercise-caps",
        "quote": "ready to discuss restrictions on military exercises",
        **extra,
    }


@pytest.mark.django_db
def test_a_curator_records_a_position_by_hand(curator_client, passage):
    response = curator_client.post("/api/v1/positions/", body(passage), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["actor"], data["stance"], data["measure_type"], data["instrument"]) == (
        "russia",
        "proposes",
        "exercise-caps",
        None,
    )
    assert data["status"] == "accepted" and data["origin"] == "curator"
    assert passage.text[data["start"] : data["end"]] == data["quote"]
    # No stance cue fired for a position added by hand: null, as the schema allows.
    assert data["cue"] is None
    schema = curator_client.get("/api/v1/schema/?format=json").json()
    assert schema["components"]["schemas"]["Position"]["properties"]["cue"]["nullable"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"actor": None},
        {"stance": "hopes"},
        {"measure_type": None},
        {"instrument": "cfe-treaty-1990"},  # with a measure type too: two targets
        {"quote": "words that are not there"},
        {"actor": "atlantis"},
    ],
)
def test_a_bad_position_is_a_400_and_writes_nothing(curator_client, passage, change):
    data = {k: v for k, v in body(passage, **change).items() if v is not None}
    response = curator_client.post("/api/v1/positions/", data, format="json")
    assert response.status_code == 400, response.content
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_anonymous_clients_cannot_write_or_see_pending_positions(passage):
    client = APIClient()
    assert client.post("/api/v1/positions/", body(passage), format="json").status_code in (
        401,
        403,
    )
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_a_correction_with_a_stale_version_is_a_409_and_changes_nothing(curator_client, passage):
    created = curator_client.post("/api/v1/positions/", body(passage), format="json").json()
    url = f"/api/v1/positions/{created['id']}/"
    version = created["version"]
    response = curator_client.patch(
        url, {"stance": "rejects", "instrument": "cfe-treaty-1990", "version": version}, "json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["stance"], data["measure_type"], data["instrument"]) == (
        "rejects",
        None,
        "cfe-treaty-1990",
    )
    stale = curator_client.patch(url, {"stance": "accepts", "version": version}, format="json")
    assert stale.status_code == 409
    assert Position.objects.get().stance == "rejects"
    assert curator_client.patch(url, {"actor": "united-states"}, format="json").status_code == 200
    assert Position.objects.get().actor.slug == "united-states"


@pytest.mark.django_db
def test_curators_accept_and_reject_suggested_positions(curator_client, passage):
    from cbm.positions import suggest_positions
    from cbm.suggest import suggest

    suggest(Passage.objects.all())
    suggest_positions(passage.document.__class__.objects.all())
    pending = Position.objects.get(stance="proposes")
    assert pending.status == "pending"
    url = f"/api/v1/positions/{pending.pk}/"
    assert curator_client.post(url + "reject/", {}, format="json").json()["status"] == "rejected"
    assert curator_client.post(url + "accept/", {}, format="json").json()["status"] == "accepted"
    assert APIClient().get("/api/v1/positions/").json()["count"] == 1
