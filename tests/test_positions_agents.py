"""Who acts when the actor is not the plain subject before the cue: actors in a list share the
role of the first ("between Russia and the United States"), a passive takes no actor after it
but its agent. Pure Python, like the finder."""

import pytest

from cbm.matching import TermSpec
from cbm.models import Actor
from cbm.positions import build_finder
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords

from .test_positions_words import EN_ACTORS, RU_ACTORS, RU_CUES, RU_WORDS, spans

ACTORS = [*EN_ACTORS, TermSpec(7, "belarus", "phrase", "Belarus")]
CUES = [
    CueSpec(40, "accepts", "phrase", "signed"),
    CueSpec(41, "implements", "phrase", "invitation*"),
    CueSpec(42, "rejects", "phrase", "refused"),
    CueSpec(43, "proposes", "phrase", "proposal*"),
    CueSpec(44, "implements", "phrase", "invited"),
]
WORDS = PositionWords.from_lists(
    {
        "negations": ["not"],
        "objects": ["to", "of", "with", "in", "between", "by"],
        "agents": ["by"],
        "joiners": ["and", "the"],
        "determiners": ["the"],
        "passives": ["was", "were"],
        "participles": ["ed"],
    }
)


def find(text, *targets):
    finder = PositionFinder(ACTORS, CUES, WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_an_actor_joined_to_an_object_is_an_object_too():
    """ "talks between Russia and the United States": neither signed what the sentence says
    was signed; "Russia and the United States signed": both did."""
    text = "The hotline accord was signed after talks between Russia and the United States."
    assert find(text, ("hotline accord", "hotline")) == set()
    text = "Russia and the United States signed the hotline accord."
    assert find(text, ("hotline accord", "hotline")) == {
        ("russia", "accepts", "hotline"),
        ("us", "accepts", "hotline"),
    }


def test_an_apposition_after_an_object_still_acts():
    """ "a source in the Biden administration, the United States …": a comma and "the" join
    no list; the United States acts."""
    finder = PositionFinder(
        [*ACTORS, TermSpec(8, "us", "phrase", "the Biden administration")], CUES, WORDS
    )
    text = "According to a source in the Biden administration, the United States refused talks."
    found = finder.find(text, spans(text, ("talks", "talks")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("us", "rejects", "talks")}


def test_a_passive_takes_no_actor_after_it_but_its_agent():
    text = "The treaty, which was signed in 2010, binds Russia."
    assert find(text, ("treaty", "start")) == set()
    text = "The treaty was signed by Russia in 2010."
    assert find(text, ("treaty", "start")) == {("russia", "accepts", "start")}


def test_a_russian_passive_takes_its_agent_in_the_instrumental():
    finder = PositionFinder(
        RU_ACTORS,
        [*RU_CUES, CueSpec(29, "rejects", "phrase", "отвергнута")],
        PositionWords.from_lists(
            {
                **{r: sorted(getattr(RU_WORDS, r)) for r in ("objects", "nominative", "oblique")},
                "instrumental": ["ой", "ей", "ом"],
                "passives": ["была"],
                "participles": ["та"],
            }
        ),
        language="ru",
    )
    text = "Идея полетов была отвергнута Москвой."
    found = finder.find(text, spans(text, ("полетов", "flights")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "rejects", "flights")}


# -- cues that overlap, and "not only" -----------------------------------------------------------


def test_a_cue_overlapping_an_earlier_one_gives_way():
    """ "would not provide national information": the suspension says it; the proximity cue
    "provide … information" starting inside it adds no stance of its own."""
    cues = [
        CueSpec(50, "suspends", "phrase", "would not provide"),
        CueSpec(
            51, "implements", "proximity", "provide", "information", 3, negated_stance="rejects"
        ),
    ]
    finder = PositionFinder(ACTORS, cues, WORDS)
    text = "Russia would not provide national information about its armed forces."
    found = finder.find(text, spans(text, ("national information", "data")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "suspends", "data")}


@pytest.mark.django_db
def test_not_only_failed_to_provide_is_the_speakers_accusation():
    """With the registry's words: "not only" negates nothing, and "Poland failed to provide
    Belarus with …" is Belarus's accusation, not Poland's refusal or deed."""
    finder = build_finder("en")
    slugs = dict(Actor.objects.values_list("pk", "slug"))
    text = (
        "Valery Revenko informed that Poland not only failed to provide Belarus with annual "
        "information about its military forces."
    )
    found = finder.find(text, spans(text, ("annual information about its", "data")))
    assert {(slugs[p.actor], p.stance, p.target) for p in found} == {("belarus", "accuses", "data")}


# -- the one a demand asks -----------------------------------------------------------------------


def test_the_subject_of_a_demand_cue_of_the_addressed_role_is_the_one_asked():
    """ "Russia needs to provide an explanation," Kuleba said: Ukraine demands; Russia is
    asked. Without the addressed word the subject demands as before ("Russia calls for")."""
    words = PositionWords.from_lists(
        {"objects": ["to", "of"], "speakers": ["said"], "addressed": ["needs"]}
    )
    cues = [
        CueSpec(60, "demands", "phrase", "needs to"),
        CueSpec(61, "demands", "phrase", "calls for"),
    ]
    finder = PositionFinder([*ACTORS, TermSpec(9, "ukraine", "phrase", "Kuleba")], cues, words)
    text = "Russia needs to provide an explanation of its drills, Kuleba said."
    found = finder.find(text, spans(text, ("explanation of its drills", "consult")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("ukraine", "demands", "consult")}
    text = "Russia calls for an explanation of the drills, Kuleba said."
    found = finder.find(text, spans(text, ("explanation of the drills", "consult")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("russia", "demands", "consult")}


# -- a proposal another cue responds to ------------------------------------------------------------


def test_a_proposal_another_cue_responds_to_is_not_the_responders():
    """ "NATO rejected the Russian proposal": NATO rejects, it proposes nothing; "rejected
    Moscow's proposal": Moscow proposes."""
    finder = PositionFinder(
        [*ACTORS, TermSpec(10, "nato", "phrase", "NATO")],
        [*CUES, CueSpec(45, "rejects", "phrase", "rejected")],
        WORDS,
    )

    def find_with(text, target):
        found = finder.find(text, spans(text, (target, "m")))
        return {(p.actor, p.stance, p.target) for p in found}

    assert find_with("NATO rejected the Russian proposal of a moratorium.", "moratorium") == {
        ("nato", "rejects", "m")
    }
    assert find_with("NATO rejected Moscow's proposal of a moratorium.", "moratorium") == {
        ("nato", "rejects", "m"),
        ("russia", "proposes", "m"),
    }


def test_an_irregular_participle_listed_whole_makes_a_passive():
    """ "Washington talks were held in May": who held them is not said (the participles role
    lists "held" beside the endings "ed", "en")."""
    words = PositionWords.from_lists(
        {
            **{r: sorted(getattr(WORDS, r)) for r in ("objects", "agents", "passives")},
            "participles": ["ed", "held"],
        }
    )
    finder = PositionFinder(ACTORS, [CueSpec(47, "implements", "phrase", "held")], words)
    text = "Washington defence talks were held in May."
    assert finder.find(text, spans(text, ("defence talks", "contacts"))) == []
    text = "Washington held defence talks in May."
    found = finder.find(text, spans(text, ("defence talks", "contacts")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("us", "implements", "contacts")}


# -- passives with no agent, and cues that answer another's deed ---------------------------------


def test_a_passive_with_no_agent_takes_no_carried_subject():
    """ "The Kremlin suspended … This treaty, which was signed in 2010, …": who signed it is
    not said; the Kremlin, the text's subject, did not."""
    text = "Moscow refused the proposal. The treaty was signed in 2010."
    assert find(text, ("proposal", "p"), ("treaty", "start")) == {("russia", "rejects", "p")}
    # an active cue with no actor still takes the subject carried over
    text = "Moscow refused the proposal. It also refused the treaty."
    assert find(text, ("proposal", "p"), ("treaty", "start")) == {
        ("russia", "rejects", "p"),
        ("russia", "rejects", "start"),
    }


def test_a_participle_ending_leaves_a_stem_of_three_letters():
    """ "Washington is open to talks": "open" is no participle of "op", so no passive."""
    words = PositionWords.from_lists(
        {
            **{r: sorted(getattr(WORDS, r)) for r in ("objects", "agents")},
            "passives": ["is", "was"],
            "participles": ["ed", "en"],
        }
    )
    finder = PositionFinder(ACTORS, [CueSpec(48, "proposes", "phrase", "open to")], words)
    text = "Washington is open to talks on missiles."
    found = finder.find(text, spans(text, ("missiles", "m")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("us", "proposes", "m")}


def test_an_invitation_accepted_is_not_the_acceptors_deed():
    """ "Russia and Belarus had accepted the invitation to observe": they accept observation;
    the invitation was someone else's. An infinitive is the acceptor's own deed."""
    finder = PositionFinder(ACTORS, [*CUES, CueSpec(50, "accepts", "phrase", "accepted")], WORDS)

    def find_here(text, *targets):
        found = finder.find(text, spans(text, *targets))
        return {(p.actor, p.stance, p.target) for p in found}

    text = "Russia and Belarus accepted the invitation to observe the drills."
    assert find_here(text, ("observe the drills", "obs")) == {
        ("russia", "accepts", "obs"),
        ("belarus", "accepts", "obs"),
    }
    text = "Russia accepted to invite observers."
    assert find_here(text, ("observers", "obs")) == {("russia", "accepts", "obs")}


def test_a_possessive_after_the_cue_owns_its_object_and_does_not_act():
    text = "Inspectors will be invited to Sweden's bases."
    assert find(text, ("bases", "visit")) == set()
    text = "Inspectors were invited by Sweden to its bases."
    assert find(text, ("bases", "visit")) == {("sweden", "implements", "visit")}


def test_the_people_of_an_actor_after_a_group_word_act_for_it():
    """ "A group of U.S. inspectors will fly over Russia": the group acts for the United
    States; without the group word the actor after "of" is an object."""
    words = PositionWords.from_lists(
        {**{r: sorted(getattr(WORDS, r)) for r in ("objects", "agents")}, "groups": ["group"]}
    )
    finder = PositionFinder(ACTORS, [CueSpec(51, "implements", "phrase", "will fly")], words)
    text = "A group of Swedish inspectors will fly over Russia."
    actors = [*ACTORS, TermSpec(52, "sweden", "phrase", "Swedish inspectors")]
    finder = PositionFinder(actors, [CueSpec(51, "implements", "phrase", "will fly")], words)
    found = finder.find(text, spans(text, ("fly over Russia", "aerial")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("sweden", "implements", "aerial")}
    text = "A report of Swedish inspectors will fly over Russia."
    assert finder.find(text, spans(text, ("fly over Russia", "aerial"))) == []


def test_a_group_word_reaches_across_a_determiner():
    words = PositionWords.from_lists(
        {
            **{r: sorted(getattr(WORDS, r)) for r in ("objects", "agents", "determiners")},
            "groups": ["group"],
        }
    )
    finder = PositionFinder(ACTORS, [CueSpec(53, "implements", "phrase", "visited")], words)
    text = "The inspectors' group of the United States visited the brigade."
    found = finder.find(text, spans(text, ("brigade", "visit")))
    assert {(p.actor, p.stance, p.target) for p in found} == {("us", "implements", "visit")}


def test_an_actor_that_starts_a_targets_words_is_its_subject():
    """ "American inspectors will conduct a visit", where the matcher read "American
    inspectors" as the measure: the United States acts; "the number of US troops" names no
    actor who acts."""
    actors = [*ACTORS, TermSpec(54, "us", "phrase", "American")]
    finder = PositionFinder(actors, [CueSpec(55, "implements", "phrase", "will conduct")], WORDS)
    text = "American inspectors will conduct a visit."
    targets = spans(text, ("American inspectors", "insp"), ("visit", "visit"))
    found = {(p.actor, p.stance, p.target) for p in finder.find(text, targets)}
    assert ("us", "implements", "visit") in found
    text = "The number of American troops will conduct a visit."
    targets = spans(text, ("number of American troops", "troops"), ("visit", "visit"))
    assert finder.find(text, targets) == []


TITLED_ACTORS = [
    TermSpec(8, "india", "phrase", "Narendra Modi"),
    TermSpec(9, "china", "phrase", "Li Keqiang"),
    TermSpec(10, "china", "phrase", "Chinese Premier"),
    TermSpec(11, "us", "phrase", "Robert M. Gates"),
    TermSpec(12, "russia", "phrase", "Serdyukov"),
    TermSpec(13, "russia", "phrase", "Russian Defense Minister"),
]


def find_titled(text, *targets):
    finder = PositionFinder([*ACTORS, *TITLED_ACTORS], CUES, WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_two_officials_joined_act_together_whatever_title_stands_before_the_second():
    """ "X and Chinese Premier Y signed", "X and Russian Defense Minister Anatoliy Y signed": the
    second's title and first names between "and" and the name do not part them."""
    text = "Narendra Modi and Chinese Premier Li Keqiang signed the agreement."
    assert find_titled(text, ("agreement", "a")) == {
        ("india", "accepts", "a"),
        ("china", "accepts", "a"),
    }
    text = "Robert M. Gates and Russian Defense Minister Anatoliy Serdyukov signed the agreement."
    assert find_titled(text, ("agreement", "a")) == {
        ("us", "accepts", "a"),
        ("russia", "accepts", "a"),
    }


def test_lower_case_words_between_two_names_still_part_them():
    """ "Modi told visiting Chinese Premier Li Keqiang, who signed": a verb between the names is no
    title; only the one nearest the cue acts."""
    text = "Narendra Modi welcomed Chinese Premier Li Keqiang, who signed the agreement."
    assert find_titled(text, ("agreement", "a")) == {("china", "accepts", "a")}


PARTNER_WORDS = PositionWords.from_lists(
    {
        "objects": ["to", "of", "with", "in", "between", "by"],
        "agents": ["by"],
        "joiners": ["and", "the"],
        "determiners": ["the"],
        "partners": ["with"],
    }
)


def find_partners(text, *targets, words=PARTNER_WORDS):
    finder = PositionFinder(ACTORS, CUES, words)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans(text, *targets))}


def test_a_party_an_act_is_done_with_takes_the_stance_too():
    """POSITIONS.md rules 6-9: "each named party". "signed the hotline accord with the United
    States": both accept; the partner word reaches the actors joined to its first."""
    text = "Russia signed the hotline accord with the United States and Belarus."
    assert find_partners(text, ("hotline accord", "hotline")) == {
        ("russia", "accepts", "hotline"),
        ("us", "accepts", "hotline"),
        ("belarus", "accepts", "hotline"),
    }
    # without the partner words, "with" only makes the United States an object
    assert find_partners(text, ("hotline accord", "hotline"), words=WORDS) == {
        ("russia", "accepts", "hotline"),
    }


@pytest.mark.parametrize(
    "text",
    [
        # a refusal or a proposal is not shared with whom it is addressed to
        "Russia refused the hotline accord with the United States.",
        "Russia made a proposal of a hotline accord with the United States.",
        # the partner of a later cue's act is not the first cue's
        "Russia signed the hotline accord, then refused talks with the United States.",
    ],
)
def test_a_partner_shares_only_agreeing_or_implementing_acts(text):
    found = find_partners(text, ("hotline accord", "hotline"))
    assert not any(actor == "us" for actor, _, _ in found)


@pytest.mark.django_db
def test_the_registry_ships_partner_words_in_english_only():
    """ "with" in English; Russian «с» added only false hits on the dev batches."""
    from cbm.positions import position_words

    assert "with" in position_words("en").partners
    assert not position_words("ru").partners


def test_a_participle_after_a_target_with_an_object_of_its_own_is_active():
    """ "Belarus inspectors invited observers": the verb has an object, so it is no reduced
    passive ("exercises organized in Crimea"); who acts is the actor before it."""
    text = "Belarus inspectors invited the observers."
    found = find(text, ("inspectors", "inspection"), ("observers", "observation"))
    assert ("belarus", "implements", "observation") in found
    text = "Belarus said the inspectors invited in May left."
    found = find(text, ("inspectors", "inspection"))
    assert ("belarus", "implements", "inspection") not in found
