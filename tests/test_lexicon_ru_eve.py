"""The Russian lexicon finds measures told without their own words (defence chiefs who met or
called, talks told by their level, a link set up between "своими" forces, posts pulled back "в
глубь", exercises moved from borders, a notice handed over about a missile launch, inspectors
at a unit, a treaty named by its year and parties or as "адаптированная версия документа") and
keeps the same words away from their traps: a president meeting his own minister and chief of
staff, tax inspectors, inspectors on an evaluation visit or watching exercises, a statute of
1997, the ABM Treaty of 1972, a company's open channels, a new tariff launched.

The sentences are hand-made examples, not evaluation paragraphs: they pin down what the terms
of the links-ru round (2026-11-27 evening) are for, so that a curator pruning or widening a term
sees what it breaks."""

import pytest

from .lexicon_finder import finder

pytestmark = pytest.mark.django_db

FOUND = [
    (
        "Министр обороны Киргизии провел переговоры с министром обороны Таджикистана в Бишкеке.",
        "military-contacts",
    ),
    (
        "Глава Минобороны Армении и министр обороны Греции обсудили по телефону сотрудничество.",
        "military-contacts",
    ),
    (
        "Очередной раунд переговоров на уровне командиров корпусов прошел в приграничном районе.",
        "military-contacts",
    ),
    (
        "Генеральные директора военных операций двух стран провели телефонный разговор.",
        "military-contacts",
    ),
    (
        "Стороны договорились создать прямую связь между своими вооруженными силами.",
        "communications-network",
    ),
    (
        "Военные ведомства обсудили механизм двусторонней воздушной связи.",
        "communications-network",
    ),
    (
        "После прекращения огня стороны решили наладить оперативную связь между штабами.",
        "communications-network",
    ),
    (
        "Пограничные подразделения будут отведены на пять километров в глубь территории.",
        "troop-deployment-limits",
    ),
    (
        "Альянс больше не считает себя связанным ограничениями на размещение сил НАТО на востоке.",
        "troop-deployment-limits",
    ),
    (
        "Командование решило проводить военные учения дальше от границ Финляндии.",
        "exercise-caps",
    ),
    (
        "Минобороны Франции сообщило о пуске баллистической ракеты с подводной лодки в "
        "Атлантике, отметив, что накануне передало уведомление партнерам.",
        "missile-launch-notification",
    ),
    (
        "Страна присоединилась к Гаагскому кодексу, предусматривающему уведомления о запусках.",
        "missile-launch-notification",
    ),
    ("Группа белорусских инспекторов посетит мотострелковую бригаду под Смоленском.", "inspection"),
    (
        "Иностранные специалисты посетят воинские части в местах их обычного расположения в "
        "мирное время.",
        "evaluation-visit",
    ),
    (
        "Целью визита является проверка наличия или отсутствия военной деятельности.",
        "challenge-inspection",
    ),
    (
        "Военные атташе иностранных посольств отправились на осмотр района, где упали снаряды.",
        "visits-to-dispel-concerns",
    ),
    (
        "Госдепартамент осудил небезопасные действия перехватчика, которые могли привести к "
        "столкновению в воздухе.",
        "dangerous-military-activities",
    ),
    (
        "Американские военные нарушили механизм деконфликтинга.",
        "dangerous-military-activities",
    ),
    (
        "Нормы обычных вооружений для каждой группы государств пересматривались дважды.",
        "equipment-ceilings",
    ),
    (
        "ДОВСЕ устарел, а адаптированную версию документа Польша так и не ратифицировала.",
        "adapted-cfe-1999",
    ),
    (
        "Альянс напомнил, что акт, подписанный в 1997 году, не запрещает ротацию войск.",
        "nato-russia-founding-act-1997",
    ),
    (
        "Капитан эсминца нарушил соглашение СССР и США от 1972 года, сблизившись с судном.",
        "incsea-1972",
    ),
    ("Пхеньян объявил о выходе из соглашения с Сеулом от 2018 года.", "korea-cma-2018"),
    (
        "Россия и США продолжат соблюдать Договор о сокращении стратегических наступательных "
        "вооружений.",
        "new-start-2010",
    ),
    (
        "Стороны возобновят работу механизма консультаций по вопросам безопасности на море.",
        "us-china-mmca-1998",
    ),
    (
        "После прекращения Договора о ликвидации ракет средней и меньшей дальности белорусская "
        "сторона выступила с инициативой декларации стран, обязующихся не размещать такие "
        "вооружения.",
        "missile-deployment-limits",
    ),
]

TRAPS = [
    ("Президент провел совещание с министром обороны и начальником Генштаба.", "military-contacts"),
    (
        "Министр обороны провел совещание с начальником генштаба и командующими округами.",
        "military-contacts",
    ),
    ("Президент и министр обороны обсудили по телефону ход учений.", "military-contacts"),
    ("Американские инспекторы проведут посещение по оценке военного объекта.", "inspection"),
    ("Литовские военные инспекторы будут наблюдать за учениями в Беларуси.", "inspection"),
    (
        "Американские инспекторы провели совместные инспекции оружия, переданного Украине.",
        "inspection",
    ),
    ("Налоговые инспекторы провели проверку на территории рынка.", "inspection"),
    (
        "Нормативный акт, принятый в 1997 году, регулирует аренду земли.",
        "nato-russia-founding-act-1997",
    ),
    ("Договор по ПРО 1972 года ограничивал системы противоракетной обороны.", "incsea-1972"),
    ("Пожарные учения в школе прошли дальше от границ жилого квартала.", "exercise-caps"),
    ("Пентагон получил уведомление о планах учений стратегических сил России.", "advance-notice"),
    ("Компания поддерживает открытыми каналы связи с клиентами.", "communications-network"),
    ("Спасатели отвели технику на три километра от реки.", "troop-deployment-limits"),
    (
        "Банк направил клиентам уведомление о пуске новой линии метро.",
        "missile-launch-notification",
    ),
    (
        "Оператор передал абонентам уведомление о запуске нового тарифа.",
        "missile-launch-notification",
    ),
]


@pytest.fixture
def found(db):
    return finder("ru")


@pytest.mark.parametrize(("text", "slug"), FOUND)
def test_a_measure_told_without_its_words_is_found(found, text, slug):
    """Each kind of phrasing the round added is suggested as its measure type or instrument."""
    assert slug in found(text)


@pytest.mark.parametrize(("text", "slug"), TRAPS)
def test_the_same_words_outside_arms_control_are_left_alone(found, text, slug):
    """The cue and unless lists keep each new kind of phrasing away from its trap."""
    assert slug not in found(text)
