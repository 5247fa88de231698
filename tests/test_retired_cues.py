"""A cue the registry's files took back is turned off in a database loaded before, once, with
its reason in the history; after that whether it is on is the curators' (retired_stance_cues)."""

import pytest

from cbm.models import LoadedField, StanceCue
from cbm.registry_data import Loader, RegistryDataError, load_registry
from cbm.retired_data import retire_stance_cues

from .conftest import REGISTRY

pytestmark = pytest.mark.django_db


def old_cue(**fields):
    """A cue as an earlier version of the files loaded it."""
    values = {"language": "en", "stance": "suspends", "kind": "phrase", "text": "cease*"}
    return StanceCue.objects.create(**{**values, **fields})


def test_reloading_turns_a_retired_cue_off_once_and_says_why():
    cue = old_cue()
    counts = load_registry(REGISTRY)
    cue.refresh_from_db()
    assert not cue.is_active
    assert counts[StanceCue._meta.verbose_name_plural, "retired"] == 1
    latest = cue.history.first()
    assert latest.history_change_reason.startswith("retired by the registry files: matched")
    # the cue that replaced it is loaded and on
    assert StanceCue.objects.get(
        language="en", stance="suspends", text="cease/ceases/ceased/ceasing"
    ).is_active


def test_a_curator_who_turns_it_back_on_is_not_overruled():
    cue = old_cue()
    load_registry(REGISTRY)
    cue.refresh_from_db()
    cue.is_active = True
    cue.save()
    counts = load_registry(REGISTRY)
    cue.refresh_from_db()
    assert cue.is_active
    assert not counts[StanceCue._meta.verbose_name_plural, "retired"]


def test_a_russian_cue_is_found_as_its_lexicon_stored_it():
    # the Russian lexicon stores plain words inflected: "запросил*/запросила~/запросили~"
    cue = old_cue(language="ru", stance="demands", text="запросил*/запросила~/запросили~")
    load_registry(REGISTRY)
    cue.refresh_from_db()
    assert not cue.is_active


def test_a_database_without_the_cue_gains_nothing():
    before = StanceCue.objects.count()
    load_registry(REGISTRY)
    assert StanceCue.objects.count() == before
    assert not StanceCue.objects.filter(text="cease*").exists()
    assert not LoadedField.objects.filter(field="retired").exists()


def test_a_cue_both_retired_and_listed_is_refused():
    loader = Loader(update=False)
    cue, _ = loader.save(
        StanceCue,
        {"language": "en", "stance": "suspends", "kind": "phrase", "text": "zzhalt*", "near": ""},
        {},
        "test",
    )
    retired = {"retired_stance_cues": [{"stance": "suspends", "phrase": "zzhalt*", "why": "x"}]}
    with pytest.raises(RegistryDataError, match="'zzhalt\\*' is retired and still listed"):
        retire_stance_cues(loader, retired)
    cue.refresh_from_db()
    assert cue.is_active


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"stance": "suspends", "phrase": "cease*"}, "say why"),
        ({"stance": "halts", "phrase": "cease*", "why": "x"}, "unknown stance"),
        ({"stance": "suspends", "phrase": "cease*", "why": "x", "colour": "red"}, "unknown key"),
    ],
)
def test_a_retired_entry_that_cannot_be_read_says_why(entry, message):
    with pytest.raises(RegistryDataError, match=message):
        retire_stance_cues(Loader(update=False), {"retired_stance_cues": [entry]})


def test_every_loader_of_stance_cues_finds_a_cue_by_one_rule():
    """stance_cues.yaml, the lexicons and the retired list name a cue's row alike: English as
    written, the plain words of Russian marked as inflecting."""
    from cbm.registry_data import stance_cue_lookup

    assert stance_cue_lookup({"phrase": "ready to"}, stance="proposes", language="en") == {
        "language": "en",
        "stance": "proposes",
        "kind": "phrase",
        "text": "ready to",
        "near": "",
    }
    russian = stance_cue_lookup(
        {"proximity": "отказ", "near": "договора"}, stance="rejects", language="ru"
    )
    assert (russian["kind"], russian["text"], russian["near"]) == (
        "proximity",
        "отказ~",
        "договора~",
    )
