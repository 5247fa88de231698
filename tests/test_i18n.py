"""The public pages in English and Russian: /ru/… serves every public page in Russian, with a
switch to the same page in the other language; the English addresses are unchanged; curated
names are shown in Russian where curators translated them, else in English marked as such."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cbm.language import LANGUAGES
from cbm.models import (
    Actor,
    Category,
    Document,
    Instrument,
    LoadedField,
    MeasureType,
    Mention,
    Provision,
    Threshold,
)
from cbm.registry_data import load_registry
from cbm.translation import LANGUAGE_NAMES, path_in
from cbm.translation_data import unit_form

from .conftest import REGISTRY, ROOT
from .test_pages import demo  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def public_urls():
    passage = Document.objects.order_by("pk").first().passages.order_by("ordinal").first()
    return [
        "/",
        "/measures/",
        "/measures/advance-notice/",
        "/categories/notification/",
        "/instruments/",
        "/instruments/vienna-document-2011/",
        "/actors/",
        "/actors/russia/",
        "/documents/",
        passage.document.get_absolute_url(),
        passage.get_absolute_url(),
        "/search/?q=notification",
        "/tracker/",
        "/about/quality/",
    ]


def test_every_public_page_kind_is_served_in_russian_with_a_switch_back(client, demo):  # noqa: F811
    for url in public_urls():
        russian = page(client, "/ru" + url)
        assert '<html lang="ru">' in russian, url
        assert "Реестр МД" in russian and "Поиск" in russian, url  # the interface
        assert "Skip to content" not in russian, url
        # the switch: the same page (and query) in English, the current language unlinked
        assert f'<a href="{url.replace("&", "&amp;")}" hreflang="en" lang="en-gb"' in russian, url
        assert 'aria-current="true" lang="ru">Русский</span>' in russian, url
        english = page(client, url)
        assert '<html lang="en-gb">' in english, url
        assert f'<a href="/ru{url.replace("&", "&amp;")}" hreflang="ru" lang="ru"' in english, url
        assert re.search(r'<link rel="alternate" hreflang="ru" href="https?://[^"]+/ru/', english)


def test_english_addresses_are_unchanged_and_the_api_is_not_prefixed(client):
    assert reverse("cbm:measure-type-detail", args=["advance-notice"]) == (
        "/measures/advance-notice/"
    )
    with translation.override("ru"):
        assert reverse("cbm:home") == "/ru/"
    assert reverse("cbm:home") == "/"  # the default again afterwards
    assert client.get("/ru/api/v1/measure-types/").status_code == 404
    assert client.get("/en-gb/measures/").status_code == 404
    assert client.get("/ru/admin/")["Location"] == "/ru/admin/login/?next=/ru/admin/"
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/ru/measures").status_code == 301  # APPEND_SLASH, in Russian too


@pytest.mark.parametrize(
    "language, path, other",
    [
        ("ru", "/measures/?q=a&page=2", "/ru/measures/?q=a&page=2"),
        ("ru", "/", "/ru/"),
        ("en-gb", "/ru/", "/"),
        ("en-gb", "/ru/measures/x/", "/measures/x/"),
        ("ru", "/ru/measures/x/", "/ru/measures/x/"),
        ("en-gb", "/rules/", "/rules/"),  # not a language prefix
    ],
)
def test_the_same_page_in_another_language(language, path, other):
    assert path_in(language, path) == other


def test_every_language_of_a_document_has_a_name_in_each_language_of_the_site():
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)
    with translation.override("ru"):
        assert [str(LANGUAGE_NAMES[code]) for code in ("en", "ru", "uk", "be")] == [
            "английский",
            "русский",
            "украинский",
            "белорусский",
        ]


def test_the_address_alone_decides_the_language(client):
    """Not the browser's Accept-Language, nor a cookie: a URL is one page for everyone, and
    the API stays English."""
    headers = {"HTTP_ACCEPT_LANGUAGE": "ru"}
    client.cookies["django_language"] = "ru"
    assert '<html lang="en-gb">' in client.get("/measures/", **headers).content.decode()
    response = client.get("/api/v1/measure-types/no-such/", **headers)
    assert response.status_code == 404 and "No MeasureType" in response.json()["detail"]
    assert client.get("/ru/measures/")["Content-Language"] == "ru"


def test_russian_names_and_definitions_are_shown_where_curators_gave_them(client):
    notice = MeasureType.objects.get(slug="advance-notice")
    assert notice.name_ru == "Предварительное уведомление о военной деятельности"
    html = page(client, "/ru/measures/advance-notice/")
    assert "<h1>Предварительное уведомление о военной деятельности</h1>" in html
    assert "по Венскому документу за 42 дня" in html
    assert "<title>Предварительное уведомление о военной деятельности · Реестр МД</title>" in html
    assert ">Уведомления</a>" in html  # its category
    assert "<h1>Россия</h1>" in page(client, "/ru/actors/russia/")
    instruments = page(client, "/ru/instruments/")
    assert ">ДОВСЕ</a>" in instruments and ">Венский документ 2011 года</a>" in instruments
    assert "<h1>Prior notification of military activities</h1>" in page(
        client, "/measures/advance-notice/"
    )


def test_an_untranslated_name_falls_back_to_the_english_marked_as_english(client):
    MeasureType.objects.filter(slug="advance-notice").update(name_ru="", definition_ru="")
    Instrument.objects.filter(slug="cfe-treaty-1990").update(short_name_ru="")
    html = page(client, "/ru/measures/advance-notice/")
    assert '<h1 lang="en">Prior notification of military activities</h1>' in html
    assert re.search(r'<p lang="en">The obligation or offer to notify', html)
    listed = page(client, "/ru/measures/")
    assert '<span lang="en">Prior notification of military activities</span>' in listed
    assert '<span lang="en">CFE Treaty</span>' in page(client, "/ru/instruments/")
    # English pages need no marks
    assert '<span lang="en">' not in page(client, "/measures/")


@pytest.mark.parametrize("language", ["", "/ru"])
def test_search_menus_list_measure_types_and_instruments_alphabetically_as_shown(client, language):
    """The search page's menus are in the alphabetical order of the names in its language."""
    html = page(client, f"{language}/search/")
    for name in ("measure_type", "instrument"):
        menu = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        labels = re.findall(r'<option value="[^"]+">([^<]+)</option>', menu)
        assert len(labels) > 20 and labels == sorted(labels, key=str.casefold), name


def test_english_source_notes_of_parties_and_status_history_are_marked_english_on_ru(client):
    """The record's sources are quoted as written (in English): /ru/ marks them lang="en"."""
    html = page(client, "/ru/instruments/cfe-treaty-1990/")
    assert re.search(r'<td class="muted"><span lang="en">Successor to the Soviet Union', html)
    html = page(client, "/ru/instruments/accidents-measures-1971/")
    assert '<span class="muted"><span lang="en">State Department: &quot;Signed at' in html


def test_the_russian_instruments_timeline_writes_dates_as_russian_does(client):
    """Chart descriptions decline the month ("30 сентября 1971"), never "30 Сен 1971"."""
    html = page(client, "/ru/")
    assert "с 30 сентября 1971 по сегодняшний день" in html and "Сен 1971" not in html
    assert "30 Sep 1971 to today" in page(client, "/")


def test_quoted_words_on_russian_pages_are_marked_with_the_passage_s_language(client, demo):  # noqa: F811
    """Excerpts and quotes of English passages on /ru/ pages are marked lang="en"."""
    html = page(client, "/ru/measures/exercise-caps/")
    assert '<blockquote class="quote" lang="en">' in html
    assert '<blockquote class="quote">' not in html
    mention = Mention.objects.public().filter(measure_type__slug="exercise-caps").first()
    html = page(client, f"/ru{mention.passage.get_absolute_url()}")
    assert f'“<span lang="en">{mention.quote}</span>”' in html


def test_translation_adds_no_queries(client, demo):  # noqa: F811
    for url in ("/", "/measures/advance-notice/", "/instruments/cfe-treaty-1990/", "/search/?q=x"):
        counts = []
        for prefix in ("", "/ru"):
            # Warm the page first: search builds its matcher once per lexicon change (cbm/search.py).
            client.get(prefix + url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(prefix + url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], url


def test_loading_the_registry_fills_missing_translations_but_keeps_a_curators(client):
    ours = Category.objects.get(slug="contacts")
    ours.name_ru = "Контакты между военными"
    ours.save()
    # A database loaded before the file had this translation: the field never filled.
    inspection = MeasureType.objects.get(slug="inspection")
    MeasureType.objects.filter(pk=inspection.pk).update(name_ru="")
    LoadedField.objects.filter(
        model="cbm.measuretype", object_id=inspection.pk, field="name_ru"
    ).delete()
    counts = load_registry(REGISTRY)
    assert not any(what == "created" for _, what in counts)
    ours.refresh_from_db()
    assert ours.name_ru == "Контакты между военными"
    assert MeasureType.objects.get(slug="inspection").name_ru == "Инспекция на месте"
    load_registry(REGISTRY, update=True)
    ours.refresh_from_db()
    assert ours.name_ru == "Контакты"


def test_a_translation_a_curator_emptied_on_purpose_stays_empty(client):
    """Emptied in the admin (the page then shows the English, marked): load_registry, run
    again and again, never fills it back; only --update makes the file win."""
    notice = MeasureType.objects.get(slug="advance-notice")
    provision = Provision.objects.get(instrument__slug="vienna-document-2011", label="Ch. V")
    assert provision.title_ru
    for obj, field in ((notice, "name_ru"), (provision, "title_ru")):
        setattr(obj, field, "")
        obj.save()  # as the admin saves it
    for _ in range(2):
        load_registry(REGISTRY)
        notice.refresh_from_db()
        provision.refresh_from_db()
        assert notice.name_ru == "" and provision.title_ru == ""
        assert notice.definition_ru  # the fields the curator left alone are kept too
    assert '<h1 lang="en">Prior notification of military activities</h1>' in page(
        client, "/ru/measures/advance-notice/"
    )
    load_registry(REGISTRY, update=True)
    notice.refresh_from_db()
    assert notice.name_ru == "Предварительное уведомление о военной деятельности"


def test_every_measure_type_category_instrument_and_actor_of_the_registry_has_a_russian_name():
    for model, field in (
        (MeasureType, "name_ru"),
        (Category, "name_ru"),
        (Instrument, "short_name_ru"),
        (Actor, "name_ru"),
    ):
        assert not model.objects.filter(**{field: ""}).exists(), model


def test_the_admin_edits_each_translation_beside_its_english(admin_client):
    notice = MeasureType.objects.get(slug="advance-notice")
    html = page(admin_client, f"/admin/cbm/measuretype/{notice.pk}/change/")
    assert "field-name field-name_ru" in html  # one row: the English and the Russian
    assert "field-definition field-definition_ru" in html
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    assert "field-short_name field-short_name_ru" in page(
        admin_client, f"/admin/cbm/instrument/{cfe.pk}/change/"
    )


def test_the_api_gives_the_russian_names(client):
    body = client.get("/api/v1/measure-types/advance-notice/").json()
    assert body["name_ru"] == "Предварительное уведомление о военной деятельности"
    assert client.get("/api/v1/instruments/cfe-treaty-1990/").json()["short_name_ru"] == "ДОВСЕ"
    provision = Provision.objects.get(instrument__slug="vienna-document-2011", label="Ch. V")
    body = client.get(f"/api/v1/provisions/{provision.pk}/").json()
    assert body["label_ru"] == "гл. V" and body["quotation"] == provision.quotation
    rows = client.get(
        "/api/v1/thresholds/?legal_basis__provision__instrument__slug=vienna-document-2011"
    )
    notice = next(row for row in rows.json()["results"] if row["quantity"] == "notice")
    assert (notice["quantity_ru"], notice["unit_ru"]) == ("срок уведомления", "дней")


def test_the_sitemap_lists_each_page_in_both_languages_with_alternates(client):
    xml = page(client, "/sitemap.xml")
    assert re.search(r"<loc>https?://[^/]+/measures/advance-notice/</loc>", xml)
    assert re.search(r"<loc>https?://[^/]+/ru/measures/advance-notice/</loc>", xml)
    assert 'hreflang="ru"' in xml and 'hreflang="x-default"' in xml


# --- the catalogue ------------------------------------------------------------------------

PUBLIC = re.compile(
    r"^cbm/(templates/(cbm/|404|500|503)|views|charts|positions_charts|feeds|provenance"
    r"|translation|templatetags/)"
)


def po_entries(path: Path):
    """(references, context, msgid, plural, [msgstr …], fuzzy) of each entry of a .po file."""

    def text(lines):
        return "".join(
            re.match(r'^(?:\S+ )?"(.*)"$', line)
            .group(1)
            .encode()
            .decode("unicode_escape")
            .encode("latin-1")
            .decode("utf-8")
            for line in lines
        )

    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, current, refs, fuzzy = {}, None, [], False
        for line in block.splitlines():
            if line.startswith("#:"):
                refs += line[2:].split()
            elif line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith('"'):
                fields[current].append(line)
            elif not line.startswith("#"):
                current = line.split(" ", 1)[0]
                fields[current] = [line]
        if "msgid" not in fields or not text(fields["msgid"]):
            continue
        strings = [text(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        plural = text(fields["msgid_plural"]) if "msgid_plural" in fields else None
        context = text(fields["msgctxt"]) if "msgctxt" in fields else None
        yield refs, context, text(fields["msgid"]), plural, strings, fuzzy


def test_every_string_of_the_public_pages_is_translated_into_russian():
    entries = list(po_entries(PO))
    assert len(entries) > 100
    untranslated = [
        msgid
        for refs, _, msgid, _, strings, fuzzy in entries
        if any(PUBLIC.match(ref) for ref in refs) and (fuzzy or not all(strings))
    ]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    """django.mo is committed (a clean clone needs no gettext tools): it must say what
    django.po says (recompile with msgfmt after editing the .po)."""
    with translation.override("ru"):
        for _, context, msgid, plural, strings, fuzzy in po_entries(PO):
            if fuzzy or not all(strings):
                continue
            if plural:
                got = (
                    translation.npgettext(context, msgid, plural, 5)
                    if context
                    else (translation.ngettext(msgid, plural, 5))
                )
                assert got == strings[2], msgid
            elif context:
                assert translation.pgettext(context, msgid) == strings[0], msgid
            else:
                assert translation.gettext(msgid) == strings[0], msgid


# --- provisions, thresholds, quotations and document titles -----------------------------------


def test_provisions_and_thresholds_are_shown_in_russian_where_translated(client):
    html = page(client, "/ru/instruments/vienna-document-2011/")
    assert "гл. V — Предварительное уведомление об определенных видах военной деятельности" in html
    assert "срок уведомления: не менее 42 дней" in html
    notice = page(client, "/ru/measures/advance-notice/")
    # the unit in the form the comparison and the value need
    assert "численность войск: более 25\xa0000 военнослужащих" in notice
    assert "срок уведомления: не менее 21 дня" in notice
    assert "боевые танки: более 300 боевых танков" in notice
    assert "Из справочника реестра; еще не процитировано." in notice  # a threshold's note
    english = page(client, "/measures/advance-notice/")
    assert "troops: more than 25,000 troops" in english and "срок" not in english


def test_an_untranslated_provision_or_threshold_is_shown_in_english_marked_as_english(client):
    provision = Provision.objects.get(instrument__slug="vienna-document-2011", label="Ch. V")
    Provision.objects.filter(pk=provision.pk).update(label_ru="", title_ru="")
    Threshold.objects.filter(legal_basis__provision=provision, quantity="notice").update(
        quantity_ru="", unit_ru=""
    )
    html = page(client, "/ru/instruments/vienna-document-2011/")
    assert '<span lang="en">Ch. V</span> — <span lang="en">Prior Notification of Certain' in html
    assert '<span lang="en">notice</span>: не менее 42 <span lang="en">days</span>' in html
    # a working note of the English ("(title to check)") never shows, in either language
    assert "to check" not in html


def test_a_translated_title_keeps_the_english_texts_working_note_as_unverified(client):
    html = page(client, "/ru/instruments/vienna-document-2011/")
    row = re.search(r"гл\. V — [^<]*(<a class=\"unverified\"[^>]*>не проверено</a>)?", html)
    assert row and row.group(1), "the English title said (title to check)"


def test_quoted_words_are_marked_with_their_own_language_never_translated(client):
    russian_page = page(client, "/ru/instruments/vienna-document-2011/")
    assert '<blockquote class="quote"><span lang="en">“I. ANNUAL EXCHANGE' in russian_page
    english_page = page(client, "/instruments/incsea-1972/")
    assert '<blockquote class="quote"><span lang="ru">“Статья VI Обе Стороны' in english_page
    assert '<span lang="en">“I. ANNUAL' not in page(client, "/instruments/vienna-document-2011/")


def test_document_titles_are_shown_as_written_marked_with_their_language(client, demo):  # noqa: F811
    """A document's title is part of the source: never translated, marked with its language
    so that a reader's browser and screen reader say it right on a page in another."""
    Document.objects.update(language="ru")  # (the demo's are English: call them Russian)
    latest = Document.objects.public().order_by("-published_on", "-created_at", "-id").first()
    for url in ("/ru/", "/", "/ru/documents/"):
        assert re.search(rf'lang="ru">{re.escape(latest.title[:30])}', page(client, url)), url
    mention = Mention.objects.filter(status="accepted").order_by("pk").first()
    title = re.escape(mention.passage.document.title[:30])
    assert re.search(rf'lang="ru">{title}', page(client, mention.passage.get_absolute_url()))
    html = page(client, "/ru" + mention.measure_type.get_absolute_url())
    assert re.search(rf'<span lang="ru">{title}', html)


def test_each_threshold_and_provision_of_the_registry_has_its_russian_words():
    assert not Provision.objects.filter(label_ru="").exists()
    assert not Threshold.objects.filter(quantity_ru="").exists()
    assert not Threshold.objects.filter(unit_ru="").exists()
    assert not Threshold.objects.exclude(note="").filter(note_ru="").exists()


@pytest.mark.parametrize(
    "comparison, value, form",
    [
        ("at_least", 21, "дня"),
        ("at_least", 42, "дней"),
        ("at_least", 11, "дней"),
        ("more_than", 1, "дня"),
        ("exactly", 1, "день"),
        ("exactly", 3, "дня"),
        ("exactly", 13, "дней"),
        ("exactly", 25, "дней"),
    ],
)
def test_a_unit_takes_the_form_its_comparison_and_value_need(comparison, value, form):
    assert unit_form(["день", "дня", "дней"], value, comparison) == form
    assert unit_form("км", value, comparison) == "км"


def test_curators_edit_provision_and_threshold_translations_beside_the_english(admin_client):
    provision = Provision.objects.get(instrument__slug="vienna-document-2011", label="Ch. V")
    html = page(admin_client, f"/admin/cbm/provision/{provision.pk}/change/")
    assert "field-label field-label_ru" in html and "field-title field-title_ru" in html
    threshold = Threshold.objects.filter(legal_basis__provision=provision).first()
    html = page(admin_client, f"/admin/cbm/threshold/{threshold.pk}/change/")
    assert "field-quantity field-quantity_ru" in html and "field-unit field-unit_ru" in html


def test_loading_the_registry_fills_legal_basis_notes_in_russian_and_keeps_a_curators(client):
    """load_registry gives each legal basis's note its Russian (translations.yaml, by the English
    words), which /ru/ instrument pages show; a curator's Russian, even an emptied one, is kept
    (unless --update), and a note whose English was rewritten does not get the old Russian."""
    from django.core.cache import cache

    from cbm.models import LegalBasis

    assert not LegalBasis.objects.exclude(note="").filter(note_ru="").exists()
    basis = LegalBasis.objects.get(
        measure_type__slug="challenge-inspection", provision__instrument__slug="cfe-treaty-1990"
    )
    ours = "Инспекции по запросу в пределах определенных районов."
    assert basis.note_ru == ours
    cache.clear()
    russian = page(client, "/ru/instruments/cfe-treaty-1990/")
    assert ours in russian and basis.note not in russian
    english = page(client, "/instruments/cfe-treaty-1990/")
    assert basis.note in english and ours not in english

    # A database loaded before the file had the note's translation: filled now.
    LegalBasis.objects.filter(pk=basis.pk).update(note_ru="")
    LoadedField.objects.filter(model="cbm.legalbasis", object_id=basis.pk).delete()
    load_registry(REGISTRY)
    basis.refresh_from_db()
    assert basis.note_ru == ours
    # A curator's Russian, and one emptied in the admin, stay.
    other = LegalBasis.objects.get(
        measure_type__slug="observation", provision__instrument__slug="helsinki-final-act-1975"
    )
    basis.note_ru, other.note_ru = "Инспекции по запросу (правка куратора).", ""
    basis.save()
    other.save()
    load_registry(REGISTRY)
    basis.refresh_from_db()
    other.refresh_from_db()
    assert basis.note_ru == "Инспекции по запросу (правка куратора)." and other.note_ru == ""
    cache.clear()
    assert "(правка куратора)" in page(client, "/ru/instruments/cfe-treaty-1990/")
    load_registry(REGISTRY, update=True)
    basis.refresh_from_db()
    assert basis.note_ru == ours
    # The English rewritten: the old Russian no longer fits it.
    LegalBasis.objects.filter(pk=basis.pk).update(note="Rewritten by a curator.", note_ru="")
    LoadedField.objects.filter(model="cbm.legalbasis", object_id=basis.pk).delete()
    load_registry(REGISTRY)
    basis.refresh_from_db()
    assert basis.note_ru == ""


def test_a_legal_basis_note_is_translated_shown_edited_and_given_by_the_api(client, admin_client):
    """A legal basis's note has a Russian field: /ru/ pages show it (the English, marked, where
    there is none), the admin edits it beside the English and the API gives both."""
    from django.core.cache import cache

    from cbm.models import LegalBasis

    basis = LegalBasis.objects.filter(measure_type__slug="advance-notice").first()
    basis.note, basis.note_ru = "Notified 42 days ahead.", "Уведомление за 42 дня."
    basis.save()
    cache.clear()
    russian = page(client, "/ru/measures/advance-notice/")
    assert "Уведомление за 42 дня." in russian and "Notified 42 days ahead." not in russian
    english = page(client, "/measures/advance-notice/")
    assert "Notified 42 days ahead." in english and "Уведомление за 42 дня." not in english
    rows = client.get(reverse("api:legalbasis-list"), {"measure_type__slug": "advance-notice"})
    assert {"note": basis.note, "note_ru": basis.note_ru}.items() <= next(
        row for row in rows.json()["results"] if row["note"] == basis.note
    ).items()

    basis.note_ru = ""
    basis.save()
    cache.clear()
    assert '<span lang="en">Notified 42 days ahead.</span>' in page(
        client, "/ru/measures/advance-notice/"
    )
    change = page(admin_client, f"/ru/admin/cbm/legalbasis/{basis.pk}/change/")
    assert "field-note field-note_ru" in change  # one row: the English and the Russian
