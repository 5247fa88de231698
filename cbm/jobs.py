"""Background jobs: start one, run it, re-run it. The work itself is done by the services that
own each rule (cbm.suggest, cbm.positions, cbm.ingest, the CSV export); a job only feeds them
its parameters, counts progress and records the outcome on its Job row.

Jobs go through the task queue (cbm.tasks, django-tasks) once the transaction that created
them commits, so a worker never sees a job whose row is not there yet. Whatever happens in a
job, its row ends done or failed with a message: an exception is recorded as its error.
"""

import datetime
import re
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .ingest import IngestError, check_size, ingest_bytes
from .models import Citation, Document, Job, Mention, Passage, Term
from .positions import suggest_positions
from .suggest import Matchers, SuggestResult, build_matcher, suggest
from .unmatched import not_matched_summary, skipped_rows, unique

# The rights a user needs to start each kind of job, besides cbm.add_job.
START_PERMISSIONS = {
    Job.Kind.SUGGEST: ("cbm.change_mention", "cbm.change_citation"),
    Job.Kind.INGEST: ("cbm.add_document",),
    Job.Kind.EXPORT: (),
}
UPLOADS = "jobs/uploads"
BATCH = 2000


def can_start(user, kind: str) -> bool:
    return bool(user.is_authenticated and user.has_perms(("cbm.add_job", *START_PERMISSIONS[kind])))


def job_start(*, kind: str, by, params: dict, rerun_of: Job | None = None) -> Job:
    """Record a job and queue it, to run once the current transaction commits. The language
    of the page that started it is kept, so its summary and messages are written in it (a job
    started under /ru/admin/ reports in Russian; the API's and the commands' in English)."""
    if not can_start(by, kind):
        raise PermissionDenied
    params = {**params, "ui_language": translation.get_language() or settings.LANGUAGE_CODE}
    job = Job.objects.create(kind=kind, params=params, started_by=by, rerun_of=rerun_of)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_job

    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def job_rerun(*, job: Job, by) -> Job:
    """The same work again, as a new job (the old one keeps its outcome)."""
    return job_start(kind=job.kind, by=by, params=job.params, rerun_of=job)


def suggest_start(
    *,
    by,
    documents: list[int] | None = None,
    terms: list[Term] | None = None,
) -> Job:
    """Re-run suggestions over the corpus, some documents, or where terms' targets are at stake."""
    params: dict = {}
    if documents is not None:
        params["documents"] = sorted(documents)
    if terms is not None:
        targets = {"measure_type": set(), "instrument": set(), "actor": set()}
        for term in terms:
            for kind in targets:
                if (target := getattr(term, f"{kind}_id")) is not None:
                    targets[kind].add(target)
        params["targets"] = {kind: sorted(ids) for kind, ids in targets.items() if ids}
        params["terms"] = sorted(term.pk for term in terms)
    return job_start(kind=Job.Kind.SUGGEST, by=by, params=params)


def ingest_start(*, by, uploads, meta: dict) -> Job:
    """Keep the uploaded files (where every worker reads them) and queue their ingest."""
    folder = f"{UPLOADS}/{timezone.now():%Y%m%d%H%M%S}-{by.pk}"
    files = []
    for upload in uploads:
        name = PurePosixPath(upload.name).name
        path = default_storage.save(f"{folder}/{get_valid_filename(name) or 'file'}", upload)
        files.append({"name": name, "path": path})
    meta = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in meta.items()}
    return job_start(kind=Job.Kind.INGEST, by=by, params={"files": files, "meta": meta})


def export_start(*, by, name: str, filters: dict, base_url: str) -> Job:
    params = {"name": name, "filters": filters, "base_url": base_url}
    return job_start(kind=Job.Kind.EXPORT, by=by, params=params)


# -- running -------------------------------------------------------------------------------------


class Progress:
    """Counts work done and writes it to the job row, at most every `every` seconds."""

    def __init__(self, job: Job, total: int | None, every: float = 0.5):
        self.job_id, self.done, self.every, self.written = job.pk, 0, every, 0.0
        Job.objects.filter(pk=self.job_id).update(done=0, total=total)

    def __call__(self, n: int) -> None:
        self.done += n
        if time.monotonic() - self.written >= self.every:
            self.flush()

    def flush(self, total: int | None = None) -> None:
        fields = {"done": self.done} if total is None else {"done": self.done, "total": total}
        Job.objects.filter(pk=self.job_id).update(**fields)
        self.written = time.monotonic()


def run(job_id: int) -> str:
    """Run a queued job to its end; returns its summary. An error is recorded, then raised
    again so the task queue records it too."""
    job = Job.objects.get(pk=job_id)
    job.state, job.started_at, job.error = Job.State.RUNNING, timezone.now(), ""
    job.save(update_fields=["state", "started_at", "error"])
    try:
        with translation.override(job.params.get("ui_language") or settings.LANGUAGE_CODE):
            summary, result = WORK[job.kind](job)
    except BaseException as error:  # a worker stopped mid-job is recorded too
        job_fail(job_id, error)
        raise
    Job.objects.filter(pk=job_id).update(
        state=Job.State.DONE, finished_at=timezone.now(), summary=summary, result=result
    )
    return summary


def job_fail(job_id: int, error: BaseException | str) -> None:
    """Record a job as failed, with the error's message (and the traceback's last frames)."""
    if isinstance(error, BaseException):
        message = f"{type(error).__name__}: {error}".rstrip(": ")
        detail = "".join(traceback.format_exception(error, limit=-5))
        message = f"{message}\n\n{detail}"
    else:
        message = error
    Job.objects.filter(pk=job_id).update(
        state=Job.State.FAILED, finished_at=timezone.now(), error=message or "failed"
    )


def _suggest(job: Job) -> tuple[str, dict]:
    params = job.params
    passages = Passage.objects.all()
    if params.get("documents") is not None:
        passages = passages.filter(document__in=params["documents"])
    progress = Progress(job, passages.count())
    matcher = Matchers()
    targets = params.get("targets")
    if targets and not targets.get("actor"):
        result, documents = _suggest_targets(passages, matcher, targets, params, progress)
    else:  # an actor's terms only change positions, which are found document by document
        result = suggest(passages, matcher=matcher, progress=progress, batch_size=BATCH)
        documents = Document.objects.filter(pk__in=passages.values("document_id"))
    progress.flush()
    positions = suggest_positions(documents)
    summary = ngettext(
        "%(n)s active term; %(result)s Positions: %(positions)s",
        "%(n)s active terms; %(result)s Positions: %(positions)s",
        matcher.term_count,
    ) % {"n": matcher.term_count, "result": result, "positions": positions}
    counts = {k: getattr(result, k) for k in ("passages", "created", "kept", "withdrawn")}
    skipped = unique([*matcher.skipped, *result.skipped, *positions.skipped])
    if skipped:  # named in the job's page (JobAdmin.not_matched)
        summary = f"{summary} {not_matched_summary(skipped)}"
        counts["skipped"] = [row.as_dict() for row in skipped]
    return summary, counts


def _suggest_targets(passages, matcher, targets, params, progress: Callable[[int], None]):
    """Suggest only in passages where these targets are at stake: a term of theirs matches,
    or they have an untouched suggestion (which the term's edit may withdraw). Elsewhere the
    full run would change nothing, so the result is the same, for less work."""
    mine = Term.objects.active().for_links()
    mine = mine.filter(
        Q(measure_type__in=targets.get("measure_type", []))
        | Q(instrument__in=targets.get("instrument", []))
    )
    # Each passage is matched with the terms of its own language, as the full run does.
    finders = {
        language: build_matcher(mine.filter(language=language), language=language)
        for language in set(mine.values_list("language", flat=True))
    }
    terms = params.get("terms", [])
    stakes = [
        Mention.objects.undecided().filter(
            Q(measure_type__in=targets.get("measure_type", [])) | Q(term__in=terms)
        ),
        Citation.objects.undecided().filter(
            Q(instrument__in=targets.get("instrument", [])) | Q(term__in=terms)
        ),
    ]
    total, touched, last_pk = SuggestResult(), set(), 0
    rows = passages.order_by("pk").values_list("pk", "text", "document_id", "language")
    while batch := list(rows.filter(pk__gt=last_pk)[:BATCH]):
        last_pk = batch[-1][0]
        ids = [pk for pk, *_ in batch]
        hits = {
            pk
            for pk, text, _document, language in batch
            if language in finders and finders[language].find_merged(text)
        }
        for links in stakes:
            hits.update(links.filter(passage__in=ids).values_list("passage_id", flat=True))
        if hits:
            total.add(suggest(Passage.objects.filter(pk__in=hits), matcher=matcher))
            touched.update(document for pk, _text, document, _lang in batch if pk in hits)
        progress(len(batch))
    total.passages = progress.done
    total.skipped = unique(
        row for finder in finders.values() for row in skipped_rows(finder.skipped, "term")
    )
    return total, Document.objects.filter(pk__in=touched)


def _ingest(job: Job) -> tuple[str, dict]:
    files, meta = job.params["files"], dict(job.params.get("meta", {}))
    if meta.get("published_on"):
        meta["published_on"] = datetime.date.fromisoformat(meta["published_on"])
    progress = Progress(job, len(files), every=0)
    matcher = Matchers()
    outcomes = []
    for entry in files:
        name = entry["name"]
        try:
            if not name.lower().endswith((".txt", ".md")):
                raise IngestError(_("is not a .txt or .md file"))
            check_size(default_storage.size(entry["path"]))
            with default_storage.open(entry["path"], "rb") as handle:
                data = handle.read()
            done = ingest_bytes(data, source_name=name, matcher=matcher, **meta)
        except IngestError as error:
            outcomes.append({"name": name, "error": f"{name}: {error}"})
        except FileNotFoundError:
            error = _("the uploaded file is gone")
            outcomes.append({"name": name, "error": f"{name}: {error}"})
        else:
            outcomes.append(
                {
                    "name": name,
                    "document": done.document.pk,
                    "title": done.document.title,
                    "outcome": done.outcome,
                    "passages": done.passages,
                    "suggestions": done.suggestions,
                }
            )
        progress(1)
    failed = sum(1 for row in outcomes if "error" in row)
    ingested = len(outcomes) - failed
    summary = ngettext(
        "%(ingested)d file ingested, %(failed)d failed.",
        "%(ingested)d files ingested, %(failed)d failed.",
        ingested,
    ) % {"ingested": ingested, "failed": failed}
    return summary, {"files": outcomes}


def _export(job: Job) -> tuple[str, dict]:
    params = job.params
    progress = Progress(job, None)
    # Written to a temporary file first, then moved to storage: never held in memory.
    with tempfile.TemporaryFile() as scratch:
        rows = write_export(
            params["name"],
            params.get("filters", {}),
            _Counting(scratch, progress),
            base_url=params["base_url"],
            user=job.started_by,
        )
        scratch.seek(0)
        filename = f"cbm-{get_valid_filename(params['name'])}-job{job.pk}.csv"
        job.file.save(filename, File(scratch), save=False)
    Job.objects.filter(pk=job.pk).update(file=job.file.name, done=rows, total=rows)
    return f"{rows:,} rows exported.", {"rows": rows, "file": job.file.name}


class _Counting:
    """A binary file that counts the lines written to it as progress."""

    def __init__(self, file, progress: Progress):
        self.file, self.progress = file, progress

    def write(self, block: bytes) -> int:
        self.progress(block.count(b"\n"))
        return self.file.write(block)


def write_export(name: str, filters: dict, file, *, base_url: str, user=None) -> int:
    """Write API list `name`'s CSV export with `filters` to `file`; returns the row count.

    A thin adapter: cbm.exports.write_csv (the fast export service) when it exists, else the
    API's own streamed CSV, read through the view as `user` sees it.
    """
    try:
        from .exports import write_csv  # type: ignore[import-not-found]
    except ImportError:
        write_csv = _write_csv_through_api
    return write_csv(name, filters, file, base_url=base_url, user=user)


def _write_csv_through_api(name: str, filters: dict, file, *, base_url: str, user=None) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve, reverse

    from .api.urls import router

    basenames = {prefix: basename for prefix, _, basename in router.registry}
    if name not in basenames:
        raise ValueError(f"no export named {name!r}; one of {', '.join(sorted(basenames))}")
    path = reverse(f"api:{basenames[name]}-list")
    host = re.sub(r"^https?://", "", base_url).split("/")[0]
    request = RequestFactory().get(
        path, {**filters, "format": "csv"}, HTTP_HOST=host, secure=base_url.startswith("https")
    )
    request.user = user or AnonymousUser()
    response = resolve(path).func(request)
    if response.status_code != 200 or not response.streaming:
        body = response.rendered_content if hasattr(response, "rendered_content") else b""
        raise ValueError(f"export {name!r} refused ({response.status_code}): {body[:300]!r}")
    lines = 0
    for block in response.streaming_content:
        file.write(block)
        lines += 1  # the API's CSV yields one row per block
    return max(lines - 1, 0)  # less the header


WORK = {Job.Kind.SUGGEST: _suggest, Job.Kind.INGEST: _ingest, Job.Kind.EXPORT: _export}
