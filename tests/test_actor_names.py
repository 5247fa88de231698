"""Officials' names in the actor terms name the right actor, and an ambiguous name names none.

Data tests over fixtures/registry/actors.yaml and fixtures/lexicon-ru/terms.yaml (see
fixtures/registry/actors-sources.md); no database."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from cbm.matching import Matcher, TermSpec
from cbm.registry_data import term_values

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _actor_terms():
    """(slug, language, term as written) for every actor term of both files."""
    english = yaml.safe_load((FIXTURES / "registry" / "actors.yaml").read_text("utf-8"))
    for entry in english["actors"]:
        for spec in entry.get("terms") or []:
            yield entry["slug"], "en", spec
    russian = yaml.safe_load((FIXTURES / "lexicon-ru" / "terms.yaml").read_text("utf-8"))
    for slug, specs in russian["actors"].items():
        for spec in specs or []:
            yield slug, "ru", spec


@pytest.fixture(scope="module")
def matcher():
    specs = []
    for number, (slug, language, spec) in enumerate(_actor_terms()):
        values = term_values(spec, slug)
        if values.get("cue") or values.get("unless"):
            continue  # needs its cue list; none of the names does
        text = values["text"]
        specs.append(
            TermSpec(number, slug, values["kind"], text, values["near"], language=language)
        )
    return Matcher(specs)


def _actors(matcher, text):
    return {match.target for match in matcher.find(text)}


@pytest.mark.parametrize(
    "text, actors",
    [
        # Shevardnadze was the Soviet foreign minister, then President of Georgia (1995-2003)
        ("Foreign Minister Eduard Shevardnadze signed it", {"soviet-union"}),
        ("President Shevardnadze asked for the bases to close", {"georgia"}),
        ("министр иностранных дел СССР Эдуард Шеварднадзе", {"soviet-union"}),
        # Woerner was West Germany's defence minister before he led NATO
        ("Defence Minister Manfred Wörner said", {"germany"}),
        ("Secretary General Manfred Woerner said", {"nato"}),
        # Antonov is also the Ukrainian aircraft maker (the An-30 flew Open Skies missions)
        ("the Antonov An-30 observation aircraft", set()),
        ("Deputy Defense Minister Anatoly Antonov said", {"russia"}),
        ("Deputy Minister of Defense Antonov announced", {"russia"}),
        # Stoltenberg also names a German defence minister and a Norwegian foreign minister,
        # Rutte the Dutch prime minister of 2010-24
        ("Stoltenberg said", set()),
        ("NATO Secretary General Jens Stoltenberg said", {"nato"}),
        ("Prime Minister Mark Rutte", set()),
        ("генеральный секретарь НАТО Марк Рютте", {"nato"}),
        # a surname shared with people who hold no office, a city
        ("Rahul Gandhi criticised the government", set()),
        ("Rajiv Gandhi met the Pakistani leader", {"india"}),
        ("the exercise near Kaunas", set()),
        ("Defence Minister Robertas Kaunas said", {"lithuania"}),
        ("Xiaoping", set()),
        ("Khawaja Asif said", {"pakistan"}),
        ("OSCE Secretary General Feridun Sinirlioğlu", {"osce"}),
        ("заявил Го Цзякунь", {"china"}),
        # short names of states beyond Europe stay whole words: not "Китая" for Quito («Кито»)
        ("представители Китая и Вьетнама", {"china", "vietnam"}),
        ("переговоры в Ханое", {"vietnam"}),
        ("Israeli Defense Minister Yoav Gallant said", {"israel"}),
        ("President Yoweri Museveni of Uganda", {"uganda"}),
    ],
)
def test_a_name_names_its_actor(matcher, text, actors):
    """An official's name names the actor the person served when the text quotes them."""
    assert _actors(matcher, text) == actors


def test_no_bare_surname_belongs_to_two_actors():
    """A word that matches alone (a surname) is one actor's only: overlapping terms of two actors both
    match, so a longer name elsewhere could not take it back."""
    owners = defaultdict(set)
    for slug, language, spec in _actor_terms():
        if not isinstance(spec, str):
            continue
        required = re.sub(r"\[[^\]]*\]", "", spec).split()
        if len(required) == 1:
            for word in required[0].split("/"):
                owners[(language, word.lower().rstrip("*"))].add(slug)
    shared = {name: slugs for name, slugs in owners.items() if len(slugs) > 1}
    assert shared == {("en", "inter-korean"): {"north-korea", "south-korea"}}  # names both
