"""The registry ships with real, complete data, and reloading it never undoes a curator's edit."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cbm.models import (
    Actor,
    Category,
    CueList,
    Instrument,
    MeasureType,
    PositionWord,
    Term,
    Threshold,
)
from cbm.registry_data import Loader, RegistryDataError, load_registry
from cbm.suggest import build_matcher

from .conftest import REGISTRY

pytestmark = pytest.mark.django_db

CATEGORIES = [
    "information-exchange",
    "notification",
    "observation-verification",
    "constraints-limits",
    "risk-reduction",
    "contacts",
]
MEASURE_TYPES = """data-exchange defence-planning-exchange advance-notice annual-calendar
missile-launch-notification strategic-exercise-notification observation inspection
evaluation-visit aerial-observation exercise-caps equipment-ceilings zonal-limits buffer-zones
troop-deployment-limits missile-deployment-limits unusual-activity-consultation
hazardous-incidents incidents-at-sea communications-network air-base-visits
weapon-demonstrations military-contacts""".split()
INSTRUMENTS = """helsinki-final-act-1975 stockholm-document-1986 inf-treaty-1987 nrrc-agreement-1987
missile-launch-notification-agreement-1988 dangerous-military-activities-1989
strategic-exercises-notification-1989 cfe-treaty-1990 open-skies-treaty-1992
nato-russia-founding-act-1997 adapted-cfe-1999 vienna-document-2011 incsea-1972""".split()
NATO = """albania belgium bulgaria canada croatia czechia denmark estonia finland france germany
greece hungary iceland italy latvia lithuania luxembourg montenegro netherlands north-macedonia
norway poland portugal romania slovakia slovenia spain sweden turkiye united-kingdom
united-states""".split()


def test_the_stable_slugs_exist():
    assert list(Category.objects.values_list("slug", flat=True)) == CATEGORIES
    assert set(MEASURE_TYPES) <= set(MeasureType.objects.values_list("slug", flat=True))
    assert set(INSTRUMENTS) <= set(Instrument.objects.values_list("slug", flat=True))


@pytest.mark.parametrize(
    "slug", [*MEASURE_TYPES, "challenge-inspection", "declared-site-inspection"]
)
def test_every_measure_type_is_defined_categorised_grounded_and_has_a_lexicon(slug):
    measure_type = MeasureType.objects.get(slug=slug)
    sentences = [s for s in measure_type.definition.split(". ") if s.strip()]
    assert 2 <= len(sentences) <= 4, measure_type.definition
    assert measure_type.category.slug in CATEGORIES
    assert measure_type.legal_bases.exists(), f"{slug} has no legal basis"
    assert measure_type.terms.active().count() >= 8, f"{slug} has fewer than 8 terms"


def test_sub_types_sit_under_their_parent_in_its_category():
    inspection = MeasureType.objects.get(slug="inspection")
    assert set(inspection.subtypes.values_list("slug", flat=True)) == {
        "challenge-inspection",
        "declared-site-inspection",
    }
    assert all(sub.category == inspection.category for sub in inspection.subtypes.all())


def test_every_instrument_has_provisions_terms_and_a_status():
    for instrument in Instrument.objects.all():
        assert instrument.provisions.exists(), instrument
        assert instrument.terms.count() >= 3, instrument
        assert instrument.status in Instrument.Status.values


def test_instrument_facts_from_the_domain_primer():
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    assert (cfe.signed_on, cfe.in_force_on, cfe.status) == (
        datetime.date(1990, 11, 19),
        datetime.date(1992, 11, 9),
        Instrument.Status.SUSPENDED,
    )
    signatories = cfe.participations.filter(signed_on=datetime.date(1990, 11, 19))
    assert signatories.count() == 22
    assert {"soviet-union", "united-states", "czechoslovakia"} <= set(
        signatories.values_list("actor__slug", flat=True)
    )
    inf = Instrument.objects.get(slug="inf-treaty-1987")
    assert (inf.status, inf.ended_on) == (Instrument.Status.TERMINATED, datetime.date(2019, 8, 2))
    assert (
        Instrument.objects.get(slug="adapted-cfe-1999").status == Instrument.Status.NEVER_IN_FORCE
    )
    assert Instrument.objects.get(slug="helsinki-final-act-1975").parties.count() == 35
    russia = set(Actor.objects.get(slug="russia").instruments.values_list("slug", flat=True))
    assert {"adapted-cfe-1999", "vienna-document-2011", "nato-russia-founding-act-1997"} <= russia


def test_thresholds_carry_value_unit_provision_and_verified_flag():
    vd_troops = Threshold.objects.get(
        legal_basis__measure_type__slug="advance-notice",
        legal_basis__provision__instrument__slug="vienna-document-2011",
        quantity="troops",
    )
    assert (vd_troops.value, vd_troops.unit, vd_troops.comparison) == (9000, "troops", "at_least")
    assert vd_troops.legal_basis.provision.label == "Ch. V"
    assert vd_troops.verified is False  # DOMAIN.md marks the Vienna Document figures "(check)"
    cfe_tanks = Threshold.objects.get(
        legal_basis__provision__label="Art. IV(1)", quantity="battle tanks"
    )
    # Art. IV(1) and VI are quoted from the Treaty's text: each figure is in its quotation.
    assert (cfe_tanks.value, cfe_tanks.comparison, cfe_tanks.verified) == (20000, "at_most", True)
    assert "20,000 battle tanks" in cfe_tanks.quotation
    sufficiency = Threshold.objects.filter(
        legal_basis__provision__instrument__slug="cfe-treaty-1990",
        legal_basis__provision__label="Art. VI",
    )
    assert sufficiency.count() == 5
    assert all(t.verified and f"{t.value:,}" in t.quotation for t in sufficiency)


def test_actors_cover_nato_the_east_and_the_organisations():
    slugs = set(Actor.objects.values_list("slug", flat=True))
    assert set(NATO) <= slugs
    assert {"russia", "ukraine", "belarus", "georgia", "moldova", "kazakhstan"} <= slugs
    assert {"nato", "osce", "csto", "warsaw-pact"} <= slugs
    assert Actor.objects.get(slug="warsaw-pact").historical


def test_instrument_terms_include_abbreviations_and_descriptive_names():
    cfe_terms = set(
        Term.objects.filter(instrument__slug="cfe-treaty-1990").values_list("kind", "text")
    )
    assert ("abbreviation", "CFE") in cfe_terms
    assert ("phrase", "treaty on conventional forces") in cfe_terms
    assert ("abbreviation", "INF") in set(
        Term.objects.filter(instrument__slug="inf-treaty-1987").values_list("kind", "text")
    )


def test_reloading_changes_nothing_and_keeps_curators_edits():
    data_exchange = MeasureType.objects.get(slug="data-exchange")
    data_exchange.definition = "Edited by a curator."
    data_exchange.save()
    before = {model: model.objects.count() for model in (MeasureType, Term, Threshold, Instrument)}
    counts = load_registry(REGISTRY)
    assert not any(what == "created" for _, what in counts)
    assert {model: model.objects.count() for model in before} == before
    assert MeasureType.objects.get(slug="data-exchange").definition == "Edited by a curator."
    load_registry(REGISTRY, update=True)
    assert MeasureType.objects.get(slug="data-exchange").definition.startswith(
        "The regular exchange"
    )


def test_a_mistake_in_a_file_loads_nothing(tmp_path):
    for path in REGISTRY.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text(actors.read_text() + "  - {slug: atlantis, name: Atlantis, colour: blue}\n")
    with pytest.raises(RegistryDataError, match="atlantis: unknown key\\(s\\) colour"):
        load_registry(tmp_path)
    assert not Actor.objects.filter(slug="atlantis").exists()
    with pytest.raises(CommandError, match="Nothing loaded"):
        call_command("load_registry", str(tmp_path), stdout=StringIO())


def test_an_actor_listed_twice_loads_nothing_and_says_why(tmp_path):
    for path in REGISTRY.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    twice = "  - {slug: atlantis, name: Atlantis}\n  - {slug: atlantis, name: Atlantis, terms: [Atlantean]}\n"
    actors.write_text(actors.read_text() + twice)
    with pytest.raises(RegistryDataError, match="atlantis: this actor is listed twice"):
        load_registry(tmp_path)
    assert not Actor.objects.filter(slug="atlantis").exists()


def test_a_cue_lists_reach_is_loaded_curated_kept_and_read_by_the_matcher(tmp_path):
    """The file says sentence; a curator widens it to neighbours in the admin: the matcher
    then takes a cue from the sentence before, and reloading keeps the curator's choice."""
    arms = CueList.objects.get(slug="arms-control")
    assert arms.reach == CueList.Reach.SENTENCE
    term = Term.objects.create(
        measure_type=MeasureType.objects.get(slug="inspection"),
        text="zzinspection",
        cue_list=arms,
    )
    text = "The OSCE met in Vienna. A zzinspection followed.\n\nAnother zzinspection."
    assert build_matcher([term]).find(text) == []
    arms.reach = CueList.Reach.NEIGHBOURS
    arms.save()
    assert [text[m.start : m.end] for m in build_matcher([term]).find(text)] == ["zzinspection"]
    load_registry(REGISTRY)
    arms.refresh_from_db()
    assert arms.reach == CueList.Reach.NEIGHBOURS

    for path in REGISTRY.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    cues = tmp_path / "cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8").replace("reach: sentence", "reach: page"))
    with pytest.raises(RegistryDataError, match="reach"):
        load_registry(tmp_path, update=True)


def _registry_copy(tmp_path):
    for path in REGISTRY.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "taxonomy.yaml"


def test_a_terms_unless_list_is_loaded_and_stops_the_matcher(tmp_path):
    """`unless: <slug>` on a term in taxonomy.yaml: the term is stored with that list and does
    not match where one of its cues is in the sentence."""
    taxonomy = _registry_copy(tmp_path)
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace(
            "          - troop ceiling*\n",
            "          - troop ceiling*\n          - {phrase: zzpullback, unless: commitments}\n",
        ),
        encoding="utf-8",
    )
    load_registry(tmp_path)
    term = Term.objects.get(text="zzpullback")
    assert (term.unless_cue_list.slug, term.cue_list) == ("commitments", None)
    assert term.spec("T").unless == term.unless_cue_list_id
    text = "A zzpullback followed. Both sides agreed to a zzpullback."
    found = [text[m.start : m.end] for m in build_matcher([term]).find(text)]
    assert found == ["zzpullback"]  # the second sentence has "agreed" (commitments)
    assert [m.start for m in build_matcher([term]).find(text)] == [2]


@pytest.mark.parametrize(
    "term, message",
    [
        ("{phrase: zzpullback, unless: nowhere}", "no cue list 'nowhere'"),
        ("{phrase: zzpullback, cue: commitments, unless: commitments}", "same list"),
        ("{phrase: zzpullback, unles: commitments}", "unknown key"),
    ],
)
def test_a_wrong_unless_list_loads_nothing_and_says_why(tmp_path, term, message):
    taxonomy = _registry_copy(tmp_path)
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace(
            "          - troop ceiling*\n", f"          - troop ceiling*\n          - {term}\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(RegistryDataError, match=message):
        load_registry(tmp_path)
    assert not Term.objects.filter(text="zzpullback").exists()


def test_a_row_the_database_refuses_is_named_with_its_rule_in_words():
    """The loader leaves the table's rules to the database (checking each by a query of its own
    took half of a first load): a row that breaks one still fails with the rule in words and
    the file's place, never a raw IntegrityError."""
    existing = PositionWord.objects.filter(language="en").order_by("pk").first()
    lookup = {"language": "en", "role": existing.role, "word": existing.word, "note": "a copy"}
    message = "stance_cues.yaml: This language already has this word in this role."
    with pytest.raises(RegistryDataError, match=message):
        Loader(update=False).save(PositionWord, lookup, {}, "stance_cues.yaml")
