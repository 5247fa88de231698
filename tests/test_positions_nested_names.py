"""An actor's name inside another actor's longer name is part of that name: "Sudan" in "South
Sudan" names South Sudan only. Pure Python, like the finder; one test reads the registry."""

import pytest

from cbm.matching import TermSpec
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

ACTORS = [
    TermSpec(1, "sudan", "phrase", "Sudan"),
    TermSpec(2, "south-sudan", "phrase", "South Sudan"),
    TermSpec(3, "india", "phrase", "Indian and Pakistani"),
    TermSpec(4, "pakistan", "phrase", "Indian and Pakistani"),
]
CUES = [CueSpec(10, "accepts", "phrase", "agreed"), CueSpec(11, "implements", "phrase", "held")]
WORDS = PositionWords.from_lists({"negations": ["not"], "joiners": ["and"]})
ZONE = ("measure_type", "buffer-zones")


def find(text, word, target=ZONE):
    start = text.index(word)
    spans = [TargetSpan(start, start + len(word), target)]
    return {(p.actor, p.stance) for p in PositionFinder(ACTORS, CUES, WORDS).find(text, spans)}


def test_a_name_inside_a_longer_name_of_another_actor_is_not_a_second_actor():
    text = "South Sudan agreed to a demilitarised buffer zone."
    assert find(text, "buffer zone") == {("south-sudan", "accepts")}


def test_both_act_when_both_are_named():
    text = "Sudan and South Sudan agreed to a demilitarised buffer zone."
    assert find(text, "buffer zone") == {("sudan", "accepts"), ("south-sudan", "accepts")}


def test_one_name_of_two_actors_names_both():
    """A term two actors share (the same span) is not inside a longer name: both keep it."""
    text = "Indian and Pakistani commanders held talks on the buffer zone."
    found = find(text, "buffer zone")
    assert {("india", "implements"), ("pakistan", "implements")} <= found


@pytest.mark.django_db
def test_the_registry_knows_south_sudan_apart_from_sudan():
    from cbm.models import Actor
    from cbm.positions import build_finder

    text = "South Sudan agreed to a demilitarised buffer zone along the border."
    start = text.index("buffer zone")
    found = build_finder("en", by_slug=True).find(
        text, [TargetSpan(start, start + 11, ("measure_type", "buffer-zones"))]
    )
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    assert {(slugs[p.actor], p.stance) for p in found} == {("south-sudan", "accepts")}
