"""Bad input on the admin's add and change forms, one field at a time, over forms that are
otherwise valid (a saved row's own values): an empty field, an over-long value, another row's
value of a unique field, posted by a curator with only model permissions (a superuser opens
the pages and posts them unchanged). A form error or a saved row, never a server error;
deleting a row answers too."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from cbm.ingest import ingest_file
from cbm.models import Job, Mention

from .conftest import ARTICLE_000, ARTICLE_004
from .test_admin_pages import users
from .test_qa_admin import change_form_data

pytestmark = pytest.mark.django_db

MODELS = [
    "job",
    "category",
    "measuretype",
    "term",
    "cuelist",
    "stancecue",
    "actor",
    "instrument",
    "threshold",  # (participations are edited in their instrument's and actor's forms)
    "provision",
    "legalbasis",
    "document",
    "passage",
]


@pytest.fixture
def rows():
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news")
    Mention.objects.filter(pk=Mention.objects.order_by("pk").first().pk).update(status="accepted")
    Job.objects.create(kind="suggest", state="failed", error="boom")


def model_admin_of(name):
    return next(ma for m, ma in admin.site._registry.items() if m._meta.model_name == name)


def bad_values(model, form, other):
    """(field, value) pairs: each field empty, each text too long, each unique field set to
    another row's value."""
    for name in form.fields:
        yield name, ""
        model_field = next((f for f in model._meta.fields if f.name == name), None)
        if isinstance(model_field, models.CharField | models.TextField):
            limit = model_field.max_length or 5000
            yield name, "é" * (limit + 1)
        if model_field is not None and model_field.unique and other is not None:
            value = getattr(other, model_field.attname)
            if value is not None:
                yield name, value


@pytest.mark.parametrize("name", MODELS)
def test_bad_input_on_each_field_is_a_form_error_never_a_server_error(rows, name):
    """Every page answers below 500 for a superuser and for a curator."""
    model_admin = model_admin_of(name)
    model = model_admin.model
    prefix = f"admin:cbm_{name}"
    objs = list(model._default_manager.order_by("pk")[:2])
    assert objs, f"no {name} to change"
    obj, other = objs[0], (objs[1] if len(objs) > 1 else None)
    client = Client(raise_request_exception=False)
    failures = []
    for user in users():
        client.force_login(user)
        for url in (
            reverse(f"{prefix}_changelist"),
            reverse(f"{prefix}_add"),
            reverse(f"{prefix}_change", args=[obj.pk]),
            reverse(f"{prefix}_delete", args=[obj.pk]),
        ):
            page = client.get(url)
            if page.status_code >= 500:
                failures.append((user.username, "GET", url, page.status_code))
        change = reverse(f"{prefix}_change", args=[obj.pk])
        page = client.get(change)
        if page.status_code != 200 or "adminform" not in (page.context or {}):
            continue
        base = change_form_data(page)
        targets = [change]
        if model_admin.has_add_permission(page.wsgi_request):
            targets.append(reverse(f"{prefix}_add"))  # the same row again: a twin
        for target in targets:
            answer = client.post(target, base)
            if answer.status_code >= 500:
                failures.append((user.username, target, "unchanged", answer.status_code))
            if user.is_superuser:  # the same forms; the curator's are the narrower ones
                continue
            for field, value in bad_values(model, page.context["adminform"].form, other):
                answer = client.post(target, {**base, field: value})
                if answer.status_code >= 500:
                    shown = value if len(str(value)) < 20 else f"{str(value)[:5]}…×{len(value)}"
                    failures.append((user.username, target, field, shown, answer.status_code))
    assert failures == [], "\n".join(map(str, failures))


@pytest.mark.parametrize("name", MODELS)
def test_deleting_a_row_in_the_admin_is_never_a_server_error(rows, name):
    """The delete confirmation, posted, deletes the row or says what protects it (as the
    superuser: a curator's delete permissions are the walk's, test_admin_every_page)."""
    model = model_admin_of(name).model
    obj = model._default_manager.order_by("pk").first()
    client = Client(raise_request_exception=False)
    client.force_login(users()[0])
    url = reverse(f"admin:cbm_{name}_delete", args=[obj.pk])
    answer = client.post(url, {"post": "yes"})
    # A passage is part of its document's body: the admin deletes none (a 403, by design).
    assert answer.status_code in ((403,) if name == "passage" else (200, 302))
