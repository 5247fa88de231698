"""Background jobs: re-run suggestions, ingest many files, export CSV — each with its progress
and its result or error on a Job row, on the in-process backend and through the real database
worker; only curators start them and fetch their files."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cbm.ingest import ingest_file
from cbm.jobs import export_start, job_rerun, suggest_start
from cbm.models import Citation, Document, Job, Mention, Passage, Position, Term
from cbm.suggest import suggest

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user("cleo", password="a-long-password-7", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def seeds():
    return [ingest_file(path, kind="news").document for path in (ARTICLE_000, ARTICLE_004)]


def links():
    return sorted(Mention.objects.values_list("passage_id", "measure_type_id", "start", "end"))


def test_a_term_job_gives_what_a_full_run_gives_and_keeps_decisions(
    seeds, curator, django_capture_on_commit_callbacks
):
    """Re-running for one term's target withdraws what it no longer finds, keeps accepted links,
    and leaves nothing a full run over the corpus would still change."""
    busy = Mention.objects.values("measure_type").annotate(n=Count("pk")).filter(n__gte=2)
    target = busy.order_by("measure_type")[0]["measure_type"]
    notice = Mention.objects.filter(measure_type=target).order_by("pk")
    kept = notice.first()
    kept.status, kept.reviewed_by, kept.reviewed_at = "accepted", curator, timezone.now()
    kept.save()
    assert notice.filter(status="pending").exists()
    terms = list(Term.objects.filter(measure_type=target))
    Term.objects.filter(pk__in=[t.pk for t in terms]).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        job = suggest_start(by=curator, terms=terms[:1])
    job.refresh_from_db()
    assert job.state == "done" and job.error == ""
    assert (job.done, job.total) == (Passage.objects.count(), Passage.objects.count())
    assert job.result["withdrawn"] >= 1 and "withdrawn" in job.summary
    assert list(notice.values_list("pk", "status")) == [(kept.pk, "accepted")]
    before = links()
    full = suggest()
    assert (full.created, full.withdrawn) == (0, 0) and links() == before


def test_many_uploaded_files_become_one_job_with_each_files_outcome(
    client, curator, django_capture_on_commit_callbacks
):
    """More than a few files go to a job; each file's success or error is kept on it."""
    files = [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
        for path in (ARTICLE_000, ARTICLE_004)
    ] + [
        SimpleUploadedFile("b.txt", b"caf\xe9 latin-1", content_type="text/plain"),
        SimpleUploadedFile("c.pdf", b"%PDF-1.4", content_type="application/pdf"),
        SimpleUploadedFile("again.txt", ARTICLE_004.read_bytes(), content_type="text/plain"),
    ]
    url = reverse("admin:cbm_document_ingest")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"files": files, "kind": "news", "language": "en"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.kind, job.state, job.done, job.total) == ("ingest", "done", 5, 5)
    assert job.summary == "3 files ingested, 2 failed."
    outcomes = {row["name"]: row for row in job.result["files"]}
    assert outcomes["b.txt"]["error"] == "b.txt: is not valid UTF-8: byte 0xe9 at byte offset 3"
    assert outcomes["c.pdf"]["error"] == "c.pdf: is not a .txt or .md file"
    assert outcomes["again.txt"]["outcome"] == "unchanged"
    assert Document.objects.count() == 2 and Mention.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "b.txt: is not valid UTF-8" in page and '<progress value="5" max="5">' in page


def test_an_export_job_gives_curators_a_file_and_nobody_else(
    client, seeds, curator, django_capture_on_commit_callbacks
):
    """The export is a job whose CSV only logged-in curators with the permission download."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cbm_job_export"), {"name": "mentions", "filters": "status=pending"}
        )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    pending = Mention.objects.filter(status="pending").count()
    assert job.state == "done" and job.result["rows"] == pending == job.done == job.total
    download = reverse("admin:cbm_job_download", args=[job.pk])
    assert download in client.get(job.get_absolute_url()).content.decode()
    response = client.get(download)
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and body.startswith("id,status,measure_type")
    assert body.count("\n") >= pending + 1

    client.logout()
    anonymous = client.get(download)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    stranger = get_user_model().objects.create_user("sam", password="x-long-pass-9", is_staff=True)
    client.force_login(stranger)
    assert client.get(download).status_code == 403
    assert client.post(reverse("admin:cbm_job_export"), {"name": "mentions"}).status_code == 403
    assert client.get(job.get_absolute_url()).status_code == 403


def test_an_error_is_the_jobs_error_and_the_job_can_be_rerun(
    curator, django_capture_on_commit_callbacks
):
    """A job that raises ends failed with the message, never lost; a re-run is a new job."""
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(by=curator, name="no-such-list", filters={}, base_url="http://x/")
    job.refresh_from_db()
    assert job.state == "failed" and job.finished_at
    assert job.error.startswith("ValueError: no export named 'no-such-list'")
    with django_capture_on_commit_callbacks(execute=True):
        again = job_rerun(job=job, by=curator)
    again.refresh_from_db()
    assert again.rerun_of == job and again.state == "failed" and again.params == job.params


def test_someone_without_the_permission_cannot_start_a_job(client, seeds):
    """Staff without the curators' rights get a 403 and no job."""
    staff = get_user_model().objects.create_user("sid", password="x-long-pass-9", is_staff=True)
    client.force_login(staff)
    term = Term.objects.filter(measure_type__isnull=False).first()
    assert client.post(reverse("admin:cbm_term_resuggest", args=[term.pk])).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_queued_jobs_with_progress_and_errors(settings, tmp_path):
    """CBM_TASK_BACKEND=database: jobs wait in the database until `manage.py db_worker` runs
    them; progress, result and error land on the Job as with the in-process backend."""
    settings.TASKS = DATABASE_BACKEND
    user = get_user_model().objects.create_user("wendy", password="x-long-pass-9")
    user.groups.add(Group.objects.get(name="Curators"))
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    good = suggest_start(by=user, documents=list(Document.objects.values_list("pk", flat=True)))
    bad = export_start(by=user, name="no-such-list", filters={}, base_url="http://x/")
    for job in (good, bad):
        job.refresh_from_db()
        assert job.state == "queued" and job.task_id
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    good.refresh_from_db()
    bad.refresh_from_db()
    passages = Passage.objects.count()
    assert (good.state, good.done, good.total) == ("done", passages, passages)
    assert good.result["created"] == Mention.objects.count() + Citation.objects.count() > 0
    assert bad.state == "failed" and "no export named" in bad.error
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses == {
        DBTaskResult.objects.get(id=good.task_id).id: "SUCCESSFUL",
        DBTaskResult.objects.get(id=bad.task_id).id: "FAILED",
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_a_worker_process_of_its_own_runs_the_queue(settings):
    """`manage.py db_worker` as a separate process (as on another machine, sharing only the
    database) takes a queued job and leaves it done with its progress."""
    settings.TASKS = DATABASE_BACKEND
    user = get_user_model().objects.create_user("otto", password="x-long-pass-9")
    user.groups.add(Group.objects.get(name="Curators"))
    ingest_file(ARTICLE_004, kind="news", suggest=False)
    job = suggest_start(by=user)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "CBM_TASK_BACKEND": "database"}
    command = ["manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"]
    worker = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert worker.returncode == 0, worker.stderr
    job.refresh_from_db()
    passages = Passage.objects.count()
    assert (job.state, job.done, job.total) == ("done", passages, passages)
    assert job.result["created"] == Mention.objects.count() + Citation.objects.count() > 0


def test_saving_a_term_offers_a_rerun_that_starts_a_job(
    client, seeds, curator, django_capture_on_commit_callbacks
):
    """After a term's matching changes, the admin links to a page that re-runs it."""
    term = Term.objects.filter(measure_type__isnull=False, kind="phrase").first()
    change = reverse("admin:cbm_term_change", args=[term.pk])
    form = client.get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(text=term.text + " talks", is_active="on", window=term.window or 8)
    data = {k: v for k, v in data.items() if k != "is_active" or v}
    response = client.post(change, data, follow=True)
    rerun = reverse("admin:cbm_term_resuggest", args=[term.pk])
    assert rerun in response.content.decode()
    assert "re-run suggestions for this term" in response.content.decode()
    assert client.get(rerun).status_code == 200 and not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(rerun)
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == "done" and job.params["terms"] == [term.pk]


def test_the_curators_group_is_put_back_whole_after_a_flushing_test():
    """A transactional or live-server test empties the database; what the suite puts back is
    the group as migrate leaves it, so later tests see the curators' real rights."""
    from django.contrib.auth.models import Permission

    from .browser import restore_shared_data

    group = Group.objects.get(name="Curators")
    migrated = set(group.permissions.values_list("codename", flat=True))
    group.delete()
    restore_shared_data()
    restored = Group.objects.get(name="Curators").permissions.values_list("codename", flat=True)
    assert set(restored) == migrated
    assert {"add_job", "change_position"} <= migrated
    assert Permission.objects.filter(codename="add_job").exists()


def test_an_export_with_filters_the_list_refuses_is_a_form_error_and_starts_no_job(
    client, seeds, curator
):
    """A malformed or unknown filter is named on the export form, as the API names it; no job
    is started to fail later with a traceback."""
    url = reverse("admin:cbm_job_export")
    for filters, named in [
        ("measure_type=nope", "measure_type"),
        ("published_after=abc", "published_after"),
        ("bogus=1", "bogus"),
    ]:
        response = client.post(url, {"name": "mentions", "filters": filters})
        assert response.status_code == 200
        errors = response.context["form"].errors["filters"]
        assert any(error.startswith(f"{named}: ") for error in errors), errors
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "paging", ["page=-1", "page_size=999999", "cursor=zzz", "page=2&page_size=1"]
)
def test_paging_in_an_exports_filters_is_ignored_and_every_row_exported(
    client, seeds, curator, django_capture_on_commit_callbacks, paging
):
    """A page, page size or cursor copied from an API address along with the filters says
    nothing about an export (every row): the job runs, with every matching row, instead of
    being accepted by the form and failing later on a malformed or oversized value."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:cbm_job_export"),
            {"name": "positions", "filters": f"status=pending&{paging}"},
        )
    job = Job.objects.get()
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert job.params["filters"] == {"status": "pending"}
    assert job.result["rows"] == Position.objects.filter(status="pending").count()


def test_the_export_form_works_on_a_site_whose_hosts_do_not_include_the_test_client(
    client, seeds, curator, settings, django_capture_on_commit_callbacks
):
    """The form checks the filters on a one-row page of the list; with more rows than that the
    page has a next link, built with the host of that internal request: Django's test host,
    refused by a real site's ALLOWED_HOSTS, so every export of two rows or more was a 400."""
    settings.ALLOWED_HOSTS = ["registry.example.org"]
    assert Mention.objects.count() >= 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cbm_job_export"),
            {"name": "mentions", "filters": ""},
            HTTP_HOST="registry.example.org",
        )
    assert response.status_code == 302
    job = Job.objects.get()
    job.refresh_from_db()
    assert job.state == "done" and job.result["rows"] == Mention.objects.count()
