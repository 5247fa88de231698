"""Whose voice a sentence is when it names nobody: the document's publisher when that is an
actor's own organ ("U.S. Department of State", "МИД России") and the sentence speaks of it as
itself ("we", "the ministry"); and two small rules on sentences (a negation ends with its
sentence; the agents of a passive joined by "and" act together). The finder's rules are pure
Python; the last tests read the registry's words and run the service on an ingested text."""

import pytest
from django.contrib.auth import get_user_model

from cbm import curation
from cbm.ingest import ingest_bytes
from cbm.matching import TermSpec
from cbm.models import Document, Position
from cbm.positions import position_words, suggest_positions
from cbm.positions_eval import read_eval_set
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords

from .conftest import ROOT
from .test_positions_words import spans

ACTORS = [
    TermSpec(1, "us", "phrase", "U.S."),
    TermSpec(2, "us", "phrase", "the United States"),
    TermSpec(3, "russia", "phrase", "Russia"),
    TermSpec(4, "russia", "phrase", "Russian Ministry of Foreign Affairs"),
    TermSpec(5, "osce", "phrase", "OSCE"),
    TermSpec(6, "serbia", "phrase", "Serbia"),
    TermSpec(7, "ukraine", "phrase", "Kyiv"),
    TermSpec(8, "soviet", "phrase", "the Soviet Union"),
    TermSpec(9, "russia", "phrase", "МИД России", language="ru"),
]
CUES = [
    CueSpec(10, "implements", "phrase", "invited"),
    CueSpec(11, "demands", "phrase", "call on"),
    CueSpec(12, "accepts", "phrase", "signed"),
    CueSpec(13, "implements", "phrase", "пригласили"),
]
WORDS = PositionWords.from_lists(
    {
        "negations": ["not"],
        "objects": ["to", "of", "by"],
        "frames": ["to", "under"],
        "agents": ["by"],
        "joiners": ["and", "the"],
        "organs": ["ministry", "department", "mission", "delegation", "defence", "мид"],
        "selves": ["we", "our", "ministry", "мы"],
    }
)


def finder():
    return PositionFinder(ACTORS, CUES, WORDS)


def find(text, *targets, publisher=""):
    found = finder().find(text, spans(text, *targets), publisher)
    return {(p.actor, p.stance, p.target) for p in found}


@pytest.mark.parametrize(
    "publisher, actors",
    [
        ("U.S. Department of State", ["us"]),
        ("Russian Ministry of Foreign Affairs", ["russia"]),
        ("Ministry of Defence of Serbia", ["serbia"]),
        ("WikiLeaks (U.S. Mission to the OSCE cable)", ["us"]),
        ("МИД России", ["russia"]),
        # no organ word: a newspaper named after a city is nobody's voice
        ("Kyiv Post", []),
        # the OSCE right after a frame word is whom the delegation is sent to
        ("Norwegian Delegation to the OSCE", []),
        ("", []),
    ],
)
def test_a_publisher_is_an_actors_organ_when_an_organ_word_stands_by_its_name(publisher, actors):
    assert finder().publisher_actors(publisher) == actors


def test_a_sentence_in_the_publishers_own_voice_is_the_publishers_position():
    text = "We have invited observers to the exercise."
    target = ("invited observers", "obs")
    assert find(text, target, publisher="U.S. Department of State") == {("us", "implements", "obs")}
    assert find(text, target, publisher="Kyiv Post") == set()  # no organ: nobody's voice
    assert find(text, target) == set()
    # a sentence with no self word is not the publisher's ("Observers were invited")
    text = "Observers were invited to the exercise."
    assert find(text, ("invited", "obs"), publisher="U.S. Department of State") == set()
    # an actor the sentence names still takes its own stance
    text = "We noted that Russia invited observers."
    assert find(text, target, publisher="U.S. Department of State") == {
        ("russia", "implements", "obs")
    }


def test_the_publishers_voice_in_russian():
    finder = PositionFinder(ACTORS, CUES, WORDS, language="ru")
    text = "Мы пригласили наблюдателей на учения."
    found = finder.find(text, spans(text, ("наблюдателей", "obs")), "МИД России")
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "implements", "obs")}


def test_a_negation_ends_with_its_sentence():
    """ "… as long as the Americans do not. We call on …": the call is no negated call."""
    text = "Russia will not deploy them if the United States do not. We call on them to cap drills."
    assert find(text, ("cap drills", "caps")) == {("russia", "demands", "caps")}


def test_the_agents_of_a_passive_joined_by_and_act_together():
    text = "The treaty was signed by the United States and the Soviet Union in 1987."
    assert find(text, ("treaty", "inf")) == {("us", "accepts", "inf"), ("soviet", "accepts", "inf")}


# -- the registry's words, the evaluation and the service ---------------------------------------


@pytest.mark.django_db
def test_the_registry_ships_organ_and_self_words_in_both_languages():
    for language, organ, self_word in (("en", "ministry", "we"), ("ru", "мид", "мы")):
        words = position_words(language)
        assert organ in words.organs and self_word in words.selves


def test_the_evaluation_passes_each_paragraphs_publisher():
    documents = read_eval_set(ROOT / "fixtures" / "eval" / "en", "dev")
    publishers = {d[0].label: d[0].publisher for d in documents}
    assert publishers["en-a-001"] == "U.S. Mission to the OSCE"


REPORT = b"We have invited observers from Latvia to the military exercise Zapad.\n"


@pytest.mark.django_db
def test_ingest_suggests_the_publishers_position_and_keeps_a_curators_decision():
    reviewer = get_user_model().objects.create_user("pub-reviewer", password="x-long-pass-1")
    document = ingest_bytes(
        REPORT, source_name="statement.txt", publisher="Ministry of Defence of Belarus"
    ).document
    found = set(Position.objects.values_list("actor__slug", "stance", "measure_type__slug"))
    assert found == {("belarus", "implements", "observation")}
    position = Position.objects.get()
    assert position.quote == position.passage.text[position.start : position.end]
    curation.link_reject(link=position, by=reviewer)
    before = list(Position.objects.values())
    documents = Document.objects.filter(pk=document.pk)
    assert suggest_positions(documents).created == 0
    assert list(Position.objects.values()) == before  # the rejection stands on a re-run
