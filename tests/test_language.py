"""Ingest recognises the language of a text (en, ru, uk, be) unless told otherwise."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cbm.ingest import ingest_bytes
from cbm.language import detect_language

EVAL = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


def paragraphs(language):
    for path in sorted((EVAL / language).glob("*.yaml")):
        yield from (entry["text"] for entry in yaml.safe_load(path.read_text(encoding="utf-8")))


def test_every_real_russian_paragraph_is_russian_and_every_english_one_english():
    assert {detect_language(text) for text in paragraphs("ru")} == {"ru"}
    assert {detect_language(text) for text in paragraphs("en")} == {"en"}


@pytest.mark.parametrize(
    "text, language",
    [
        ("Міністерство оборони України повідомило про навчання біля кордону.", "uk"),
        ("Україна запросила спостерігачів ОБСЄ, згідно з Віденським документом.", "uk"),
        ("Міністэрства абароны Беларусі паведаміла пра вучэнні ў рамках Венскага дакумента.", "be"),
        (
            "МИД России заявил, что Киев не уведомил ОБСЕ об учениях в Івано-Франківській області.",
            "ru",
        ),
        ("NATO notified the exercise. Москва не ответила.", "en"),
        ("2024-03-14 — 12 000", "en"),
    ],
)
def test_cyrillic_languages_are_told_apart_by_their_own_letters(text, language):
    assert detect_language(text) == language


def counted(text: str, default: str = "en") -> str:
    """The rule for a text without Cyrillic, by counting every letter as it was first written."""
    letters = [char for char in text.lower() if char.isalpha()]
    cyrillic = sum(1 for char in letters if "\u0400" <= char <= "\u04ff")
    latin = sum(1 for char in letters if char.isascii())
    assert cyrillic == 0
    return default if latin == 0 else "en"


@given(st.text(st.characters(blacklist_characters=[chr(c) for c in range(0x400, 0x500)])))
def test_a_text_without_cyrillic_is_decided_as_by_counting_its_letters(text):
    """The shortcut for texts with no Cyrillic (ingest's usual case) gives what counting gives,
    even for letters whose lower case is ASCII (K, İ)."""
    assert detect_language(text, default="xx") == counted(text, default="xx")
    assert detect_language(text + "K İ") == "en"


@pytest.mark.django_db
def test_ingest_stores_the_detected_language_unless_one_is_given():
    russian = "Минобороны России уведомило ОБСЕ о проведении учений «Запад»."
    assert ingest_bytes(russian.encode(), suggest=False).document.language == "ru"
    forced = ingest_bytes((russian + " Ещё.").encode(), language="uk", suggest=False)
    assert forced.document.language == "uk"
    english = b"Russia notified the OSCE of the Zapad exercise."
    assert ingest_bytes(english, suggest=False).document.language == "en"
    ukrainian = "Міністерство оборони України повідомило ОБСЄ про навчання біля кордону."
    detected = ingest_bytes(ukrainian.encode(), suggest=False).document
    assert detected.language == "uk"
    assert {p.language for p in detected.passages.all()} == {"uk"}


RUSSIAN = "Минобороны России уведомило ОБСЕ о проведении учений «Запад»."


@pytest.fixture
def admin_client(curator):
    from django.test import Client

    curator.is_staff = True
    curator.save()
    client = Client()
    client.force_login(curator)
    return client


@pytest.mark.django_db
def test_ingest_refuses_a_language_the_registry_does_not_know():
    """A language code outside en, ru, uk, be ("xx", "EN", "russian") is refused with a reason
    naming the field: no document matched with no terms, under a code no filter offers."""
    from cbm.ingest import IngestError
    from cbm.models import Document

    for code in ("xx", "EN", "russian"):
        with pytest.raises(IngestError, match="language"):
            ingest_bytes(RUSSIAN.encode(), language=code, suggest=False)
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_admin_ingest_form_refuses_an_unknown_language_and_recognises_by_default(
    admin_client,
):
    """The upload page offers the registry's languages; a forged code is a form error and
    nothing is stored; left empty, the text's language is recognised, as the command does."""
    from django.urls import reverse

    from cbm.models import Document

    url = reverse("admin:cbm_document_ingest")
    response = admin_client.post(url, {"text": RUSSIAN, "kind": "news", "language": "xx"})
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert not Document.objects.exists()
    admin_client.post(url, {"text": RUSSIAN, "kind": "news", "language": ""})
    assert Document.objects.get().language == "ru"


@pytest.mark.django_db
def test_the_api_refuses_an_unknown_language_naming_the_field(curator_client):
    """POST /api/v1/documents/ with "language": "xx" is a 400 on language, never a document."""
    from cbm.models import Document

    response = curator_client.post(
        "/api/v1/documents/", {"text": RUSSIAN, "language": "xx"}, format="json"
    )
    assert response.status_code == 400
    assert "language" in response.json()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_ingest_command_refuses_an_unknown_language(tmp_path):
    from django.core.management import CommandError, call_command

    from cbm.models import Document

    path = tmp_path / "a.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    with pytest.raises(CommandError, match="language"):
        call_command("ingest", str(path), "--language", "xx", "--no-suggest")
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_documents_language_cannot_be_changed_to_an_unknown_code(admin_client):
    """In the document's change form a forged language is a form error; it keeps its own."""
    from cbm.models import Document

    from .test_qa_admin import change_form_data

    document = ingest_bytes(RUSSIAN.encode(), suggest=False).document
    url = f"/admin/cbm/document/{document.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["language"] = "xx"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors
    assert Document.objects.get(pk=document.pk).language == "ru"
