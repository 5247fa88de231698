"""Names curators type (actors, measure types, instruments, terms, cues …) hold no invisible
or control characters: one validator on the models' fields, so the admin's forms, the
registry's files and every other full_clean refuse them with the same message."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cbm.models import Actor, Category, CueList, Instrument, MeasureType, Provision, Term
from cbm.registry_data import RegistryDataError, load_registry
from cbm.validators import visible_text

from .conftest import REGISTRY
from .test_qa_admin import change_form_data

pytestmark = pytest.mark.django_db

# zero-width space, right-to-left override, NUL, unit separator, left-to-right isolate, BOM,
# DEL, next line (C1), line separator, soft hyphen, a private-use character
INVISIBLE = ["\u200b", "\u202e", "\x00", "\x1f", "\u2066", "\ufeff", "\x7f", "\x85", "\u2028"]
INVISIBLE += ["\u00ad", "\ue000", "\n", "\t"]


@pytest.mark.parametrize("character", INVISIBLE)
def test_an_invisible_or_control_character_is_refused_and_named(character):
    with pytest.raises(ValidationError) as raised:
        visible_text(f"Rus{character}sia")
    [message] = raised.value.messages
    assert f"U+{ord(character):04X}" in message and "Character 4" in message


@pytest.mark.parametrize(
    "name", ["Russia", "Россия", "Côte d’Ivoire", "U.S.–Soviet “hotline”", "ДОВСЕ\u00a01990", ""]
)
def test_names_in_any_script_and_typography_pass(name):
    visible_text(name)


@pytest.mark.parametrize(
    "model, fields",
    [
        (Category, ["name", "name_ru"]),
        (MeasureType, ["name", "name_ru"]),
        (Instrument, ["title", "title_ru", "short_name", "short_name_ru", "signed_at"]),
        (Provision, ["label", "label_ru", "title", "title_ru"]),
        (Actor, ["name", "name_ru"]),
        (Term, ["text", "near"]),
        (CueList, ["name"]),
    ],
)
def test_every_name_field_has_the_one_validator(model, fields):
    for field in fields:
        assert visible_text in model._meta.get_field(field).validators, (model, field)


@pytest.mark.parametrize(
    "model, field",
    [("actor", "name"), ("measuretype", "name_ru"), ("instrument", "short_name"), ("term", "text")],
)
def test_the_admin_refuses_a_name_with_a_right_to_left_override(admin_client, model, field):
    """A form error at the field, nothing saved (it was saved, and shown reversed)."""
    obj = (
        {
            "actor": Actor,
            "measuretype": MeasureType,
            "instrument": Instrument,
            "term": Term,
        }[model]
        .objects.order_by("pk")
        .first()
    )
    url = reverse(f"admin:cbm_{model}_change", args=[obj.pk])
    data = change_form_data(admin_client.get(url))
    before = getattr(obj, field)
    data[field] = "Rus\u202esia"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "U+202E" in " ".join(errors[field]), errors
    obj.refresh_from_db()
    assert getattr(obj, field) == before


def _registry_copy(tmp_path):
    for path in REGISTRY.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_the_registry_files_may_not_bring_one_in(tmp_path):
    """load_registry names the entry and the character, and loads nothing."""
    actors = _registry_copy(tmp_path) / "actors.yaml"
    actors.write_text(actors.read_text() + '  - {slug: atlantis, name: "Atlan\\u200btis"}\n')
    with pytest.raises(RegistryDataError, match=r"atlantis.*U\+200B"):
        load_registry(tmp_path)
    assert not Actor.objects.filter(slug="atlantis").exists()


def test_nor_a_translation_the_files_fill_in(tmp_path):
    translations = _registry_copy(tmp_path) / "translations.yaml"
    text = translations.read_text(encoding="utf-8")
    broken = text.replace("malta: {name: Мальта}", 'malta: {name: "Ма\\u202eльта"}')
    assert broken != text
    translations.write_text(broken, encoding="utf-8")
    with pytest.raises(RegistryDataError, match=r"U\+202E"):
        load_registry(tmp_path, update=True)  # (the files win: Malta's is written again)
    assert Actor.objects.get(slug="malta").name_ru == "Мальта"


def test_the_message_is_in_the_curators_language():
    from django.utils import translation

    with translation.override("ru"):
        with pytest.raises(ValidationError) as raised:
            visible_text("Рос\u200bсия")
        message = raised.value.messages[0]
    assert message.startswith("Символ 4 — невидимый или управляющий (U+200B ZERO WIDTH SPACE)")
