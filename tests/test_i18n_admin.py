"""The curators' admin in Russian: at /ru/admin/ (the same switch as the public pages), with the
registry's own strings — models and fields, help texts, actions, messages, the review queue's
filters and the ingest, withdrawal and export pages — in Russian; /admin/ stays English."""

import re

import pytest

from cbm.ingest import ingest_file
from cbm.models import (
    Actor,
    Category,
    Document,
    Instrument,
    MeasureType,
    Mention,
    Provision,
    Threshold,
)

from .conftest import ARTICLE_000
from .test_i18n import PO, page, po_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    ingest_file(ARTICLE_000, kind="news")
    return list(Mention.objects.pending().order_by("pk")[:3])


def test_the_admin_is_in_russian_under_ru_with_a_switch_to_the_english(admin_client):
    html = page(admin_client, "/ru/admin/")
    assert '<html lang="ru"' in html
    assert "Реестр МД: работа кураторов" in html
    assert ">Типы мер<" in html and ">Пороговые значения<" in html  # the models, plural
    assert "measure types" not in html.lower()
    # the switch: the same admin page in English
    assert '<a href="/admin/" hreflang="en" lang="en-gb">English</a>' in html
    english = page(admin_client, "/admin/")
    assert '<html lang="en-gb"' in english and ">Measure types<" in english
    assert '<a href="/ru/admin/" hreflang="ru" lang="ru">Русский</a>' in english


def test_the_login_page_and_its_redirect_keep_the_language(client):
    response = client.get("/ru/admin/cbm/mention/")
    assert response["Location"].startswith("/ru/admin/login/")
    html = page(client, response["Location"])
    assert '<html lang="ru"' in html and "Имя пользователя" in html


def test_the_review_queue_in_russian(admin_client, pending):
    html = page(admin_client, "/ru/admin/cbm/mention/")
    for text in (
        "Принять выбранные упоминания",
        "Отклонить выбранные упоминания",
        "Фрагмент (выделение подсвечено)",
        "вероятность",  # a filter's title
        "на пороге или выше",
        "только ниже порога",
    ):
        assert text in html, text
    assert "Accept the selected mentions" not in html
    assert "Accept the selected mentions" in page(admin_client, "/admin/cbm/mention/")


def test_an_action_answers_in_the_curators_language(admin_client, pending):
    response = admin_client.post(
        "/ru/admin/cbm/mention/",
        {"action": "accept", "_selected_action": [m.pk for m in pending[:2]]},
        follow=True,
    )
    assert response.redirect_chain == [("/ru/admin/cbm/mention/", 302)]
    assert "Принято 2 связи." in response.content.decode()
    response = admin_client.post(
        "/admin/cbm/mention/",
        {"action": "reject", "_selected_action": [pending[2].pk]},
        follow=True,
    )
    assert "1 link rejected." in response.content.decode()


def test_fields_and_help_texts_are_in_russian(admin_client):
    provision = Provision.objects.get(instrument__slug="vienna-document-2011", label="Ch. V")
    html = page(admin_client, f"/ru/admin/cbm/provision/{provision.pk}/change/")
    assert "Обозначение по-русски" in html
    assert "Как его цитируют русские тексты" in html
    assert "Проверенному положению" not in html  # (only on an error)
    assert "Label and title checked" not in html


def test_the_ingest_withdrawal_and_export_pages_in_russian(admin_client, pending):
    html = page(admin_client, "/ru/admin/cbm/document/ingest/")
    assert "<h1>Загрузка текстов</h1>" in html and 'value="Загрузить"' in html
    assert "Каждый файл становится одним текстом" in html
    document = Document.objects.first()
    html = page(admin_client, f"/ru/admin/cbm/document/{document.pk}/withdrawal/")
    assert "Снятие скрывает этот текст" in html and 'value="Снять"' in html
    html = page(admin_client, "/ru/admin/cbm/job/export/")
    assert "Выгрузить список в CSV" in html and 'value="Начать выгрузку"' in html
    # a form's own errors, too
    response = admin_client.post("/ru/admin/cbm/document/ingest/", {"kind": "news"})
    assert "Выберите один или несколько файлов или вставьте текст." in response.content.decode()


def test_the_public_footer_leads_curators_to_the_admin_in_the_pages_language(client):
    assert re.search(r'<a href="/ru/admin/">Кураторам</a>', page(client, "/ru/"))
    assert re.search(r'<a href="/admin/">Curators</a>', page(client, "/"))
    robots = page(client, "/robots.txt")
    assert "Disallow: /admin/" in robots and "Disallow: /ru/admin/" in robots


def test_every_string_of_the_site_and_the_admin_is_translated_into_russian():
    untranslated = [
        msgid for _, _, msgid, _, strings, fuzzy in po_entries(PO) if fuzzy or not all(strings)
    ]
    assert untranslated == []


def test_the_russian_admin_lists_measure_types_and_instruments_by_their_translated_names(
    admin_client,
):
    """/ru/admin/ lists a measure type, its category and parent, and an instrument by the
    names curators translated; an untranslated one keeps its English; /admin/ stays English."""
    Category.objects.filter(slug="notification").update(name_ru="Уведомления (кат.)")
    MeasureType.objects.filter(slug="inspection").update(name_ru="Инспекция (тип)")
    MeasureType.objects.filter(slug="advance-notice").update(name_ru="Заблаговременное (тип)")
    MeasureType.objects.filter(slug="annual-calendar").update(name_ru="")
    Instrument.objects.filter(slug="cfe-treaty-1990").update(short_name_ru="ДОВСЕ (инстр.)")
    notice = MeasureType.objects.get(slug="advance-notice")
    calendar = MeasureType.objects.get(slug="annual-calendar")
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")

    types = page(admin_client, "/ru/admin/cbm/measuretype/?q=notice")
    assert ">Заблаговременное (тип)</a>" in types  # the name, linked to the change page
    assert f">{notice.name}</a>" not in types
    assert '<td class="field-translated_category">Уведомления (кат.)</td>' in types
    challenges = page(admin_client, "/ru/admin/cbm/measuretype/?q=challenge")
    assert '<td class="field-translated_parent">Инспекция (тип)</td>' in challenges
    calendars = page(admin_client, "/ru/admin/cbm/measuretype/?q=calendar")
    assert f">{calendar.name}</a>" in calendars  # no translation: the English
    assert ">ДОВСЕ (инстр.)</a>" in page(admin_client, "/ru/admin/cbm/instrument/")
    english = page(admin_client, "/admin/cbm/measuretype/?q=notice")
    assert f">{notice.name}</a>" in english and "(тип)" not in english
    assert f">{cfe.short_name}</a>" in page(admin_client, "/admin/cbm/instrument/")
    # the columns still sort
    assert "Заблаговременное (тип)" in page(admin_client, "/ru/admin/cbm/measuretype/?o=-1.3")


def test_the_russian_admin_sorts_measure_types_and_instruments_by_the_names_it_shows(
    admin_client,
):
    """Sorted by a name column (and by default, where names break ties), /ru/admin/ orders by
    the Russian name where there is one, else the English, in the same one query per page as
    /admin/, which keeps the English order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def order(url, model, *slugs):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200, url
        listed = [obj.slug for obj in response.context["cl"].result_list]
        return [slug for slug in listed if slug in slugs], len(queries)

    # English: "Annual calendars …" before "Prior notification …"; Russian the other way.
    MeasureType.objects.filter(slug="advance-notice").update(name_ru="Аааа (тип)")
    MeasureType.objects.filter(slug="annual-calendar").update(name_ru="Яяяя (тип)")
    types = ("advance-notice", "annual-calendar")
    english, english_queries = order("/admin/cbm/measuretype/?o=1", MeasureType, *types)
    russian, russian_queries = order("/ru/admin/cbm/measuretype/?o=1", MeasureType, *types)
    assert english == ["annual-calendar", "advance-notice"]
    assert russian == ["advance-notice", "annual-calendar"]
    assert russian_queries == english_queries
    assert order("/ru/admin/cbm/measuretype/?o=-1", MeasureType, *types)[0] == russian[::-1]
    # An empty translation sorts by the English it shows.
    MeasureType.objects.filter(slug="annual-calendar").update(name_ru="")
    MeasureType.objects.filter(slug="advance-notice").update(name_ru="Prior (тип)")
    assert order("/ru/admin/cbm/measuretype/?o=1", MeasureType, *types)[0] == list(types[::-1])
    # The category column sorts by the categories' shown names too.
    Category.objects.filter(slug="notification").update(name_ru="Яяяя (кат.)")
    Category.objects.filter(slug="contacts").update(name_ru="Аааа (кат.)")
    by_category = order(
        "/ru/admin/cbm/measuretype/?o=3", MeasureType, "military-contacts", "advance-notice"
    )
    assert by_category[0] == ["military-contacts", "advance-notice"]

    Instrument.objects.filter(slug="cfe-treaty-1990").update(short_name_ru="Яяяя (инстр.)")
    Instrument.objects.filter(slug="vienna-document-2011").update(short_name_ru="Аааа (инстр.)")
    pair = ("cfe-treaty-1990", "vienna-document-2011")
    english, english_queries = order("/admin/cbm/instrument/?o=1", Instrument, *pair)
    russian, russian_queries = order("/ru/admin/cbm/instrument/?o=1", Instrument, *pair)
    assert english == list(pair) and russian == list(pair[::-1])
    assert russian_queries == english_queries


def test_the_russian_admin_lists_legal_bases_thresholds_and_actors_by_their_translated_names(
    admin_client,
):
    """/ru/admin/ names a legal basis's measure type and provision, a threshold's quantity,
    unit and legal basis, a provision and its instrument, and an actor as curators translated
    them (as the measure types' and instruments' lists do), in the columns and in the filters;
    /admin/ stays English."""
    threshold = (
        Threshold.objects.select_related("legal_basis__measure_type", "legal_basis__provision")
        .filter(legal_basis__provision__instrument__slug="vienna-document-2011")
        .order_by("pk")
        .first()
    )
    basis = threshold.legal_basis
    provision, measure_type = basis.provision, basis.measure_type
    Instrument.objects.filter(pk=provision.instrument_id).update(short_name_ru="ВД-2011 (инстр.)")
    Provision.objects.filter(pk=provision.pk).update(label_ru="гл. (пол.)")
    MeasureType.objects.filter(pk=measure_type.pk).update(name_ru="Тип (рус.)")
    Threshold.objects.filter(pk=threshold.pk).update(quantity_ru="войска (рус.)", unit_ru="чел.")
    actor = Actor.objects.get(slug="russia")
    Actor.objects.filter(pk=actor.pk).update(name_ru="Россия (акт.)")
    shown_basis = "Тип (рус.) ← ВД-2011 (инстр.), гл. (пол.)"

    bases = page(admin_client, f"/ru/admin/cbm/legalbasis/?provision__id__exact={provision.pk}")
    assert ">Тип (рус.)</a></th>" in bases  # the name, linked to the change page
    assert '<td class="field-shown_provision">ВД-2011 (инстр.), гл. (пол.)</td>' in bases
    assert ">ВД-2011 (инстр.)</a></li>" in bases  # the instrument filter
    assert f">{measure_type.name}</a></th>" not in bases
    thresholds = page(admin_client, f"/ru/admin/cbm/threshold/?legal_basis__id__exact={basis.pk}")
    assert ">войска (рус.)</a></th>" in thresholds
    assert '<td class="field-translated_unit">чел.</td>' in thresholds
    assert f'<td class="field-shown_legal_basis">{shown_basis}</td>' in thresholds
    assert ">ВД-2011 (инстр.)</a></li>" in thresholds
    provisions = page(
        admin_client, f"/ru/admin/cbm/provision/?instrument__id__exact={provision.instrument_id}"
    )
    assert ">гл. (пол.)</a></th>" in provisions
    assert '<td class="field-translated_instrument">ВД-2011 (инстр.)</td>' in provisions
    actors = page(admin_client, "/ru/admin/cbm/actor/?q=russia")
    assert ">Россия (акт.)</a></th>" in actors and f">{actor.name}</a></th>" not in actors
    # English under /admin/, and every column still sorts in both
    english = page(admin_client, f"/admin/cbm/threshold/?legal_basis__id__exact={basis.pk}")
    assert f'<td class="field-shown_legal_basis">{basis}</td>' in english
    assert f">{actor.name}</a></th>" in page(admin_client, "/admin/cbm/actor/?q=russia")
    for model in ("legalbasis", "threshold", "provision", "actor"):
        url = f"/ru/admin/cbm/{model}/"
        for column in range(1, 4):
            page(admin_client, f"{url}?o={column}")
            page(admin_client, f"{url.removeprefix('/ru')}?o=-{column}")
