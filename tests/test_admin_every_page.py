"""A curator who is not a superuser (only in the Curators group, as ensure_demo_curator makes
them) opens every admin page, in English at /admin/ and in Russian at /ru/admin/: each
changelist (with each list filter, a search and each sortable column), add, change, history
and delete page of a saved row, and the custom views (review queues, ingest, export, jobs).
Each answers as the permissions say (200, or 403 / a redirect) and never a server error; a
staff member without rights and an anonymous visitor get a 403 or the login page, never data.
"""

import datetime
import re
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from cbm.ingest import ingest_file
from cbm.models import (
    CuratorProfile,
    Document,
    Job,
    Mention,
    QualityFigure,
    Ranker,
    Term,
)

from .conftest import ARTICLE_000, ARTICLE_004

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-42"
PREFIXES = ["", "/ru"]  # English at /admin/, Russian at /ru/admin/
DENIED = {302, 403}


@pytest.fixture
def rows(tmp_path, settings):
    """At least one saved row of every model the admin shows."""
    settings.MEDIA_ROOT = tmp_path
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news")
    mention = Mention.objects.order_by("pk").first()
    mention.status = "accepted"
    mention.save()
    call_command("ensure_demo_curator", username="curator", password=PASSWORD, stdout=StringIO())
    curator = get_user_model().objects.get(username="curator")
    CuratorProfile.objects.get_or_create(user=curator, defaults={"display_name": "Cora"})
    Ranker.objects.create(trained_at=timezone.now(), weights={"intercept": 0, "features": {}})
    QualityFigure.objects.get_or_create(
        kind="overall",
        slug="",
        language="en",  # one per language: the registry loads English and Russian figures
        defaults=dict(
            precision=0.5,
            recall=0.5,
            gold_links=1,
            found=1,
            paragraphs=1,
            measured_on=datetime.date(2026, 1, 1),
            dataset="test",
        ),
    )
    from django.core.files.base import ContentFile

    job = Job.objects.create(kind="export", state="done", started_by=curator, summary="done")
    job.file.save("export.csv", ContentFile(b"a,b\n1,2\n"))
    Job.objects.create(kind="suggest", state="failed", error="boom")
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=curator)
    return curator


def no_rights():
    """Staff (may log in to the admin) but in no group and with no permission."""
    return get_user_model().objects.create_user("nobody", password=PASSWORD, is_staff=True)


def model_admins():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def fake_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def model_pages(model, model_admin, user):
    """(url, expected statuses) of each page of one model's admin, for this user."""
    request = fake_request(user)
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    may_view = model_admin.has_view_or_change_permission(request)
    if model is CuratorProfile and not user.is_superuser:  # a curator's list is their own row
        yield reverse(f"{prefix}_changelist"), {302}
    else:
        yield reverse(f"{prefix}_changelist"), {200} if may_view else DENIED
    may_add = model_admin.has_add_permission(request)
    if model is Document:  # "add" is the ingest page
        yield reverse(f"{prefix}_add"), {302}
    else:
        yield reverse(f"{prefix}_add"), {200} if may_add else DENIED
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return
    may_see = model_admin.has_view_or_change_permission(request, obj)
    may_delete = model_admin.has_delete_permission(request, obj)
    yield reverse(f"{prefix}_change", args=[obj.pk]), {200} if may_see else DENIED
    yield reverse(f"{prefix}_history", args=[obj.pk]), {200} if may_see else DENIED
    yield reverse(f"{prefix}_delete", args=[obj.pk]), {200} if may_delete else DENIED
    # A missing row: "not found" in words (a redirect to the changelist), never a 500.
    yield reverse(f"{prefix}_change", args=["999999"]), {302, 403, 404}
    yield reverse(f"{prefix}_change", args=["not-a-key"]), {302, 403, 404}
    if hasattr(model, "history") and hasattr(obj, "history"):
        record = obj.history.order_by("pk").first()
        if record is not None:
            url = reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id])
            yield url, {200} if may_see else DENIED


def custom_pages(user):
    """The views the admin adds beside the model pages."""
    request = fake_request(user)
    may = user.has_perm
    document = Document.objects.order_by("pk").first()
    term = Term.objects.order_by("pk").first()
    job = Job.objects.filter(state="done").exclude(file="").first()
    yield reverse("admin:index"), {200}
    yield reverse("admin:app_list", args=["cbm"]), {200} if may("cbm.view_term") else {403, 404}
    yield reverse("admin:cbm_document_ingest"), {200} if may("cbm.add_document") else DENIED
    withdraw = admin.site._registry[Document].has_change_permission(request, document)
    url = reverse("admin:cbm_document_withdrawal", args=[document.pk])
    yield url, {200} if withdraw else DENIED
    yield reverse("admin:cbm_document_withdrawal", args=[999999]), {403, 404}
    resuggest = may("cbm.change_term") and may("cbm.add_job")
    url = reverse("admin:cbm_term_resuggest", args=[term.pk])
    yield url, {200} if resuggest else DENIED
    yield reverse("admin:cbm_job_export"), {200} if may("cbm.add_job") else DENIED
    url = reverse("admin:cbm_job_download", args=[job.pk])
    yield url, {200} if may("cbm.view_job") else DENIED
    yield reverse("admin:cbm_job_download", args=[999999]), {403, 404}
    # The review queues with each status chosen.
    for queue in ("mention", "citation", "position"):
        for status in ("pending", "accepted", "rejected", "all", "nonsense"):
            url = reverse(f"admin:cbm_{queue}_changelist") + f"?status__exact={status}"
            yield url, {200, 302} if may(f"cbm.view_{queue}") else DENIED


def changelist_variants(client, url):
    """The changelist with each list filter choice, a search, and each column sorted both
    ways (the admin's own links, so the query strings are those a curator clicks)."""
    page = client.get(url)
    if page.status_code != 200 or not page.context or "cl" not in page.context:
        return
    cl = page.context["cl"]
    for spec in cl.filter_specs:  # "all", the first two choices and the last of each filter
        choices = list(spec.choices(cl))
        for choice in choices[:3] + choices[3:][-1:]:
            yield url + choice["query_string"]
    if cl.search_fields:
        for query in ("ИНФ a", "%'\"<>" + "x" * 300):  # Cyrillic, words; quotes, wildcards
            yield url + "?" + cl.get_query_string({"q": query}).lstrip("?")
    columns = len(cl.list_display)
    for number in range(1, columns + 1):
        yield url + f"?o=-{number}"
    yield url + f"?o=x.{columns + 5}&p=x"
    if cl.date_hierarchy:
        yield url + f"?{cl.date_hierarchy}__year=2026&{cl.date_hierarchy}__month=13"
        yield url + f"?{cl.date_hierarchy}__year=abc"


def every_page(client, user):
    for model, model_admin in model_admins():
        for url, expected in model_pages(model, model_admin, user):
            yield url, expected
            if (
                url.endswith(
                    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                )
                and 200 in expected
            ):
                for variant in changelist_variants(client, url):
                    yield variant, {200, 302}
    yield from custom_pages(user)


def walk(client, user):
    """Every page under both prefixes; the unexpected answers."""
    wrong = []
    for url, expected in list(every_page(client, user)):
        for prefix in PREFIXES:
            answer = client.get(prefix + url)
            if answer.status_code not in expected:
                wrong.append((user.username, prefix + url, answer.status_code, sorted(expected)))
                print("WRONG", wrong[-1], flush=True)
    return wrong


def test_a_curator_opens_every_admin_page_in_english_and_russian(rows):
    """Demo curator: never a 500; each page answers as the permissions say."""
    client = Client(raise_request_exception=False)
    client.force_login(rows)
    wrong = walk(client, rows)
    assert wrong == [], "\n".join(map(str, wrong))


def test_the_russian_admin_is_in_russian(rows):
    client = Client()
    client.force_login(rows)
    page = client.get("/ru" + reverse("admin:cbm_mention_changelist")).content.decode()
    assert re.search("[А-Яа-я]{4}", page)
    assert 'lang="ru"' in page


def test_without_rights_every_admin_page_is_refused(rows):
    """A staff member in no group: the index opens (with only their own public name), every
    other page is a 403 or a redirect, and no document title appears anywhere."""
    user = no_rights()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    title = Document.objects.order_by("pk").first().title
    wrong = []
    for model, model_admin in model_admins():
        for url, _expected in model_pages(model, model_admin, rows):
            for prefix in PREFIXES:
                answer = client.get(prefix + url)
                if answer.status_code not in {302, 403, 404} or title in answer.content.decode():
                    wrong.append((prefix + url, answer.status_code))
    for url, _expected in custom_pages(rows):
        for prefix in PREFIXES:
            answer = client.get(prefix + url)
            page = answer.content.decode()
            # The index and the app page open to every staff member, listing only the page of
            # their own public name.
            index = url in (reverse("admin:index"), reverse("admin:app_list", args=["cbm"]))
            if index and answer.status_code == 200 and "cbm/document/" not in page:
                continue
            if answer.status_code not in {302, 403, 404} or title in page:
                wrong.append((prefix + url, answer.status_code))
    assert wrong == [], "\n".join(map(str, wrong))


def test_anonymous_visitors_are_sent_to_the_login(rows):
    client = Client(raise_request_exception=False)
    wrong = []
    for model, model_admin in model_admins():
        for url, _expected in model_pages(model, model_admin, rows):
            for prefix in PREFIXES:
                answer = client.get(prefix + url)
                if answer.status_code != 302 or "/admin/login/" not in answer["Location"]:
                    wrong.append((prefix + url, answer.status_code))
    assert wrong == [], "\n".join(map(str, wrong))
