"""/ru/admin/ names the row it is on as its lists do: a change page's title and breadcrumbs,
a delete page, and the provisions' menus give the curators' Russian names (they gave the
English), and a duplicate row is refused naming its fields in Russian."""

import re

import pytest

from cbm.models import Actor, Instrument, MeasureType, Participation, Provision

pytestmark = pytest.mark.django_db


def title_and_breadcrumbs(html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return title + crumbs


@pytest.mark.parametrize(
    ("model", "slug", "field"),
    [
        (MeasureType, "inspection", "name"),
        (Actor, "russia", "name"),
        (Instrument, "cfe-treaty-1990", "short_name"),
    ],
)
def test_a_change_and_a_delete_page_name_the_row_in_russian(admin_client, model, slug, field):
    obj = model.objects.get(slug=slug)
    english, russian = getattr(obj, field), getattr(obj, f"{field}_ru")
    assert russian and russian != english
    url = f"/ru/admin/cbm/{model._meta.model_name}/{obj.pk}/"
    head = title_and_breadcrumbs(admin_client.get(f"{url}change/").content.decode())
    assert russian in head and english not in head
    delete = admin_client.get(f"{url}delete/").content.decode()
    assert title_and_breadcrumbs(delete).count(russian) == 1
    # "Are you sure … "name"?", or "Deleting … 'name' would require deleting …" (protected)
    assert f'"{russian}"' in delete or f"'{russian}'" in delete
    # /admin/ stays English
    head = title_and_breadcrumbs(
        admin_client.get(f"{url.removeprefix('/ru')}change/").content.decode()
    )
    assert english in head and russian not in head


def test_the_provisions_menu_finds_and_names_provisions_in_russian(admin_client):
    """The legal basis's provision menu: searched by the Russian label or instrument name,
    it lists (and the chosen provision reads) "ДОВСЕ, ст. II", not "CFE Treaty, Art. II"."""
    provision = Provision.objects.select_related("instrument").get(
        instrument__slug="cfe-treaty-1990", label="Art. II"
    )
    Provision.objects.filter(pk=provision.pk).update(label_ru="ст. II (пол.)")
    cfe = provision.instrument
    shown = f"{cfe.short_name_ru}, ст. II (пол.)"
    search = {"app_label": "cbm", "model_name": "legalbasis", "field_name": "provision"}
    for term in ("ст. II (пол.)", cfe.short_name_ru):
        found = admin_client.get("/ru/admin/autocomplete/", {**search, "term": term}).json()
        assert {"id": str(provision.pk), "text": shown} in found["results"], term
    found = admin_client.get("/admin/autocomplete/", {**search, "term": "Art. II"}).json()
    assert {"id": str(provision.pk), "text": f"{cfe.short_name}, Art. II"} in found["results"]
    basis = provision.legal_bases.first()
    html = admin_client.get(f"/ru/admin/cbm/legalbasis/{basis.pk}/change/").content.decode()
    assert f"selected>{shown}</option>" in html


def test_a_duplicate_party_row_is_refused_naming_its_fields_in_russian(admin_client):
    """Two rows of one instrument's parties for the same actor: Django's message named the
    field as the code does ("actor"); it names it as the form does ("участник")."""
    from .test_qa_admin import change_form_data

    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    page = admin_client.get(f"/ru/admin/cbm/instrument/{cfe.pk}/change/")
    data = change_form_data(page)
    prefix = "participations"
    rows = int(data[f"{prefix}-TOTAL_FORMS"])
    party = Participation.objects.filter(instrument=cfe).order_by("actor__name").first()
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": rows + 1,
            f"{prefix}-{rows}-actor": party.actor_id,
            f"{prefix}-{rows}-role": "party",
        }
    )
    response = admin_client.post(f"/ru/admin/cbm/instrument/{cfe.pk}/change/", data)
    assert response.status_code == 200  # shown again, nothing saved
    errors = " ".join(re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S))
    assert "участник" in errors and "actor" not in errors, errors
    assert Participation.objects.filter(instrument=cfe, actor=party.actor_id).count() == 1


def test_a_duplicate_position_word_is_refused_in_russian(admin_client):
    """The rule's own message was written without gettext: English on /ru/admin/."""
    from cbm.models import PositionWord

    word = PositionWord.objects.order_by("pk").first()
    data = {"word": word.word, "role": word.role, "language": word.language, "is_active": "on"}
    response = admin_client.post("/ru/admin/cbm/positionword/add/", data)
    assert response.status_code == 200
    errors = " ".join(re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S))
    assert "This language already has" not in errors and "уже" in errors, errors
