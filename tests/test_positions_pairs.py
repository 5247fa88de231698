"""An act's parties named after its object ("a hotline between Peking and Moscow") when the
sentence says no one did it: each takes the act's stance (the `pairs` position words)."""

import pytest

from .lexicon_finder import position_finder

pytestmark = pytest.mark.django_db


def found(text, *targets):
    return position_finder("en")(text, *targets)


def test_an_agreement_no_one_is_said_to_reach_is_its_parties():
    text = "Agreement was also reached to set up a hotline between Peking and Moscow."
    assert found(text, ("hotline", "h")) == {("china", "accepts", "h"), ("russia", "accepts", "h")}


def test_the_two_countries_are_the_pair_named_after_the_object():
    text = "The two countries also agreed to set up a direct line between Ankara and Athens."
    assert found(text, ("direct line", "h")) == {
        ("turkiye", "accepts", "h"),
        ("greece", "accepts", "h"),
    }


def test_a_named_actor_keeps_the_act_and_the_places_after_it_take_none():
    text = "Russia set up a hotline between Moscow and Minsk."
    assert found(text, ("hotline", "h")) == {("russia", "implements", "h")}


def test_a_pair_far_after_the_object_or_after_a_proposal_takes_nothing():
    text = (
        "The treaty, which was signed in 2010, involves negotiations between Russia and the "
        "United States."
    )
    assert found(text, ("treaty", "t")) == set()
    text = "Japan proposed a hotline between Tokyo and Beijing."
    assert found(text, ("hotline", "h")) == {("japan", "proposes", "h")}
