"""Messages of the shared services (ingest errors, link conflicts, a job's summary) are in the
curator's language under /ru/admin/, and stay English for the API and the commands."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cbm import curation, jobs
from cbm.models import Document, Job

from .conftest import ARTICLE_000, ARTICLE_004

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cleo(client):
    user = get_user_model().objects.create_user("cleo", password="a-long-password-7", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


def uploads():
    return [
        SimpleUploadedFile("a.txt", ARTICLE_004.read_bytes(), content_type="text/plain"),
        SimpleUploadedFile("b.txt", b"caf\xe9 latin-1", content_type="text/plain"),
        SimpleUploadedFile("c.pdf", b"%PDF-1.4", content_type="application/pdf"),
    ]


def test_the_russian_admin_explains_a_bad_upload_in_russian(client, cleo):
    response = client.post(
        "/ru/admin/cbm/document/ingest/", {"files": uploads(), "kind": "news", "language": "en"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "b.txt: не является корректным UTF-8: байт 0xe9 по смещению 3" in body
    assert "c.pdf: не является файлом .txt или .md" in body
    assert "is not valid UTF-8" not in body
    assert Document.objects.get().source_name == "a.txt"


def test_a_job_started_in_the_russian_admin_reports_in_russian_wherever_it_runs(cleo):
    """The worker has no page: the job keeps the language of the page that started it."""
    more = [
        SimpleUploadedFile("z.txt", ARTICLE_000.read_bytes(), content_type="text/plain"),
        SimpleUploadedFile("empty.txt", b"", content_type="text/plain"),
    ]
    with translation.override("ru"):
        job = jobs.ingest_start(by=cleo, uploads=uploads() + more, meta={"kind": "news"})
    with translation.override("en"):  # a worker process: the default language
        jobs.run(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.summary == "Загружено 2 файла, с ошибкой: 3."
    errors = {row["name"]: row["error"] for row in job.result["files"] if "error" in row}
    assert errors["empty.txt"] == "empty.txt: пуст"
    assert errors["c.pdf"] == "c.pdf: не является файлом .txt или .md"


def test_a_job_started_in_english_reports_in_english(cleo):
    with translation.override("en"):
        job = jobs.ingest_start(by=cleo, uploads=uploads(), meta={"kind": "news"})
    with translation.override("ru"):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert job.summary == "1 file ingested, 2 failed."


def test_span_and_link_messages_follow_the_active_language():
    text = "Prior notification of exercises."
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        curation.check_span(text, 3, 12, "")
    assert "начинается и заканчивается внутри слова" in error.value.messages[0]
    with translation.override("ru"):
        assert "Ничего не сохранено" in str(curation.LinkGone())
    with translation.override("en"), pytest.raises(ValidationError) as error:
        curation.check_span(text, None, None, "no such words")
    assert error.value.messages == ["The words “no such words” do not occur in this passage."]


def test_the_api_keeps_english_whatever_the_client_accepts(curator_client, settings):
    settings.CBM_INGEST_MAX_BYTES = 1_000
    response = curator_client.post(
        f"{API}/documents/",
        {"text": "Limits on drills. " * 100},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert response.json() == {
        "text": ["The text is 1,800 bytes, larger than the 1,000 bytes limit."]
    }


def test_the_russian_admin_names_a_files_outcome_and_a_jobs_state_in_russian(client, cleo):
    """An ingested file said 'created' / 'unchanged' on the Russian ingest and job pages, and
    a job's state was headed 'Государство' (a country: the actors' kind 'state')."""
    page = client.post(
        "/ru/admin/cbm/document/ingest/", {"files": uploads()[:1], "kind": "news"}
    ).content.decode()
    assert "создан: <a" in page and "created:" not in page
    with translation.override("ru"):
        job = jobs.ingest_start(by=cleo, uploads=uploads()[:1], meta={"kind": "news"})
        jobs.run(job.pk)
    page = client.get(f"/ru/admin/cbm/job/{job.pk}/change/").content.decode()
    assert "a.txt: без изменений «" in page and "unchanged" not in page
    listing = client.get("/ru/admin/cbm/job/").content.decode()
    assert "Состояние" in listing and "Государство" not in listing


def test_a_files_counts_read_well_in_english(client, cleo):
    """'(2 passages, 1 suggestions)': the counts are labelled, not pluralised by hand."""
    with translation.override("en"):
        job = jobs.ingest_start(by=cleo, uploads=uploads()[:1], meta={"kind": "news"})
        jobs.run(job.pk)
    page = client.get(f"/admin/cbm/job/{job.pk}/change/").content.decode()
    assert "(passages: " in page and "suggestions: " in page and " suggestions)" not in page


def test_the_russian_export_form_explains_bad_filters_in_russian(client, cleo):
    """The export form on /ru/admin/ named a bad filter in English ("x: unknown parameter; this
    list takes: …", "is empty: …", "… is not one of: …"); the API still answers in English."""
    url = "/ru/admin/cbm/job/export/"
    for filters, expected in [
        ("x=1", "x: неизвестный параметр; этот список принимает: actor,"),
        ("measure_type=", "measure_type: пусто: укажите значение или уберите параметр."),
        ("ordering=zz", "ordering: &#x27;zz&#x27; — не одно из: created_at,"),
    ]:
        response = client.post(url, {"name": "mentions", "filters": filters})
        assert response.status_code == 200 and not Job.objects.exists(), filters
        assert expected in response.content.decode(), filters
    answer = client.get(f"{API}/mentions/", {"x": "1"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 400
    assert answer.json()["x"].startswith("unknown parameter; this list takes: actor,")
