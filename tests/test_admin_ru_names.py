"""/ru/admin/ names the row it is on as its lists do: a change page's title and breadcrumbs,
and a delete page give the curators' Russian names (they gave the English)."""

import re

import pytest

from cbm.models import Actor, Instrument, MeasureType

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
