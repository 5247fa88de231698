"""/ru/admin/: the review queues of mentions and citations name measure types, categories and
instruments in Russian, beside the Russian statuses (they showed the English names)."""

import pytest

from cbm.ingest import ingest_bytes
from cbm.models import Instrument, MeasureType, Mention

from .test_positions_qa import REPORT

pytestmark = pytest.mark.django_db


def test_the_russian_mention_queue_names_measure_types_and_categories_in_russian(admin_client):
    ingest_bytes(REPORT, source_name="report.txt")
    caps = MeasureType.objects.get(slug="exercise-caps")
    assert Mention.objects.filter(measure_type=caps).exists()
    html = admin_client.get("/ru/admin/cbm/mention/?status__exact=all").content.decode()
    assert caps.name_ru and html.count(f">{caps.name_ru}<") == 2  # in the row and the filter
    assert f">{caps.name}<" not in html
    category = caps.category
    assert category.name_ru and f">{category.name_ru}<" in html and f">{category.name}<" not in html
    # sorted by what it shows, and the English admin still shows the English
    html = admin_client.get("/admin/cbm/mention/?status__exact=all&o=2").content.decode()
    assert f">{caps.name}<" in html and f">{caps.name_ru}<" not in html


def test_the_russian_citation_queue_names_instruments_in_russian(admin_client):
    ingest_bytes(REPORT, source_name="report.txt")
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    assert cfe.short_name_ru and cfe.citations.exists()
    html = admin_client.get("/ru/admin/cbm/citation/?status__exact=all").content.decode()
    assert html.count(f">{cfe.short_name_ru}<") == 2  # in the row and the filter
    assert f">{cfe.short_name}<" not in html


def test_the_russian_admin_names_a_position_and_its_actions_in_russian(admin_client):
    """A position is named by its actor, stance and target in Russian (its page's title, the
    delete page), and the queue's actions speak of positions, not links, in Russian."""
    from cbm.models import Position

    ingest_bytes(REPORT, source_name="report.txt")
    position = Position.objects.get(stance="suspends")
    russia, cfe = position.actor, position.instrument
    assert russia.name_ru and cfe.short_name_ru
    html = admin_client.get(f"/ru/admin/cbm/position/{position.pk}/delete/").content.decode()
    assert f"{russia.name_ru} приостанавливает {cfe.short_name_ru}" in html
    html = admin_client.get("/ru/admin/cbm/position/").content.decode()
    assert "Принять выбранные позиции" in html and "Отклонить выбранные позиции" in html
    assert "Delete the selected" not in html and "links" not in html
    html = admin_client.get("/admin/cbm/position/").content.decode()
    assert "Accept the selected positions" in html


def test_the_positions_queue_says_it_accepted_and_rejected_positions(admin_client):
    """Its bulk actions' messages spoke of links ("2 links accepted.", "Отклонена 1 связь.")."""
    from cbm.models import Position

    ingest_bytes(REPORT, source_name="report.txt")
    pks = list(Position.objects.pending().order_by("pk").values_list("pk", flat=True))
    assert len(pks) == 2
    for prefix, action, selected, said in [
        ("/admin", "accept", pks, "2 positions accepted."),
        ("/ru/admin", "reject", pks[:1], "Отклонена 1 позиция."),
    ]:
        response = admin_client.post(  # every status: the one rejected was accepted first
            f"{prefix}/cbm/position/?status__exact=all",
            {"action": action, "_selected_action": selected, "index": "0"},
            follow=True,
        )
        assert [str(m) for m in response.context["messages"]] == [said]


def test_the_russian_queues_name_terms_targets_and_the_instrument_filter_in_russian(admin_client):
    """The term that fired (its column and filter) ended "→ Equipment ceilings" and the mention
    queue's legal-basis filter listed "CFE Treaty" on /ru/admin/, among Russian names."""
    ingest_bytes(REPORT, source_name="report.txt")
    mention = Mention.objects.filter(term__measure_type__isnull=False).first()
    target = mention.term.measure_type
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    assert target.name_ru and cfe.short_name_ru
    html = admin_client.get("/ru/admin/cbm/mention/?status__exact=all").content.decode()
    assert f"→ {target.name_ru}<" in html and f"→ {target.name}<" not in html
    assert f">{cfe.short_name_ru}</a>" in html and f">{cfe.short_name}</a>" not in html
    citation = cfe.citations.filter(term__isnull=False).first()
    html = admin_client.get("/ru/admin/cbm/citation/?status__exact=all").content.decode()
    assert f"→ {citation.term.instrument.short_name_ru}<" in html
    # the English admin still shows the English
    html = admin_client.get("/admin/cbm/mention/?status__exact=all").content.decode()
    assert f"→ {target.name}<" in html and f">{cfe.short_name}</a>" in html


def test_the_russian_admin_names_a_links_actor_and_target_in_russian_in_its_menus(admin_client):
    """Correcting a position or a mention on /ru/admin/: the chosen actor and target, and what
    the menus found when searched in Russian, were named in English ("Russia", "CFE Treaty")."""
    from cbm.models import Position

    ingest_bytes(REPORT, source_name="report.txt")
    position = Position.objects.get(stance="suspends")
    russia, cfe = position.actor, position.instrument
    html = admin_client.get(f"/ru/admin/cbm/position/{position.pk}/change/").content.decode()
    assert f"selected>{russia.name_ru}</option>" in html
    assert f"selected>{cfe.short_name_ru}</option>" in html
    mention = Mention.objects.first()
    html = admin_client.get(f"/ru/admin/cbm/mention/{mention.pk}/change/").content.decode()
    assert f"selected>{mention.measure_type.name_ru}</option>" in html
    search = {"app_label": "cbm", "model_name": "position", "field_name": "actor"}
    found = admin_client.get("/ru/admin/autocomplete/", {**search, "term": russia.name_ru})
    assert {"id": str(russia.pk), "text": russia.name_ru} in found.json()["results"]
    # the English admin still names them in English
    html = admin_client.get(f"/admin/cbm/position/{position.pk}/change/").content.decode()
    assert f"selected>{russia.name}</option>" in html
    found = admin_client.get("/admin/autocomplete/", {**search, "term": russia.name})
    assert {"id": str(russia.pk), "text": russia.name} in found.json()["results"]
