"""A continuing state named for its predecessor's acts (POSITIONS.md rule 23): "Moscow and
Washington signed the hotline agreement in 1963" is the Soviet Union's act. Russia continues the
Soviet Union since 26 December 1991 (fixtures/registry/actors.yaml); the suggester gives such
positions to the Soviet Union, by the year the sentence writes or else the document's date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cbm.ingest import ingest_bytes
from cbm.instrument_data import load_actors
from cbm.models import Actor, Position
from cbm.positions_matching import FoundPosition, TargetSpan
from cbm.positions_matching.history import as_of
from cbm.registry_data import Loader, RegistryDataError

SINCE = datetime.date(1991, 12, 26)
CONTINUES = {"russia": ("soviet-union", SINCE)}


def position(text, words, actor="russia"):
    start = text.index(words)
    target = ("measure_type", "hotline")
    return FoundPosition(actor, "accepts", target, start, start + len(words), cue=1)


def actors(text, words, published=None, targets=()):
    found = as_of([position(text, words)], text, list(targets), CONTINUES, published)
    return [p.actor for p in found]


def test_a_year_before_the_takeover_in_the_sentence_gives_the_act_to_the_predecessor():
    text = (
        "In 1990 both countries agreed to establish a telephone link between Washington and Moscow."
    )
    assert actors(text, "agreed to establish a telephone link between Washington and Moscow") == [
        "soviet-union"
    ]
    text = "In 2010 Moscow agreed to keep the hotline."
    assert actors(text, "Moscow agreed to keep the hotline") == ["russia"]


def test_a_year_inside_a_name_or_after_the_act_dates_nothing():
    """ "the 1972 agreement" is a name; "concluded in 1990" dates the agreement, not the act."""
    text = "Moscow said it honours the 1972 agreement."
    start = text.index("1972 agreement")
    name = TargetSpan(start, start + len("1972 agreement"), ("instrument", "incsea"))
    assert actors(text, "Moscow said it honours the 1972 agreement", targets=[name]) == ["russia"]
    text = "Moscow suspends the treaty, which was concluded in 1990."
    assert actors(text, "Moscow suspends the treaty") == ["russia"]


def test_without_a_year_the_documents_date_decides():
    text = "Moscow and Washington signed an agreement today on a hotline."
    words = "Moscow and Washington signed an agreement today on a hotline"
    assert actors(text, words, datetime.date(1963, 6, 20)) == ["soviet-union"]
    assert actors(text, words, datetime.date(2023, 6, 20)) == ["russia"]
    assert actors(text, words, None) == ["russia"]


def test_a_predecessor_named_beside_its_continuation_keeps_one_position():
    text = "In 1987 the Soviet Union, that is Moscow, signed the agreement on a hotline."
    found = as_of(
        [position(text, "the Soviet Union", "soviet-union"), position(text, "Moscow")],
        text,
        [],
        CONTINUES,
        None,
    )
    assert [p.actor for p in found] == ["soviet-union"]


@pytest.mark.django_db
def test_the_registry_says_russia_continues_the_soviet_union():
    russia = Actor.objects.get(slug="russia")
    assert (russia.continues.slug, russia.continues_since) == ("soviet-union", SINCE)
    assert list(Actor.objects.filter(continues__isnull=False)) == [russia]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entry, message",
    [
        ({"continues": "soviet-union"}, "needs a 'since' date"),
        ({"since": SINCE}, "needs a 'since' date"),
        ({"continues": "atlantis", "since": SINCE}, "unknown actor 'atlantis'"),
        ({"continues": "ruritania", "since": SINCE}, "cannot continue itself"),
    ],
)
def test_a_continuation_the_files_get_wrong_is_refused_by_name(entry, message):
    data = {"actors": [{"slug": "ruritania", "name": "Ruritania", **entry}]}
    with pytest.raises(RegistryDataError, match=message):
        load_actors(Loader(update=False), data)


@pytest.mark.django_db
def test_a_curator_cannot_leave_a_continuation_undated_or_circular():
    russia = Actor.objects.get(slug="russia")
    russia.continues_since = None
    with pytest.raises(ValidationError, match="needs the date since which"):
        russia.full_clean()
    russia.continues, russia.continues_since = russia, SINCE
    with pytest.raises(ValidationError, match="cannot continue itself"):
        russia.full_clean()


@pytest.mark.django_db
def test_an_ingested_document_of_1963_gives_the_soviet_union_the_act():
    text = (
        b"date 1963-06-20\n"
        b"Moscow and Washington signed an agreement today to set up a direct communications "
        b"link.\n"
    )
    ingest_bytes(text, source_name="hotline-1963.txt")
    found = set(Position.objects.values_list("actor__slug", "stance"))
    assert ("soviet-union", "accepts") in found and ("russia", "accepts") not in found


@pytest.mark.django_db
def test_the_actor_pages_say_who_continues_whom_in_constant_queries(client):
    page = client.get("/actors/russia/").content.decode()
    assert "Continues" in page and 'href="/actors/soviet-union/"' in page
    assert "26 December 1991" in page
    page = client.get("/actors/soviet-union/").content.decode()
    assert "Continued by" in page and 'href="/actors/russia/"' in page

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries("/actors/russia/") == queries("/actors/poland/")


@pytest.mark.django_db
def test_the_api_says_who_continues_whom(client):
    russia = client.get("/api/v1/actors/russia/").json()
    assert (russia["continues"], russia["continues_since"]) == ("soviet-union", "1991-12-26")
    assert client.get("/api/v1/actors/poland/").json()["continues"] is None
    response = client.get("/api/v1/actors/?format=csv&search=Russia")
    rows = b"".join(response.streaming_content).decode().splitlines()
    header = rows[0].split(",")
    row = next(r.split(",") for r in rows[1:] if r.startswith("russia,"))
    assert row[header.index("continues")] == "soviet-union"


@pytest.mark.django_db
def test_the_russian_actor_page_writes_the_date_in_the_genitive(client):
    page = client.get("/ru/actors/soviet-union/").content.decode()
    assert "26 декабря 1991" in page
