"""Russian stance cues come in families: each verb with its other aspect, its infinitive, its
future and (where it is unambiguous) its noun (fixtures/lexicon-ru/terms.yaml as loaded)."""

import pytest

from .lexicon_finder import position_finder


@pytest.fixture
def russian(db):
    """The Russian lexicon's position finder, built once a process (tests.lexicon_finder)."""
    return position_finder("ru")


def found(text, *targets):
    return position_finder("ru")(text, *targets)


FAMILIES = [
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
]


def test_each_form_of_a_cue_family_takes_its_stance(russian):
    """One registry load for all the forms (loading is what takes the time)."""
    wrong = [
        (text, found(text, ("размещение ракет", "m")))
        for text, expected in FAMILIES
        if found(text, ("размещение ракет", "m")) != {("russia", expected, "m")}
    ]
    assert not wrong


def test_a_channel_not_interrupted_is_kept(russian):
    """ "Канал связи … не прерывался": the negation of a suspension is implementation."""
    text = "Россия заявила, что канал связи с США не прерывался."
    assert ("russia", "implements", "c") in found(text, ("канал связи", "c"))


OUTSIDE = [
    # "готов*" + "к" would find "готовится к учениям" (prepares for exercises)
    "Россия готовится к учениям с уведомлением наблюдателей.",
    # a participle "agreed" is no agreement by anyone ("по согласованному маршруту")
    "Полет пройдет по согласованному маршруту наблюдения.",
    # the noun "отказ" may be what another demands ("речь должна идти об отказе")
    "Речь идет об отказе от моратория на размещение ракет.",
]


def test_forms_outside_a_family_take_no_stance(russian):
    for text in OUTSIDE:
        words = ("уведомлением", "маршруту наблюдения", "размещение ракет")
        target = next(w for w in words if w in text)
        assert not {p for p in found(text, (target, "t")) if p[1] != "implements"}, text


OWNERS = [
    # a cue noun's owner in the genitive takes it, whoever the subject is
    ("Никто не ответил на инициативу РФ о запрете на размещение ракет.", "russia", "proposes"),
    ("Американские военные посетили учения по приглашению Белоруссии.", "belarus", "implements"),
    ("Украина получила разрешение России на проведение инспекции.", "russia", "accepts"),
    ("Россия дала согласие на просьбу Украины о проведении инспекции.", "ukraine", "demands"),
]


def test_a_cue_nouns_owner_in_the_genitive_takes_it(russian):
    targets = {"ОВ": "размещение ракет", "У": "учения", "И": "инспекции"}
    for text, actor, stance in OWNERS:
        words = next(w for w in targets.values() if w in text)
        assert (actor, stance, "t") in found(text, (words, "t")), text


def test_an_owner_is_not_read_across_an_object_word_or_in_the_nominative(russian):
    """ "приглашение в Белоруссию": a place; "предложение Россия отвергла": a new subject."""
    text = "Польша не ответила на приглашение отправить в Белоруссию наблюдателей на учения."
    assert not {p for p in found(text, ("учения", "t")) if p[0] == "belarus"}
    text = "Это предложение Россия отвергла как неприемлемое для размещения ракет."
    assert ("russia", "proposes", "t") not in found(text, ("размещения ракет", "t"))


def test_setting_up_a_channel_is_a_commitment_ascertaining_is_not(russian):
    """ "Россия и США установят прямую линию связи" commits to a channel (accepts); "Российские
    инспекторы установят, соответствует ли отчет по обмену информацией" ascertains: no
    acceptance of the exchange (dev q)."""
    channel = found("Россия и США установят прямую линию связи.", ("прямую линию связи", "c"))
    assert ("russia", "accepts", "c") in channel
    text = "Российские инспекторы установят, соответствует ли отчет по обмену информацией данным."
    assert not any(s == "accepts" for _, s, _ in found(text, ("обмену информацией", "d")))
