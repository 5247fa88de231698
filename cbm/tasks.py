"""The task queue's side of background jobs (django-tasks): one task that runs a Job by id.

Which backend runs it is a setting (CBM_TASK_BACKEND): in the process that queued it, or a
`manage.py db_worker` on any machine that shares the database and MEDIA_ROOT.
"""

from django.dispatch import receiver
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from . import jobs
from .models import Job


@task()
def run_job(job_id: int) -> str:
    return jobs.run(job_id)


@receiver(task_finished)
def record_failure(sender, task_result, **kwargs):
    """A task that failed before or outside cbm.jobs.run (the worker could not load the job,
    say) still leaves its job failed, with the error, never running forever."""
    if task_result.status != TaskResultStatus.FAILED or task_result.task.func is not run_job.func:
        return
    job_id = (task_result.args or [None])[0]
    unfinished = Job.objects.unfinished().filter(pk=job_id)
    if job_id is not None and unfinished.exists():
        errors = task_result.errors
        jobs.job_fail(job_id, errors[-1].traceback if errors else "the task failed")
