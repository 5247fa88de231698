"""Every admin page, for every model, opens for a superuser and a curator, and empty or
malformed forms are answered with form errors: never a server error."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cbm.ingest import ingest_file
from cbm.models import Document, Mention

from .conftest import ARTICLE_000, ARTICLE_004

pytestmark = pytest.mark.django_db

JUNK = ["", "x", "-1", "99999999999999999999", "2024-02-30", "é" * 500]


@pytest.fixture
def rows():
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news")
    mention = Mention.objects.first()
    mention.status = "accepted"
    mention.save()


def users():
    User = get_user_model()
    root = User.objects.create_superuser("root", password="a-long-password-42")
    cora = User.objects.create_user("cora", password="a-long-password-42", is_staff=True)
    cora.groups.add(Group.objects.get(name="Curators"))
    return [root, cora]


def pages(model, model_admin):
    """(name, url) of each page of a model's admin, with a saved row where one is needed."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = model_admin.get_queryset_for_test().first()
    yield "changelist", reverse(f"{prefix}_changelist")
    yield "add", reverse(f"{prefix}_add")
    if obj is not None:
        for view in ("change", "history", "delete"):
            yield view, reverse(f"{prefix}_{view}", args=[obj.pk])
    if model is Document:
        yield "ingest", reverse("admin:cbm_document_ingest")


def registered():
    for model, model_admin in admin.site._registry.items():
        model_admin.get_queryset_for_test = model._default_manager.all
        yield model, model_admin


def junk_form(form_page, value):
    """Every field of the page's form set to one junk value."""
    form = form_page.context.get("adminform") if form_page.context else None
    data = {"csrfmiddlewaretoken": "x"}
    if form is not None:
        for name in form.form.fields:
            data[name] = value
        # A huge form count only makes Django build its maximum of inline forms: slow, not wrong.
        for formset in form_page.context.get("inline_admin_formsets", []) if len(value) < 9 else []:
            management = formset.formset.management_form
            for name in management.fields:
                data[f"{management.prefix}-{name}"] = value
    return data


def test_every_admin_page_opens_and_junk_is_a_form_error(rows):
    """GET every page, POST empty and junk add/change forms: no response is a 500."""
    client = Client(raise_request_exception=False)
    failures = []
    for user in users():
        client.force_login(user)
        for model, model_admin in registered():
            for view, url in pages(model, model_admin):
                page = client.get(url)
                if page.status_code >= 500:
                    failures.append((user.username, view, url, page.status_code))
                if view not in ("add", "change", "ingest") or page.status_code != 200:
                    continue
                for value in JUNK:
                    data = junk_form(page, value) if value else {}
                    answer = client.post(url, data)
                    if answer.status_code >= 500:
                        failures.append((user.username, view, url, value, answer.status_code))
    assert failures == [], "\n".join(map(str, failures))
