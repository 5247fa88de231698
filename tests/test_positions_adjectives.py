"""Actors a text names only by an adjective joined to another actor ("Russian and US
servicemen", "Chinese and Indian troops", "российские и американские военные"): a word is an
actor's adjective when it makes one of that actor's terms with a head word ("Russian side").
Pure Python, like the finder; one test reads the registry's data."""

import pytest

from cbm.matching import TermSpec
from cbm.positions import position_words
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

EN_ACTORS = [
    TermSpec(1, "russia", "phrase", "Russia"),
    TermSpec(2, "russia", "phrase", "Russian side"),
    TermSpec(3, "russia", "phrase", "Russian military"),
    TermSpec(4, "us", "abbreviation", "US"),
    TermSpec(5, "us", "phrase", "American officials"),
    TermSpec(6, "china", "phrase", "Chinese side"),
    TermSpec(7, "india", "phrase", "Indian side"),
    TermSpec(8, "india", "phrase", "Indian military"),
    TermSpec(9, "pakistan", "phrase", "Pakistan"),
    TermSpec(10, "us", "phrase", "White House"),
]
EN_CUES = [
    CueSpec(20, "implements", "phrase", "maintain"),
    CueSpec(21, "accepts", "phrase", "agreed"),
]
EN_WORDS = PositionWords.from_lists(
    {
        "objects": ["between", "of", "to"],
        "joiners": ["and", "the"],
        "determiners": ["the"],
        "heads": ["side", "officials", "military"],
    }
)
RU_ACTORS = [
    TermSpec(1, "russia", "phrase", "российск* сторон*/военн*", language="ru"),
    TermSpec(2, "us", "phrase", "американск* сторон*/военн*", language="ru"),
    TermSpec(3, "us", "abbreviation", "США", language="ru"),
]
RU_CUES = [CueSpec(20, "implements", "phrase", "поддерживают")]
RU_WORDS = PositionWords.from_lists(
    {
        "objects": ["между"],
        "joiners": ["и"],
        "heads": ["сторона"],
        "nominative": ["ие", "ые"],
        "oblique": ["их", "ых"],
    }
)


def spans(text, *targets):
    return [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]


def find_en(text, *targets, words=EN_WORDS):
    finder = PositionFinder(EN_ACTORS, EN_CUES, words)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def find_ru(text, *targets):
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_WORDS, language="ru")
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


HOTLINE = ("a communication channel", "hotline")


def test_an_adjective_joined_to_an_actor_names_its_own_actor():
    """ "Russian and US servicemen": both act, Russia found from "Russian" + "side"."""
    text = "Russian and US servicemen in Syria maintain a communication channel."
    assert find_en(text, HOTLINE) == {
        ("russia", "implements", "hotline"),
        ("us", "implements", "hotline"),
    }


def test_an_adjective_joined_to_an_actors_term_names_its_own_actor():
    """ "Pakistan and Indian militaries": "Indian" (of "Indian side") is India's."""
    text = "Pakistan and Indian militaries agreed to a pullback of troops."
    assert find_en(text, ("a pullback of troops", "pullback")) == {
        ("pakistan", "accepts", "pullback"),
        ("india", "accepts", "pullback"),
    }


def test_two_joined_adjectives_name_two_actors():
    text = "Chinese and Indian troops agreed to a pullback of troops."
    assert find_en(text, ("a pullback of troops", "pullback")) == {
        ("china", "accepts", "pullback"),
        ("india", "accepts", "pullback"),
    }


def test_joined_adjectives_after_an_object_word_do_not_act():
    """ "talks between Russian and US officers": the object of the talks, not who agreed."""
    text = "Moscow agreed to a hotline between Russian and US officers."
    assert find_en(text, ("a hotline", "hotline")) == set()


@pytest.mark.parametrize(
    "text",
    [
        # a word that makes no actor's term with a head word is no adjective
        "Syrian and US servicemen in Syria maintain a communication channel.",
        # a word alone, not joined by "and", is read as an adjective only before a noun of
        # people, forces or organs ("servicemen" is none of EN_WORDS')
        "Russian servicemen in Syria maintain a communication channel.",
    ],
)
def test_only_a_joined_word_that_makes_a_term_is_an_adjective(text):
    found = find_en(text, HOTLINE)
    assert ("russia", "implements", "hotline") not in found


def test_a_term_longer_than_the_word_and_its_head_makes_no_adjective():
    """ "White House" is a term, "White side" is none: "White" is nobody's adjective, and
    "Indian" is read only beside another actor."""
    text = "White and Indian servicemen maintain a communication channel."
    assert find_en(text, HOTLINE) == set()


def test_without_head_words_no_adjective_is_read():
    words = PositionWords.from_lists({"joiners": ["and"]})
    text = "Russian and US servicemen in Syria maintain a communication channel."
    assert find_en(text, HOTLINE, words=words) == {("us", "implements", "hotline")}


def test_russian_adjectives_joined_name_both_actors():
    """ "российские и американские военные": Russia from "российские" + "сторона"."""
    text = "Российские и американские военные поддерживают канал связи."
    assert find_ru(text, ("канал связи", "hotline")) == {
        ("russia", "implements", "hotline"),
        ("us", "implements", "hotline"),
    }


def test_russian_adjective_joined_to_an_abbreviation():
    text = "Российские и США военные поддерживают канал связи."
    assert ("russia", "implements", "hotline") in find_ru(text, ("канал связи", "hotline"))


def test_russian_adjectives_after_an_object_word_do_not_act():
    text = "Канал связи между российскими и американскими военными поддерживают."
    assert find_ru(text, ("Канал связи", "hotline")) == set()


@pytest.mark.django_db
def test_the_registry_ships_head_words():
    assert {"side", "officials"} <= position_words("en").heads
    assert "сторона" in position_words("ru").heads


PEOPLE_WORDS = PositionWords.from_lists(
    {
        "objects": ["between", "of", "to"],
        "joiners": ["and", "the"],
        "determiners": ["the"],
        "heads": ["side", "officials", "military", "troops"],
        "groups": ["inspectors", "group"],
        "organs": ["ministry"],
    }
)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese troops maintain a communication channel.",
        "Chinese arms control inspectors maintain a communication channel.",
        "A Chinese group of inspectors maintain a communication channel.",
        "Chinese Foreign Ministry staff maintain a communication channel.",
        # "Japanese" is no actor's adjective; "Chinese" still reaches its noun
        "Senior Chinese and Japanese defence officials maintain a communication channel.",
    ],
)
def test_an_adjective_alone_before_a_noun_of_people_names_its_actor(text):
    """POSITIONS.md rule 1: "an adjective joined to a noun of people or forces" names the
    actor, with no other actor beside it."""
    assert ("china", "implements", "hotline") in find_en(text, HOTLINE, words=PEOPLE_WORDS)


@pytest.mark.parametrize(
    "text",
    [
        # a cue before the noun: "Chinese" is no subject of "maintain"
        "Chinese pilots maintain a communication channel with inspectors.",
        # punctuation between the adjective and the noun
        "It was Chinese, the officials maintain a communication channel.",
        # an object word between them
        "Chinese parts of the military maintain a communication channel.",
        # a word written in lower case is no demonym
        "chinese troops maintain a communication channel.",
    ],
)
def test_an_adjective_alone_names_no_actor_across_a_verb_or_punctuation(text):
    assert ("china", "implements", "hotline") not in find_en(text, HOTLINE, words=PEOPLE_WORDS)


def test_an_adjective_on_a_stance_noun_names_who_takes_the_stance():
    """POSITIONS.md rule 17: "the Chinese proposals" are China's, though the noun is a cue."""
    words = PositionWords.from_lists(
        {"objects": ["on", "of"], "determiners": ["the"], "heads": ["side", "proposals"]}
    )
    finder = PositionFinder(EN_ACTORS, [CueSpec(22, "proposes", "phrase", "proposals")], words)
    text = "The Chinese proposals on a communication channel were discussed."
    found = {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, HOTLINE))}
    assert found == {("china", "proposes", "hotline")}


@pytest.mark.django_db
def test_the_registry_names_actors_by_demonyms_capitals_and_common_names():
    """The curated English terms of the actors branch: "Turkey", a demonym before a noun of
    people ("Lithuanian arms control inspectors"), "Austrian and Swiss inspectors"."""
    from cbm.models import Actor
    from cbm.positions import build_finder

    slugs = dict(Actor.objects.values_list("pk", "slug"))
    finder = build_finder("en")

    def named(text):
        return {slugs[a.target] for a in finder.with_adjectives(text, finder.actors.find(text))}

    assert named("Turkey and Lithuanian arms control inspectors") == {"turkiye", "lithuania"}
    assert named("Austrian and Swiss inspectors") == {"austria", "switzerland"}


@pytest.mark.django_db
def test_the_russian_lexicon_names_states_by_name_demonym_and_nationality():
    """fixtures/lexicon-ru/terms.yaml (actors branch): «Греция», «сербские инспекторы»,
    «американцы и датчане»; not the indeclinable venue «в Баку»."""
    from pathlib import Path

    import yaml

    from cbm.positions import position_words

    path = Path(__file__).resolve().parent.parent / "fixtures" / "lexicon-ru" / "terms.yaml"
    actors = yaml.safe_load(path.read_text("utf-8"))["actors"]
    specs = [
        TermSpec(n, slug, "abbreviation", term["abbreviation"], language="ru")
        if isinstance(term, dict)
        else TermSpec(n, slug, "phrase", term, language="ru")
        for n, (slug, term) in enumerate(
            (slug, term) for slug, terms in actors.items() for term in terms
        )
    ]
    finder = PositionFinder(specs, [], position_words("ru"), language="ru")

    def named(text):
        return {a.target for a in finder.actors.find(text)}

    assert named("сербские инспекторы") == {"serbia"}
    # plain words as written (the registry's matcher also reads their other cases)
    assert named("Греция и Казахстан") == {"greece", "kazakhstan"}
    assert named("американцы и датчане") == {"united-states", "denmark"}
    assert named("в Баку встретился") == set()
