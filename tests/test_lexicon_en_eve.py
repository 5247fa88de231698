"""The English lexicon finds measures told loosely, as real reports tell them: military contacts
told by whom (the other side's service or ministry, ground commanders who meet), notices told as
an intention made known or patrols told to each other, and instruments named by a partial title,
a variant abbreviation, a year and place or what they do. The same words stay away from their
traps: a chief among his own troops, a school's fire drill, a notice of withdrawal from a treaty,
and the IAEA's inspections of nuclear facilities, which are safeguards, not an arms-control
inspection. (Traps for force data told through the act stay: those terms were tried and not kept,
and a later round that tries them again must keep these out.)

The sentences are hand-made examples, not evaluation paragraphs: each "found" sentence fails on
the lexicon before the links-en round of 2026-11-27 evening; each trap passes on it too, but for
the IAEA's inspections, which main's bare inspection~ still suggested."""

import pytest

from .lexicon_finder import finder

pytestmark = pytest.mark.django_db

FOUND = [
    ("Admiral Smith paid an official visit to the Brazilian Navy last week.", "military-contacts"),
    (
        "The defence minister held talks with the top Vietnamese military leadership in Hanoi.",
        "military-contacts",
    ),
    (
        "The army chief later had a meeting with the commander of the Thai Army.",
        "military-contacts",
    ),
    (
        "Defence Minister Petrov met with the head of the Defence Ministry of Armenia's "
        "international department.",
        "military-contacts",
    ),
    (
        "Weekly ground commanders meetings will continue at the two border points.",
        "military-contacts",
    ),
    (
        "Minsk informed its neighbours of its intention to conduct manoeuvres in the west of the "
        "country.",
        "advance-notice",
    ),
    ("The two armies will inform each other about their patrol schedules.", "advance-notice"),
    (
        "The treaty on measures to further reduce and limit strategic offensive arms expires in "
        "February.",
        "new-start-2010",
    ),
    ("Moscow suspended its participation in START-3 in 2023.", "new-start-2010"),
    (
        "Russia suspended its participation in the Strategic Arms Reduction Treaty last year.",
        "new-start-2010",
    ),
    (
        "It is the last remaining nuclear arms control treaty between the two powers.",
        "new-start-2010",
    ),
    (
        "The revised treaty, agreed in Istanbul in 1999, was never ratified by NATO members.",
        "adapted-cfe-1999",
    ),
    (
        "The Adapted Conventional Armed Forces in Europe Treaty never entered into force.",
        "adapted-cfe-1999",
    ),
    (
        "India and Pakistan exchanged lists of their nuclear facilities on 1 January.",
        "india-pakistan-nuclear-facilities-1988",
    ),
    (
        "The pact bars the two neighbours from attacking each other's nuclear installations.",
        "india-pakistan-nuclear-facilities-1988",
    ),
    (
        "The Agreement on Prohibition of Attacks against Nuclear Installations was signed in 1988.",
        "india-pakistan-nuclear-facilities-1988",
    ),
    ("The accord was signed in 1972 by the navy chiefs of both powers.", "incsea-1972"),
]

TRAPS = [
    (
        "IAEA inspectors will verify Iran's compliance at its nuclear facilities under the "
        "agreement.",
        "inspection",
    ),
    (
        "The UN nuclear watchdog said its inspection of the enrichment plant under the safeguards "
        "agreement found no diversion.",
        "inspection",
    ),
    (
        "International Atomic Energy Agency inspections under the treaty resumed at the reactor.",
        "inspection",
    ),
    ("Inspectors of the IAEA will inspect the enrichment site at Natanz next week.", "inspection"),
    ("The Indian Army chief met troops in Ladakh on Monday.", "military-contacts"),
    ("The navy chief discussed the offensive with his commanders.", "military-contacts"),
    ("The ground commanders met to plan the offensive on the city.", "military-contacts"),
    ("The coach met with the Brazilian national team on Monday.", "military-contacts"),
    (
        "The government informed investors of its intention to hold a bond auction next month.",
        "advance-notice",
    ),
    ("Any party may give notice of its intention to withdraw from the treaty.", "advance-notice"),
    ("The school informed parents of its plans to hold a fire drill.", "advance-notice"),
    ("The allies handed over intelligence data on Russian launchers to Kyiv.", "data-exchange"),
    ("The firm handed over figures on its quarterly sales to the regulator.", "data-exchange"),
    ("The police handed over figures on traffic deaths to the ministry.", "data-exchange"),
    ("Both sides agreed to freeze troop numbers along the line.", "data-exchange"),
    ("The agreement signed in 1972 set fishing quotas for the two countries.", "incsea-1972"),
    ("Nobody remembers the 1972 agreement on the football league.", "incsea-1972"),
]


@pytest.fixture
def found(db):
    return finder("en")


@pytest.mark.parametrize(("text", "slug"), FOUND)
def test_a_measure_told_loosely_is_found(found, text, slug):
    """Each kind of phrasing the round added is suggested as its measure type or instrument."""
    assert slug in found(text)


@pytest.mark.parametrize(("text", "slug"), TRAPS)
def test_the_same_words_outside_arms_control_are_left_alone(found, text, slug):
    """The cue and unless lists keep each new kind of phrasing away from its trap."""
    assert slug not in found(text)
