"""The English lexicon finds measures told through the act rather than named (a state told of a
test, military communications cut or resumed, lists exchanged, troops withdrawn by agreement,
talks told by who met, inspections and ceilings told by whose and how many) and keeps the
same words away from their traps: a siren test announced to residents, the IAEA's inspectors,
police officers meeting across a border, airspace closed to airlines, a side leaving a war.

The sentences are hand-made examples, not evaluation paragraphs: they pin down what the terms
of the links-en round (2026-11-27) are for, so that a curator pruning or widening a term sees
what it breaks."""

import pytest

from .lexicon_finder import finder

pytestmark = pytest.mark.django_db

FOUND = [
    (
        "Pakistan had informed India's defence ministry about the planned tests a day earlier.",
        "missile-launch-notification",
    ),
    (
        "Beijing alerted neighbouring countries of the launch two days ahead.",
        "missile-launch-notification",
    ),
    (
        "The lists of nuclear installations were exchanged through diplomatic channels.",
        "data-exchange",
    ),
    (
        "Both states agreed to exchange information on troop numbers before deploying new units.",
        "data-exchange",
    ),
    (
        "The two armies agreed to withdraw their troops to their barracks by Friday.",
        "troop-deployment-limits",
    ),
    (
        "The neighbours pledged to reduce their troops along the frontier.",
        "troop-deployment-limits",
    ),
    ("Talks on disengagement at the border resumed on Monday.", "troop-deployment-limits"),
    ("Moscow said American inspections of its nuclear sites would not resume.", "inspection"),
    (
        "The pact capped the number of strategic nuclear weapons each side may keep.",
        "equipment-ceilings",
    ),
    ("Each side may keep up to 700 deployed launchers.", "equipment-ceilings"),
    (
        "Pyongyang cut off military communications with the South last year.",
        "communications-network",
    ),
    (
        "The defence minister said the direct phone link with the other side was working.",
        "communications-network",
    ),
    ("The two militaries agreed to restore their communication lines.", "communications-network"),
    ("The two navies met in Naples to review the agreement.", "military-contacts"),
    ("An Indian Army delegation arrived in Dhaka on Monday.", "military-contacts"),
    (
        "Talks between the army chief and the commander of the neighbouring navy went well.",
        "military-contacts",
    ),
    ("Turkish and Greek officers met in Brussels.", "military-contacts"),
    ("Military officials from Cambodia and Thailand met at the crossing.", "military-contacts"),
    (
        "Ukraine activated the Vienna Document's risk reduction mechanism.",
        "unusual-activity-consultation",
    ),
    ("An at-sea encounter between the frigates ended without harm.", "incidents-at-sea"),
    ("A delegation from Mongolia will watch the military exercise next week.", "observation"),
    (
        "Russia and the United States carried out flights over each other's territory.",
        "aerial-observation",
    ),
    ("The two navies signed an agreement in 1972 on operating safely at sea.", "incsea-1972"),
    ("Seoul suspended the 2018 inter-Korean agreement.", "korea-cma-2018"),
]

TRAPS = [
    (
        "Civil defence will inform residents about the siren test on Saturday.",
        "missile-launch-notification",
    ),
    ("The school will inform parents about the tests next week.", "missile-launch-notification"),
    (
        "Inspectors from the International Atomic Energy Agency toured the nuclear facilities.",
        "inspection",
    ),
    ("Police officers from France and Germany met to discuss smuggling.", "military-contacts"),
    ("Both countries banned flights over each other's airspace.", "aerial-observation"),
    (
        "Israel agreed to withdraw its forces from the town within 60 days.",
        "troop-deployment-limits",
    ),
    ("The army restored communication lines cut by the flood.", "communications-network"),
    ("North Korea warned it would carry out more tests.", "missile-launch-notification"),
    ("The officials told reporters the launch had failed.", "missile-launch-notification"),
    (
        "Washington agreed to withdraw troops from the war in Afghanistan.",
        "troop-deployment-limits",
    ),
    ("The prime minister held talks with the army chief on Monday.", "military-contacts"),
    ("Kim Jong Un made an inspection visit to a munitions factory of the army.", "inspection"),
]


@pytest.fixture
def found(db):
    return finder("en")


@pytest.mark.parametrize(("text", "slug"), FOUND)
def test_a_measure_told_through_the_act_is_found(found, text, slug):
    """Each kind of phrasing the round added is suggested as its measure type or instrument."""
    assert slug in found(text)


@pytest.mark.parametrize(("text", "slug"), TRAPS)
def test_the_same_words_outside_arms_control_are_left_alone(found, text, slug):
    """The cue and unless lists keep each new kind of phrasing away from its trap."""
    assert slug not in found(text)
