"""Long work done in the background (cbm.jobs): what was asked, by whom, how far it got and
how it ended. The task queue (django-tasks) only carries a job's id; this row is the record
curators read in the admin, whatever backend ran it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])


class Job(models.Model):
    class Kind(models.TextChoices):
        SUGGEST = "suggest", _("re-run suggestions")
        INGEST = "ingest", _("ingest files")
        EXPORT = "export", _("CSV export")

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(
        pgettext_lazy("job", "state"),
        max_length=16,
        choices=State.choices,
        default=State.QUEUED,
        db_index=True,
    )
    params = models.JSONField(
        _("parameters"), default=dict, blank=True, help_text=_("What the job works on.")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(
        _("total"), null=True, blank=True, help_text=_("Empty while not known.")
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    summary = models.TextField(_("result"), blank=True)
    result = models.JSONField(
        _("details"), default=dict, blank=True, help_text=_("Counts, and each file's outcome.")
    )
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="jobs/exports/", blank=True, max_length=300)
    task_id = models.CharField(
        _("task id"), max_length=64, blank=True, help_text=_("The task queue's id for the run.")
    )
    rerun_of = models.ForeignKey(
        "self",
        verbose_name=_("re-run of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reruns",
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="job_kind_valid",
                condition=models.Q(kind__in=["suggest", "ingest", "export"]),
                violation_error_message="A job is one of: re-run suggestions, ingest files, export.",
            ),
            models.CheckConstraint(
                name="job_state_valid",
                condition=models.Q(state__in=["queued", "running", "done", "failed"]),
                violation_error_message="A job's state is one of: queued, running, done, failed.",
            ),
            # A failed job always says why.
            models.CheckConstraint(
                name="job_failed_has_error",
                condition=~models.Q(state="failed", error=""),
                violation_error_message="A failed job must say why (its error cannot be empty).",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:cbm_job_change", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
