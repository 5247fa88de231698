"""The stance cues and words the registry ships for kinds of phrasing the finder once missed
(read from fixtures/registry and fixtures/lexicon-ru as loaded for the tests)."""

import pytest

from .lexicon_finder import position_finder


def found(language, text, *targets):
    return position_finder(language)(text, *targets)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, target, expected",
    [
        # an offer in the conditional
        ("Russia would offer NATO access to inspect its units.", "inspect", "proposes"),
        ("Moscow opened the door to military contacts.", "military contacts", "accepts"),
        ("Russia will not share data on its armed forces.", "data", "suspends"),
        ("Russia will visit the air base.", "air base", "implements"),
        (
            "Russia provides the United States with a 24-hour notice of launches.",
            "notice",
            "implements",
        ),
        ("Russia confirmed its negative attitude to the Vienna Document.", "Vienna", "rejects"),
        # verb families (cue+): every inflection of the verb, not only those once listed
        ("Russia is halting the exchanges of data.", "exchanges of data", "suspends"),
        ("Russia has been cutting off the hotline.", "hotline", "suspends"),
        ("Russia severed the hotline.", "hotline", "suspends"),
        ("Russia will shut down the hotline.", "hotline", "suspends"),
        ("Russia broke off military contacts.", "military contacts", "suspends"),
        ("Russia would no longer observe the moratorium.", "moratorium", "suspends"),
        ("Russia is pledging to limit its troops.", "limit its troops", "accepts"),
        # "established/set up/installed" was one cue that matched none of the three alone
        ("Russia established a hotline.", "hotline", "implements"),
        ("Russia is setting up a hotline.", "hotline", "implements"),
        # a channel still to be set up is the commitment (POSITIONS.md rule 7), a scheduled
        # inspection the deed (rule 15)
        ("Russia will set up a hotline.", "hotline", "accepts"),
        ("Russia would establish a hotline.", "hotline", "accepts"),
        ("Russia will conduct the inspection.", "inspection", "implements"),
    ],
)
def test_english_cues_for_phrasing_kinds(text, target, expected):
    assert found("en", text, (target, "t")) == {("russia", expected, "t")}


@pytest.mark.django_db
def test_exceeding_limits_accuses_the_one_who_exceeds_by_the_speaker():
    text = "NATO exceeds the limits of the treaty, Lavrov said."
    assert found("en", text, ("limits of the treaty", "cfe")) == {("russia", "accuses", "cfe")}
    text = "НАТО превышает ограничения ДОВСЕ, заявил Лавров."
    assert found("ru", text, ("ограничения ДОВСЕ", "cfe")) == {("russia", "accuses", "cfe")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, target, expected",
    [
        # keeping to a measure's terms is doing it
        ("Moscow will abide by the moratorium for another year.", "moratorium", "implements"),
        ("Russia adheres to the limits of the treaty.", "limits", "implements"),
        ("Russia has complied with the notification rules.", "notification", "implements"),
        ("Russia no longer adheres to the limits.", "limits", "suspends"),
        # telling another party of an act
        ("Russia alerted its partners of the missile test.", "missile test", "implements"),
        # leaving and closing
        ("Russia is exiting the treaty.", "treaty", "suspends"),
        ("Moscow shut the door on the Open Skies treaty.", "Open Skies", "suspends"),
        ("Russia announced that the buffer zone no longer exists.", "buffer zone", "suspends"),
        # a demand with a word between the verb and its preposition
        ("Russia pushed hard for the restoration of the hotline.", "hotline", "demands"),
    ],
)
def test_english_cues_for_keeping_leaving_and_pressing(text, target, expected):
    """Keeping to a measure, alerting of an act, exiting and pressing hard are stances."""
    assert found("en", text, (target, "t")) == {("russia", expected, "t")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, target, expected",
    [
        # keeping to a measure's terms is doing it; readiness to go on with it offers it
        ("Россия продолжает придерживаться ограничений договора.", "ограничений", "implements"),
        ("Россия готова продолжить придерживаться ограничений.", "ограничений", "proposes"),
        # moving drills away from a border keeps within the limits of exercises
        ("Россия перенесла учения вглубь страны.", "учения", "implements"),
    ],
)
def test_russian_cues_for_keeping_to_a_measure(text, target, expected):
    """Keeping to a measure and moving drills inland are doing it; readiness to go on, an offer."""
    assert found("ru", text, (target, "t")) == {("russia", expected, "t")}


@pytest.mark.django_db
def test_a_channel_left_unanswered_is_suspended():
    """A state that does not answer over a hotline suspends it, in English and in Russian."""
    text = "Russia did not respond to calls over the military hotline."
    assert found("en", text, ("military hotline", "t")) == {("russia", "suspends", "t")}
    text = "Russia has not answered the hotline for a week."
    assert found("en", text, ("hotline", "t")) == {("russia", "suspends", "t")}
    text = "Россия не отвечает на звонки по линии связи."
    assert found("ru", text, ("линии связи", "t")) == {("russia", "suspends", "t")}
    text = "Россия перестала отвечать по линии связи."
    assert found("ru", text, ("линии связи", "t")) == {("russia", "suspends", "t")}


@pytest.mark.django_db
def test_an_actor_whose_term_begins_the_measure_words_acts_in_them():
    """A Swedish inspection group "will verify a specified area": the actor's term ("Swedish
    inspection group") and the measure's words ("inspection group will verify a specified area")
    share "inspection group"; the cue inside those words is the actor's act, not part of the
    measure's name."""
    text = "Next week a Swedish inspection group will verify a specified area in Norway."
    assert found("en", text, ("inspection group will verify a specified area", "t")) == {
        ("sweden", "implements", "t")
    }
    # a name that merely holds a cue stays a name: no actor begins it
    text = "Norway described the procedure where an inspection group will verify an area."
    assert found("en", text, ("inspection group will verify an area", "t")) == set()


@pytest.mark.django_db
def test_an_answer_to_an_offer_named_only_by_its_noun_is_about_what_was_offered():
    """ "The United States rejected this initiative": the moratorium Russia proposed in the
    sentence before; "accepted the invitation": the observation Belarus invited to."""
    text = (
        "Last year Russia proposed a moratorium on missile deployments in Europe. "
        "The United States rejected the proposal."
    )
    assert found("en", text, ("moratorium on missile deployments", "t")) == {
        ("russia", "proposes", "t"),
        ("united-states", "rejects", "t"),
    }
    text = (
        "Belarus invited observers from Estonia to the exercise. Estonia accepted the invitation."
    )
    assert ("estonia", "accepts", "t") in found("en", text, ("observers", "t"))
    # an answer with no offer told before it answers nothing the text names
    text = "The United States rejected the proposal. Russia is ready to discuss the treaty."
    assert found("en", text, ("the treaty", "t")) == {("russia", "proposes", "t")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, target, expected",
    [
        # "called on X to …" demands; "called on his counterpart" is a visit (rule 9)
        (
            "Russia called on the United States to observe a moratorium on missile deployments.",
            "moratorium on missile deployments",
            {("russia", "demands", "t")},
        ),
        (
            "The UK Chief of Defence Staff called on his Indian counterpart during the military "
            "talks.",
            "military talks",
            {("united-kingdom", "implements", "t"), ("india", "implements", "t")},
        ),
        # "seeks": no offer (a retired cue)
        (
            "Russia seeks a moratorium on missile deployments.",
            "moratorium on missile deployments",
            set(),
        ),
    ],
)
def test_calls_on_and_initiatives(text, target, expected):
    from cbm.models import MeasureType

    slug = "military-contacts" if "talks" in target else "missile-deployment-limits"
    key = ("measure_type", MeasureType.objects.get(slug=slug).pk)  # as suggest gives targets
    found_here = found("en", text, (target, key))
    assert {(a, s, "t") for a, s, _ in found_here} == expected


@pytest.mark.django_db
def test_a_right_to_act_is_no_deed():
    """ "both … are allowed to conduct on-site inspections": a right the treaty gives, not an
    inspection done (POSITIONS.md rule 10)."""
    text = "Under the treaty Russia is allowed to conduct on-site inspections."
    assert found("en", text, ("on-site inspections", "t")) == set()
    text = "Under the treaty Russia will conduct on-site inspections."
    assert found("en", text, ("on-site inspections", "t")) == {("russia", "implements", "t")}
