"""Russian stance cues come in families: each verb with its other aspect, its infinitive, its
future and (where it is unambiguous) its noun (fixtures/lexicon-ru/terms.yaml as loaded)."""

import pytest

from cbm.models import Actor
from cbm.positions import build_finder
from cbm.positions_matching import TargetSpan
from cbm.registry_data import load_registry

from .conftest import REGISTRY, ROOT


@pytest.fixture
def russian(db):
    load_registry(REGISTRY, lexicons=[ROOT / "fixtures" / "lexicon-ru"])


def found(text, *targets):
    finder = build_finder("ru")
    spans = [
        TargetSpan(text.index(words), text.index(words) + len(words), target)
        for words, target in targets
    ]
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    return {(slugs[p.actor], p.stance, p.target) for p in finder.find(text, spans)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Россия откажется от моратория на размещение ракет.", "rejects"),
        ("Москва отказывается от моратория на размещение ракет.", "rejects"),
        ("Россия готова придерживаться моратория на размещение ракет.", "proposes"),
        ("Россия не готова придерживаться моратория на размещение ракет.", "rejects"),
        ("Москва выразила готовность обсудить мораторий на размещение ракет.", "proposes"),
        ("Россия приостанавливает мораторий на размещение ракет.", "suspends"),
        ("Россия приостановит мораторий на размещение ракет.", "suspends"),
        ("Россия согласится на мораторий на размещение ракет.", "accepts"),
        ("Москва подпишет мораторий на размещение ракет.", "accepts"),
        ("Россия разорвала мораторий на размещение ракет.", "suspends"),
        ("Россия отклонит мораторий на размещение ракет.", "rejects"),
    ],
)
def test_each_form_of_a_cue_family_takes_its_stance(russian, text, expected):
    assert found(text, ("размещение ракет", "m")) == {("russia", expected, "m")}


def test_a_channel_not_interrupted_is_kept(russian):
    """ "Канал связи … не прерывался": the negation of a suspension is implementation."""
    text = "Россия заявила, что канал связи с США не прерывался."
    assert ("russia", "implements", "c") in found(text, ("канал связи", "c"))


@pytest.mark.parametrize(
    "text",
    [
        # "готов*" + "к" would find "готовится к учениям" (prepares for exercises)
        "Россия готовится к учениям с уведомлением наблюдателей.",
        # a participle "agreed" is no agreement by anyone ("по согласованному маршруту")
        "Полет пройдет по согласованному маршруту наблюдения.",
        # the noun "отказ" may be what another demands ("речь должна идти об отказе")
        "Речь идет об отказе от моратория на размещение ракет.",
    ],
)
def test_forms_outside_a_family_take_no_stance(russian, text):
    targets = [w for w in ("уведомлением", "маршруту наблюдения", "размещение ракет") if w in text]
    assert not {p for p in found(text, (targets[0], "t")) if p[1] != "implements"}
