"""The Russian lexicon names every instrument as Russian texts write it (full names, short names,
abbreviations, inflected) and keeps its generic words (уведомление, инспекция, наблюдатели,
горячая линия, учения) away from the traps of everyday Russian: elections, tax and labour
inspections, bank and court notices, МЧС drills, consumer hotlines, parades, arms sales.

The sentences are hand-made examples, not evaluation paragraphs: they pin down what the terms
are for, so that a curator pruning or widening a term sees what it breaks."""

import pytest

from cbm.models import Instrument, MeasureType
from cbm.registry_data import load_registry
from cbm.suggest import build_matcher

from .conftest import REGISTRY, ROOT

pytestmark = pytest.mark.django_db

LEXICON_RU = ROOT / "fixtures" / "lexicon-ru"

NAMES = [
    ("Россия приостановила действие ДОВСЕ в 2007 году.", "cfe-treaty-1990"),
    ("Договор об обычных вооружённых силах в Европе подписан в 1990 году.", "cfe-treaty-1990"),
    ("Адаптированный ДОВСЕ так и не вступил в силу.", "adapted-cfe-1999"),
    ("США вышли из ДРСМД в 2019 году.", "inf-treaty-1987"),
    ("Договор РСМД был подписан лидерами СССР и США.", "inf-treaty-1987"),
    ("Москва предложила продлить ДСНВ на пять лет.", "new-start-2010"),
    ("Стороны продлили договор СНВ-3 до 2026 года.", "new-start-2010"),
    ("Инспекция проведена в соответствии с ВД-2011.", "vienna-document-2011"),
    ("Венским документом предусмотрены инспекции.", "vienna-document-2011"),
    ("Россия вышла из Договора по открытому небу.", "open-skies-treaty-1992"),
    ("Хельсинкский заключительный акт ввёл первые меры доверия.", "helsinki-final-act-1975"),
    ("Стокгольмский документ ввёл инспекции на месте.", "stockholm-document-1986"),
    ("Основополагающий акт Россия — НАТО подписан в Париже.", "nato-russia-founding-act-1997"),
    (
        "Меморандум о договорённости относительно установления линии прямой связи подписан "
        "в Женеве.",
        "hotline-mou-1963",
    ),
    (
        "Соглашение о предотвращении инцидентов в открытом море и в воздушном пространстве над "
        "ним дополнено протоколом.",
        "incsea-1972",
    ),
    (
        "Соглашение между СССР и США о создании центров по уменьшению ядерной опасности "
        "подписано в Вашингтоне.",
        "nrrc-agreement-1987",
    ),
    (
        "Соглашение между Союзом Советских Социалистических Республик и Соединенными Штатами "
        "Америки об уведомлениях о пусках межконтинентальных баллистических ракет подписано "
        "в Москве.",
        "missile-launch-notification-agreement-1988",
    ),
    (
        "СОГЛАШЕНИЕ МЕЖДУ ПРАВИТЕЛЬСТВОМ СССР И ПРАВИТЕЛЬСТВОМ СОЕДИНЕННЫХ ШТАТОВ АМЕРИКИ "
        "О ПРЕДОТВРАЩЕНИИ ОПАСНОЙ ВОЕННОЙ ДЕЯТЕЛЬНОСТИ",
        "dangerous-military-activities-1989",
    ),
    (
        "Соглашение о мерах по уменьшению опасности возникновения ядерной войны подписано "
        "в 1971 году.",
        "accidents-measures-1971",
    ),
    ("Минобороны уведомило партнёров по ОБСЕ о предстоящих военных учениях.", "advance-notice"),
    ("На учения «Запад-2021» приглашены иностранные наблюдатели.", "observation"),
    ("Военные приглашены в качестве наблюдателей на манёвры.", "observation"),
    ("Российский самолёт выполнил наблюдательный полёт над Германией.", "aerial-observation"),
    ("Стороны договорились о горячей линии между Москвой и Вашингтоном.", "communications-network"),
    ("Военный канал связи между США и КНР остаётся закрытым.", "communications-network"),
    (
        "Военные самолёты над Балтикой будут летать с включёнными транспондерами.",
        "dangerous-military-activities",
    ),
]

TRAPS = [
    "Минск пригласил ОБСЕ в качестве наблюдателей на президентские выборы.",
    "В Кремле рассказали о подготовке прямой линии с Владимиром Путиным.",
    "Евросоюз и США подписали соглашение об открытом небе для авиаперевозчиков.",
    "Налоговые инспекторы провели выездную проверку на территории предприятия.",
    "Банк обязан заранее уведомить клиента об изменении тарифов за 30 дней.",
    "МЧС провело командно-штабные учения и пригласило наблюдателей от администрации.",
    "Школьники из города-побратима приглашены в качестве наблюдателей на олимпиаду.",
    "Роспотребнадзор открыл горячую линию по вопросам качества детских товаров.",
    "Военный комиссариат уведомил призывников о явке, повестки вручены заранее.",
    "Трудовая инспекция должна уведомить работодателя о проверке за 24 часа.",
    "Суд направил извещение о заседании, стороны уведомлены заблаговременно.",
    "Рособоронэкспорт подписал контракты на поставку истребителей в страны Азии.",
    "Провайдер восстановил линии связи после аварии и устранил ошибки в сети.",
    "Таможенный досмотр контейнеров на границе занял три дня.",
    "Президенты провели телефонный разговор, обсудили торговлю.",
]


def test_russian_names_are_found_and_everyday_russian_is_left_alone():
    load_registry(REGISTRY, lexicons=[LEXICON_RU])
    matcher = build_matcher(language="ru")
    slugs = {("measure_type", row.id): row.slug for row in MeasureType.objects.all()}
    slugs |= {("instrument", row.id): row.slug for row in Instrument.objects.all()}

    def found(text):
        return {slugs[tuple(match.target)] for match in matcher.find(text)}

    missed = [(text, slug) for text, slug in NAMES if slug not in found(text)]
    fired = [(text, found(text)) for text in TRAPS if found(text)]
    assert not missed, missed
    assert not fired, fired
