"""Background jobs (cbm.jobs): the Job table, and the Curators group's right to start jobs
(add) and see them and their files (view). A new table only: no span-trigger table is rebuilt."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cbm.migrations import _curators as curators

CURATOR_RIGHTS = ["view_job", "add_job"]


def grant_curators(apps, schema_editor):
    curators.grant(apps, CURATOR_RIGHTS)


def revoke_curators(apps, schema_editor):
    curators.revoke(apps, CURATOR_RIGHTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0012_merge_withdrawn_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("suggest", "re-run suggestions"),
                            ("ingest", "ingest files"),
                            ("export", "CSV export"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("running", "running"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        db_index=True,
                        default="queued",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                (
                    "params",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="What the job works on.",
                        verbose_name="parameters",
                    ),
                ),
                ("done", models.PositiveBigIntegerField(default=0, verbose_name="done")),
                (
                    "total",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="Empty while not known.",
                        null=True,
                        verbose_name="total",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="queued at")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started at"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                ("summary", models.TextField(blank=True, verbose_name="result")),
                (
                    "result",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="Counts, and each file's outcome.",
                        verbose_name="details",
                    ),
                ),
                ("error", models.TextField(blank=True, verbose_name="error")),
                (
                    "file",
                    models.FileField(
                        blank=True, max_length=300, upload_to="jobs/exports/", verbose_name="file"
                    ),
                ),
                (
                    "task_id",
                    models.CharField(
                        blank=True,
                        help_text="The task queue's id for the run.",
                        max_length=64,
                        verbose_name="task id",
                    ),
                ),
                (
                    "rerun_of",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reruns",
                        to="cbm.job",
                        verbose_name="re-run of",
                    ),
                ),
                (
                    "started_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="started by",
                    ),
                ),
            ],
            options={
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["suggest", "ingest", "export"])),
                        name="job_kind_valid",
                        violation_error_message="A job is one of: re-run suggestions, ingest files, export.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("state__in", ["queued", "running", "done", "failed"])),
                        name="job_state_valid",
                        violation_error_message="A job's state is one of: queued, running, done, failed.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("error", ""), ("state", "failed"), _negated=True),
                        name="job_failed_has_error",
                        violation_error_message="A failed job must say why (its error cannot be empty).",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_curators, revoke_curators),
    ]
