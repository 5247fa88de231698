"""Who said it: the finder's reported-speech rules (speaker words, curated per language) and
the Russian stance cues the registry ships for them. Pure Python, like the finder; the last
tests read the registry's data."""

import pytest

from cbm.matching import TermSpec
from cbm.models import Actor
from cbm.positions import build_finder, position_words
from cbm.positions_matching import CueSpec, TargetSpan
from cbm.registry_data import load_registry

from .conftest import REGISTRY, ROOT
from .test_positions_words import (
    EN_ACTORS,
    EN_CUES,
    EN_WORDS,
    RU_ACTORS,
    RU_CUES,
    RU_WORDS,
    PositionFinder,
    PositionWords,
    spans,
)

RU_SPEECH = PositionWords.from_lists(
    {
        **{role: list(getattr(RU_WORDS, role)) for role in ("negations", "objects", "agents")},
        **{role: list(getattr(RU_WORDS, role)) for role in ("nominative", "oblique")},
        "speakers": ["сказал", "сообщает", "заявил"],
    }
)
EN_SPEECH = PositionWords.from_lists(
    {
        **{role: list(getattr(EN_WORDS, role)) for role in ("negations", "objects")},
        "speakers": ["said"],
    }
)


def find(finder, text, *targets):
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_the_actor_a_speaker_word_names_after_the_cue_takes_the_stance():
    """ "Наблюдатели из Латвии приглашены …, сообщает Минобороны России": Latvia, in an
    oblique case, invited nobody; the ministry that says so did."""
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_SPEECH, language="ru")
    text = (
        "Наблюдатели из Латвии и еще шести стран приглашены на учения «Запад», которые "
        "пройдут в сентябре на трех полигонах, сообщает пресс-служба Минобороны России."
    )
    assert find(finder, text, ("приглашены на учения", "obs")) == {("russia", "implements", "obs")}
    # without speaker words the sentence names nobody who acts
    plain = PositionFinder(RU_ACTORS, RU_CUES, RU_WORDS, language="ru")
    assert find(plain, text, ("приглашены на учения", "obs")) == set()


def test_a_speaker_does_not_displace_the_actor_before_the_cue():
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_SPEECH, language="ru")
    text = "Украина предложила провести консультации по учениям, сказал Путин."
    assert find(finder, text, ("консультации", "cons")) == {("ukraine", "proposes", "cons")}


def test_the_last_place_named_in_a_quotation_is_not_its_speaker():
    """ "… на территории Латвии», — сказал Путин": only a name right before the speaker word,
    with nothing but a space between, is the speaker."""
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_SPEECH, language="ru")
    text = "«Инспекторы выполнит проверку района на территории Латвии», — сказал Путин."
    assert find(finder, text, ("проверку района", "insp")) == {("russia", "implements", "insp")}
    english = PositionFinder(EN_ACTORS, EN_CUES, EN_SPEECH)
    text = "“The inspectors agreed to a visit to the base,” Sweden said."
    assert find(english, text, ("a visit", "visit")) == {("sweden", "accepts", "visit")}


def test_a_next_sentence_that_opens_with_a_speaker_word_names_the_speaker():
    """ "… приглашены на учения. Об этом заявил Путин." — but a later sentence that only
    mentions a speaker word further on does not."""
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_SPEECH, language="ru")
    text = "Наблюдатели приглашены на учения. Об этом заявил Путин."
    assert find(finder, text, ("учения", "obs")) == {("russia", "implements", "obs")}
    text = "Наблюдатели приглашены на учения. В Риге вчера долго говорили, заявил Путин."
    assert find(finder, text, ("учения", "obs")) == set()


@pytest.mark.django_db
def test_the_registry_ships_speaker_words_and_russian_cues_for_requests_and_stops():
    load_registry(REGISTRY, lexicons=[ROOT / "fixtures" / "lexicon-ru"])
    assert {"said", "told"} <= position_words("en").speakers
    assert {"сказал", "заявил", "сообщает"} <= position_words("ru").speakers
    finder = build_finder("ru")
    actors = {a.target for a in finder.actors.find("Украина")}
    text = "Украина попросила провести консультации по учениям."
    start = text.index("консультации")
    found = finder.find(text, [TargetSpan(start, start + len("консультации"), "c")])
    assert {(p.actor, p.stance) for p in found} == {(actors.pop(), "demands")}
    text = "Россия не будет направлять наблюдателей на учения."
    start = text.index("наблюдателей")
    found = finder.find(text, [TargetSpan(start, start + len("наблюдателей"), "o")])
    assert {p.stance for p in found} == {"rejects"}


def test_a_name_its_term_writes_in_capitals_is_no_dateline():
    """ "МИД РФ заявил о выходе …": the term writes МИД and РФ in capitals, so the text's
    capitals are the name's own; "РИГА, 22 авг —" stays a dateline."""
    actors = [*RU_ACTORS, TermSpec(11, "russia", "phrase", "МИД России/РФ", language="ru")]
    cues = [*RU_CUES, CueSpec(29, "suspends", "phrase", "выходе из")]
    finder = PositionFinder(actors, cues, RU_WORDS, language="ru")
    text = "МИД РФ заявил о выходе из договора по открытому небу."
    assert find(finder, text, ("договора по открытому небу", "os")) == {
        ("russia", "suspends", "os")
    }
    text = "РИГА, 22 авг. Наблюдатели приглашены на учения."
    assert find(finder, text, ("учения", "obs")) == set()


ACCUSING = [
    *EN_CUES,
    CueSpec(40, "accuses", "phrase", "failed to"),
    CueSpec(41, "accuses", "phrase", "breach"),
    CueSpec(42, "implements", "phrase", "notify"),
]
ACCUSED_WORDS = PositionWords.from_lists(
    {
        "objects": ["to", "of", "with", "in"],
        "speakers": ["said", "claimed"],
        "accused": ["failed", "breach"],
    }
)


def test_the_subject_of_a_cue_of_the_accused_is_accused_not_accuser():
    finder = PositionFinder(EN_ACTORS, ACCUSING, ACCUSED_WORDS)
    text = "Sweden stated that Russia failed to notify its large exercise."
    found = find(finder, text, ("its large exercise", "notice"))
    assert found == {("sweden", "accuses", "notice")}
    text = "Citing Russia's breach of the treaty, the United States left it."
    assert find(finder, text, ("the treaty", "t")) == {("us", "accuses", "t")}
    # the speaker accuses; nobody named but the accused: no accusation of the accused's own
    text = "Russia failed to notify its large exercise, Sweden said."
    assert find(finder, text, ("its large exercise", "n")) == {("sweden", "accuses", "n")}
    text = "Russia failed to notify its large exercise."
    assert find(finder, text, ("its large exercise", "n")) == set()


def test_an_actor_who_claims_a_breach_accuses_as_usual():
    finder = PositionFinder(EN_ACTORS, ACCUSING, ACCUSED_WORDS)
    text = "Moscow claimed this would be a breach of the treaty."
    assert find(finder, text, ("the treaty", "t")) == {("russia", "accuses", "t")}
    # without accused words the subject accuses, as before
    plain = PositionFinder(EN_ACTORS, ACCUSING, EN_WORDS)
    text = "Russia failed to notify its large exercise."
    assert find(plain, text, ("its large exercise", "n")) == {("russia", "accuses", "n")}


@pytest.mark.django_db
def test_the_registry_ships_english_cues_for_resumed_contacts_and_officials_by_name():
    finder = build_finder("en")
    slugs = {a.pk: a.slug for a in Actor.objects.all()}
    text = "China and the United States resumed military-to-military contacts last week."
    start = text.index("military-to")
    found = finder.find(
        text, [TargetSpan(start, start + len("military-to-military contacts"), "c")]
    )
    assert {(slugs[p.actor], p.stance) for p in found} == {
        ("china", "implements"),
        ("united-states", "implements"),
    }
    text = "Serdyukov agreed to annual staff talks."
    start = text.index("annual")
    found = finder.find(text, [TargetSpan(start, len(text) - 1, "c")])
    assert {(slugs[p.actor], p.stance) for p in found} == {("russia", "accepts")}


def test_a_sentence_inside_a_quotation_is_said_by_whom_its_attribution_names():
    """ "“We confirm our negative attitude to X. Even …,” Belousov told …": the first sentence
    names nobody; the quotation it opens is Belousov's (Russia's)."""
    finder = PositionFinder(
        [*EN_ACTORS, TermSpec(30, "russia", "phrase", "Belousov")],
        [*EN_CUES, CueSpec(31, "rejects", "phrase", "negative attitude")],
        EN_SPEECH,
    )
    text = (
        "“We confirm our negative attitude to the idea of modernizing the treaty. Even a "
        "reissue makes no sense,” Belousov said on Wednesday."
    )
    assert find(finder, text, ("treaty", "vd")) == {("russia", "rejects", "vd")}
    # with the quotation closed before the next sentence, that sentence's speaker is not its
    text = "“We confirm our negative attitude to the treaty.” Then the minister met Belousov."
    assert find(finder, text, ("treaty", "vd")) == set()
