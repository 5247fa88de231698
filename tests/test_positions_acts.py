"""A measure's own act (POSITIONS.md rules 9 and 21): a stance cue limited to one measure type
("met", "spoke" for military contacts) makes every actor the sentence names take part, where
the sentence mentions that measure — and nowhere else."""

import pytest

from cbm.ingest import ingest_bytes
from cbm.matching import TermSpec
from cbm.models import Position, StanceCue
from cbm.positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan
from cbm.provenance import describe, provenance
from cbm.registry_data import RegistryDataError, cue_measure_type

CONTACTS, NOTICE = ("measure_type", "contacts"), ("measure_type", "notice")
ACTORS = [
    TermSpec(1, "russia", "phrase", "Russia/Russia’s/Russian"),
    TermSpec(2, "us", "phrase", "the United States"),
    TermSpec(4, "us", "abbreviation", "US"),
    TermSpec(3, "ukraine", "phrase", "Ukraine"),
]
CUES = [
    CueSpec(10, "implements", "phrase", "met/meet/meeting", only=CONTACTS),
    CueSpec(11, "implements", "phrase", "spoke", only=CONTACTS),
    CueSpec(12, "suspends", "phrase", "suspended/broke off"),
    CueSpec(13, "implements", "phrase", "notified"),
]
WORDS = PositionWords.from_lists(
    {"negations": ["not", "never"], "objects": ["in", "of", "with"], "joiners": ["and"]}
)


def find(text, *targets):
    spans = [TargetSpan(text.index(w), text.index(w) + len(w), t) for w, t in targets]
    finder = PositionFinder(ACTORS, CUES, WORDS)
    return {(p.actor, p.stance, p.target) for p in finder.find(text, spans)}


def test_every_actor_the_sentence_names_takes_part_in_the_act():
    text = "The US general spoke by phone with Russia’s chief of the general staff on Thursday."
    found = find(text, ("spoke by phone with Russia’s chief of the general staff", CONTACTS))
    assert found == {("us", "implements", CONTACTS), ("russia", "implements", CONTACTS)}


def test_the_act_cue_says_nothing_of_another_measure():
    """ "met" is no implementation of advance notice: the cue belongs to military contacts."""
    text = "The United States and Russia met to talk about the advance notice of exercises."
    assert find(text, ("advance notice of exercises", NOTICE)) == set()


def test_a_place_or_an_object_named_in_the_sentence_takes_no_part():
    text = "Russian and US generals met in Ukraine for the first military meeting in years."
    found = find(text, ("military meeting", CONTACTS))
    assert found == {("russia", "implements", CONTACTS), ("us", "implements", CONTACTS)}


def test_a_negated_act_or_one_another_stance_governs_is_no_implementation():
    text = "The United States did not meet Russian officers for military talks."
    assert find(text, ("military talks", CONTACTS)) == set()
    text = "Russia broke off military meetings with the United States in 2014."
    found = find(text, ("military meetings", CONTACTS))
    assert ("russia", "implements", CONTACTS) not in found
    assert ("russia", "suspends", CONTACTS) in found


def test_an_act_cue_and_a_general_cue_that_overlap_are_both_read():
    """The act is read apart from the general cues: "phone call" (military contacts' act) and
    "call for" (a demand of any target) share a word, and neither hides the other."""
    cues = [
        CueSpec(20, "implements", "phrase", "phone call", only=CONTACTS),
        CueSpec(21, "demands", "phrase", "call for"),
    ]
    text = "Russia used a phone call for an advance notice of exercises."
    spans = [
        TargetSpan(text.index(w), text.index(w) + len(w), t)
        for w, t in (("phone call", CONTACTS), ("advance notice of exercises", NOTICE))
    ]
    found = {
        (p.actor, p.stance, p.target) for p in PositionFinder(ACTORS, cues, WORDS).find(text, spans)
    }
    assert ("russia", "implements", CONTACTS) in found
    assert ("russia", "demands", NOTICE) in found


@pytest.mark.django_db
def test_the_registry_loads_act_cues_and_suggestions_name_the_cue():
    """load_registry gives the curated act cues their measure type; a suggestion made by one
    names its cue, so the curator and the reader see why it was made."""
    assert StanceCue.objects.filter(measure_type__slug="military-contacts", language="en").exists()
    text = (
        b"date 2023-05-01\n\nGeneral Mark Milley, the US chairman of the Joint Chiefs of Staff, "
        b"spoke by phone with Russia's Chief of General Staff Valery Gerasimov.\n"
    )
    ingest_bytes(text, source_name="call.txt")
    found = Position.objects.filter(measure_type__slug="military-contacts", stance="implements")
    assert set(found.values_list("actor__slug", flat=True)) == {"united-states", "russia"}
    position = found.select_related("cue").first()
    assert position.cue.measure_type.slug == "military-contacts"
    assert position.quote == position.passage.text[position.start : position.end]
    assert describe(position) == f"Found by the cue “{position.cue.text}”."


@pytest.mark.django_db
def test_a_cue_for_an_unknown_measure_type_is_a_clear_error():
    with pytest.raises(RegistryDataError, match="unknown measure type 'no-such-measure'"):
        cue_measure_type({"phrase": "met", "only": "no-such-measure"}, "stance_cues.yaml")
    assert cue_measure_type({"phrase": "met"}, "stance_cues.yaml") is None


@pytest.mark.django_db
def test_curators_see_and_filter_act_cues_in_the_admin(admin_client):
    cue = StanceCue.objects.filter(measure_type__slug="military-contacts").first()
    page = admin_client.get(f"/admin/cbm/stancecue/?measure_type__id__exact={cue.measure_type_id}")
    assert page.status_code == 200 and cue.text in page.content.decode()
    form = admin_client.get(f"/admin/cbm/stancecue/{cue.pk}/change/")
    assert form.status_code == 200 and 'name="measure_type"' in form.content.decode()


def test_an_act_under_a_framed_instrument_implements_the_instrument_too():
    """POSITIONS.md rule 8: "inspected … under the Vienna Document" implements the inspection
    and the Document, even where the paragraph names the frame in another sentence."""
    vd, inspection = ("instrument", "vd"), ("measure_type", "inspection")
    finder = PositionFinder(
        ACTORS,
        [
            CueSpec(1, "implements", "phrase", "conducted"),
            CueSpec(2, "proposes", "phrase", "proposed"),
        ],
        PositionWords.from_lists({"frames": ["under"], "objects": ["in"]}),
    )

    def found(text):
        spans = [
            TargetSpan(text.index(w), text.index(w) + len(w), t)
            for w, t in (("an inspection", inspection), ("the Vienna Document", vd))
            if w in text
        ]
        return {(p.actor, p.stance, p.target) for p in finder.find(text, spans)}

    text = "Russia conducted an inspection in Latvia under the Vienna Document."
    assert found(text) == {("russia", "implements", inspection), ("russia", "implements", vd)}
    text = "The visit was planned under the Vienna Document. Russia conducted an inspection."
    assert ("russia", "implements", vd) in found(text)
    # a proposal is not done under the frame; nor is the Document implemented when not framed
    assert found("Russia proposed an inspection under the Vienna Document.") == {
        ("russia", "proposes", inspection)
    }
    assert ("russia", "implements", vd) not in found(
        "Russia conducted an inspection, and the Vienna Document was praised."
    )


@pytest.mark.django_db
def test_a_position_whose_cue_was_deleted_says_so_without_naming_a_term():
    """Deleting a cue keeps its positions; their provenance names the finder and the deleted
    cue, not the link matcher's terms."""
    text = (
        b"date 2023-05-01\n\nGeneral Mark Milley, the US chairman of the Joint Chiefs of Staff, "
        b"spoke by phone with Russia's Chief of General Staff Valery Gerasimov.\n"
    )
    ingest_bytes(text, source_name="call.txt")
    position = Position.objects.filter(cue__isnull=False).select_related("cue").first()
    position.cue.delete()
    position = Position.objects.select_related("cue").get(pk=position.pk)
    assert describe(position) == "Found by the position finder (by a cue since deleted)."
    assert provenance(position)["found_by"] == "the position finder (by a cue since deleted)"
