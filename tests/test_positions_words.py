"""The position finder's curated small words beyond negations and prepositions: Russian case
endings, joiners, barriers, members words, anaphors, datelines — and the rules on which target
and which actor a cue takes. Pure Python, like the finder; one test reads the registry's data."""

import pytest

from cbm.matching import TermSpec
from cbm.models import PositionWord
from cbm.positions import position_words
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan

RU_ACTORS = [
    TermSpec(1, "russia", "phrase", "Россия~", language="ru"),
    TermSpec(2, "russia", "phrase", "Москва~", language="ru"),
    TermSpec(3, "china", "phrase", "Пекин~", language="ru"),
    TermSpec(4, "ukraine", "phrase", "Украина~", language="ru"),
    TermSpec(5, "latvia", "phrase", "Рига~", language="ru"),
    TermSpec(6, "latvia", "phrase", "Латвия~", language="ru"),
    TermSpec(7, "russia", "phrase", "Путин*", language="ru"),
    TermSpec(8, "russia", "phrase", "Минобороны~ России~/РФ", language="ru"),
    TermSpec(9, "osce", "abbreviation", "ОБСЕ", language="ru"),
    TermSpec(10, "canada", "phrase", "Канада~", language="ru"),
]
RU_CUES = [
    CueSpec(20, "demands", "phrase", "инициированные"),
    CueSpec(21, "accepts", "phrase", "обязуются"),
    CueSpec(22, "implements", "phrase", "сообщать"),
    CueSpec(23, "proposes", "phrase", "инициатив*"),
    CueSpec(24, "implements", "phrase", "приглашены"),
    CueSpec(25, "accepts", "phrase", "дала разрешение", negated_stance="rejects"),
    CueSpec(26, "proposes", "phrase", "предложил*", negated_stance="rejects"),
    CueSpec(27, "implements", "phrase", "предоставлять"),
    CueSpec(28, "implements", "phrase", "выполнит"),
]
RU_WORDS = PositionWords.from_lists(
    {
        "negations": ["не"],
        "objects": ["в", "на", "из", "страны"],
        "agents": ["словам"],
        "groups": ["группа", "специалистов"],
        "barriers": ["на"],
        "joiners": ["и"],
        "nominative": ["ая", "ий", "ие", "ые"],
        "oblique": ["и", "е", "у", "ов"],
        "instrumental": ["ой", "ей", "ом"],
    }
)

EN_ACTORS = [
    TermSpec(1, "russia", "phrase", "Russia"),
    TermSpec(2, "russia", "phrase", "Moscow"),
    TermSpec(3, "us", "phrase", "the United States"),
    TermSpec(4, "us", "phrase", "Washington"),
    TermSpec(5, "osce", "phrase", "OSCE"),
    TermSpec(6, "sweden", "phrase", "Sweden"),
]
EN_CUES = [
    CueSpec(10, "suspends", "phrase", "suspended"),
    CueSpec(11, "proposes", "phrase", "proposed"),
    CueSpec(12, "accepts", "phrase", "agreed"),
    CueSpec(13, "accuses", "phrase", "accusations"),
    CueSpec(14, "accuses", "phrase", "violate"),
    CueSpec(15, "accepts", "phrase", "pledged"),
    CueSpec(16, "proposes", "phrase", "offered"),
]
EN_WORDS = PositionWords.from_lists(
    {
        "negations": ["not"],
        "objects": ["to", "of", "with", "in"],
        "joiners": ["and"],
        "members": ["state", "states", "participating"],
        "anaphors": ["treaty", "agreement"],
        "determiners": ["the", "this"],
    }
)


def spans(text, *targets):
    return [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]


def find_ru(text, *targets):
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_WORDS, language="ru")
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def find_en(text, *targets):
    finder = PositionFinder(EN_ACTORS, EN_CUES, EN_WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def find_en_document(*paragraphs):
    finder = PositionFinder(EN_ACTORS, EN_CUES, EN_WORDS)
    inputs = [(text, spans(text, *targets)) for text, targets in paragraphs]
    return [
        {(p.actor, p.stance, p.target) for p in found} for found in finder.find_document(inputs)
    ]


# -- Russian: the case an actor is named in ----------------------------------------------------


def test_an_actor_in_an_oblique_case_does_not_act():
    """ "разрешение России": Russia gave nothing here; Ukraine (nominative) acts."""
    text = "Украина дала разрешение России на проверку района."
    assert find_ru(text, ("проверку района", "challenge")) == {("ukraine", "accepts", "challenge")}
    text = "Россия не дала разрешение Украине на проверку района."
    assert find_ru(text, ("проверку района", "challenge")) == {("russia", "rejects", "challenge")}


def test_an_actor_in_the_instrumental_after_the_cue_is_its_agent():
    text = "Консультации, инициированные Украиной, пройдут в Вене."
    assert find_ru(text, ("Консультации", "consult")) == {("ukraine", "demands", "consult")}


def test_a_term_written_as_the_text_writes_it_tells_no_case():
    """ "Минобороны России" is nominative as written; "Путин" is the bare prefix of Путин*."""
    text = "Минобороны России предложило меры доверия."
    assert find_ru(text, ("меры доверия", "cbm")) == {("russia", "proposes", "cbm")}
    text = "Путин предложил мораторий."
    assert find_ru(text, ("мораторий", "moratorium")) == {("russia", "proposes", "moratorium")}


def test_a_group_acts_for_the_country_named_in_an_oblique_case():
    text = "Группа специалистов из Канады выполнит наблюдательный полет над Россией."
    assert find_ru(text, ("наблюдательный полет", "flight")) == {("canada", "implements", "flight")}
    text = "Наблюдатели из Канады выполнит наблюдательный полет."  # (no group word: nobody)
    assert find_ru(text, ("наблюдательный полет", "flight")) == set()


def test_a_speaker_word_makes_an_oblique_actor_the_speaker():
    assert find_ru("По словам Путина, предложил мораторий.", ("мораторий", "m")) == {
        ("russia", "proposes", "m")
    }


def test_joined_actors_act_together_and_a_cue_right_after_a_cue_is_governed_by_it():
    text = "Москва и Пекин обязуются сообщать друг другу о пусках ракет."
    assert find_ru(text, ("о пусках ракет", "launch")) == {
        ("russia", "accepts", "launch"),
        ("china", "accepts", "launch"),
    }


def test_a_negation_does_not_reach_a_cue_across_a_barrier():
    """ "не ответил на инициативу": the initiative stands, it is not negated away."""
    text = "Пекин не ответил на инициативу Москвы о моратории."
    finder = PositionFinder(RU_ACTORS, RU_CUES, RU_WORDS, language="ru")
    assert [c.stance for c in finder._cues(text)] == ["proposes"]
    without = PositionWords.from_lists({"negations": ["не"]})
    finder = PositionFinder(RU_ACTORS, RU_CUES, without, language="ru")
    assert finder._cues(text) == []


def test_a_name_in_capitals_its_term_does_not_write_so_is_a_dateline():
    text = "РИГА, 22 авг. Наблюдатели из Латвии приглашены на учения."
    assert find_ru(text, ("на учения", "observation")) == set()


def test_members_words_name_the_members_not_the_organisation():
    text = "Each OSCE state pledged to make evaluation visits."
    assert find_en(text, ("evaluation visits", "visits")) == set()
    assert find_ru("Страны ОБСЕ обязуются предоставлять данные.", ("данные", "data")) == set()


# -- which target, which actor --------------------------------------------------------------------


def test_an_instrument_after_the_measure_a_cue_governs_qualifies_it():
    text = "Russia proposed a moratorium on missiles banned by the INF Treaty."
    found = find_en(
        text, ("a moratorium on missiles", ("measure_type", 1)), ("INF Treaty", ("instrument", 2))
    )
    assert found == {("russia", "proposes", ("measure_type", 1))}
    # its name in brackets right after the measure is the measure's name: both stand
    text = "Washington offered to update the agreement on incidents at sea (INCSEA)."
    found = find_en(text, ("incidents at sea", ("measure_type", 1)), ("INCSEA", ("instrument", 3)))
    assert ("us", "proposes", ("instrument", 3)) in found


def test_an_anaphor_stands_for_the_instrument_named_last():
    text = "The CFE Treaty limited tanks. In 2007, Russia suspended the treaty."
    found = find_en(text, ("CFE Treaty", ("instrument", 1)))
    assert found == {("russia", "suspends", ("instrument", 1))}
    # across paragraphs of one document, and only after a determiner
    _, second = find_en_document(
        ("The CFE Treaty limited tanks.", [("CFE Treaty", ("instrument", 1))]),
        ("Russia suspended the treaty. Sweden proposed a new treaty.", []),
    )
    assert second == {("russia", "suspends", ("instrument", 1))}


def test_an_anaphor_before_any_name_stands_for_the_instrument_named_next():
    """A lead that names the instrument only later ("withdraw from the treaty … the Open Skies
    Treaty"); one named before, in this paragraph or an earlier one, still comes first."""
    text = "Russia suspended the treaty in 2007. The CFE Treaty limited tanks."
    found = find_en(text, ("CFE Treaty", ("instrument", 1)))
    assert found == {("russia", "suspends", ("instrument", 1))}
    _, second = find_en_document(
        ("The INF Treaty banned missiles.", [("INF Treaty", ("instrument", 2))]),
        (
            "Russia suspended the treaty. The CFE Treaty limited tanks.",
            [("CFE Treaty", ("instrument", 1))],
        ),
    )
    assert second == {("russia", "suspends", ("instrument", 2))}


def test_what_an_accusation_says_the_accused_did_is_not_their_accusation():
    text = "Washington withdrew on accusations that Moscow was the first to violate the agreement."
    found = find_en(text, ("agreement", ("instrument", 1)))
    assert found == {("us", "accuses", ("instrument", 1))}


def test_the_subject_carried_on_is_who_took_a_stance_last():
    first, second = find_en_document(
        ("Moscow doubts it, but the United States proposed talks on drills.", [("drills", "caps")]),
        ("They agreed on notice of drills in Sweden.", [("notice of drills", "notice")]),
    )
    assert first == {("us", "proposes", "caps")}
    assert second == {("us", "accepts", "notice")}


def test_an_actor_far_after_a_cue_is_not_taken_for_it():
    text = (
        "The talks proposed cover the scope of exercises, and many other matters of detail that "
        "concern the armed forces of Sweden."
    )
    assert find_en(text, ("exercises", "caps")) == set()
    assert find_en("Proposed by Sweden: limits on exercises.", ("exercises", "caps")) == {
        ("sweden", "proposes", "caps")
    }


@pytest.mark.django_db
def test_the_registry_ships_russian_case_endings_and_the_new_roles():
    words = position_words("ru")
    assert {"ой", "ей"} <= words.instrumental and "и" in words.oblique
    assert "и" in words.joiners and "на" in words.barriers
    assert "treaty" in position_words("en").anaphors
    PositionWord.objects.filter(language="ru", role="joiners", word="и").update(is_active=False)
    assert "и" not in position_words("ru").joiners


def test_a_cue_with_no_target_takes_that_of_a_cue_close_after_it():
    """ "will reject Moscow's proposal of a moratorium": both stances, one target."""
    finder = PositionFinder(
        EN_ACTORS,
        [
            *EN_CUES,
            CueSpec(17, "rejects", "phrase", "reject"),
            CueSpec(19, "proposes", "phrase", "proposal"),
        ],
        EN_WORDS,
    )
    text = "Sweden will reject Moscow's proposal of a moratorium on missiles."
    found = {
        (p.actor, p.stance, p.target) for p in finder.find(text, spans(text, ("a moratorium", "m")))
    }
    assert found == {("sweden", "rejects", "m"), ("russia", "proposes", "m")}


def test_a_negation_with_a_typographic_apostrophe_negates():
    finder = PositionFinder(
        EN_ACTORS,
        [CueSpec(18, "accepts", "phrase", "accept", negated_stance="rejects")],
        PositionWords.from_lists({"negations": ["n't"]}),
    )
    text = "Russia can’t accept inspections of its sites."
    found = finder.find(text, spans(text, ("inspections", "insp")))
    assert {(p.actor, p.stance) for p in found} == {("russia", "rejects")}
