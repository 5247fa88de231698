"""Admin: background jobs — their progress and outcome, re-runs, exports and their files."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import exports
from ..ingest import outcome_label
from ..jobs import can_start, export_start, job_rerun
from ..models import Cue, Job
from ..unmatched import Skipped
from .search import BoundedSearch
from .selection import CheckedSelection

EXPORTS = [
    ("mentions", gettext_lazy("mentions")),
    ("citations", gettext_lazy("citations")),
    ("passages", gettext_lazy("passages")),
    ("positions", gettext_lazy("positions")),
    ("measure-types", gettext_lazy("measure types")),
]


class ExportForm(forms.Form):
    name = forms.ChoiceField(label=gettext_lazy("list"), choices=EXPORTS)
    filters = forms.CharField(
        required=False,
        max_length=2000,
        label=gettext_lazy("filters"),
        help_text=gettext_lazy(
            "The list's API filters as a query string, e.g. measure_type=exercise-caps"
            "&published_after=2020-01-01. Empty: every row."
        ),
    )

    def __init__(self, *args, user=None, base_url="/", **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.base_url = user, base_url  # (the site's address, as the job has it)

    def clean_filters(self):
        from django.http import QueryDict

        query = QueryDict(self.cleaned_data["filters"].lstrip("?"))
        return exports.export_filters({key: query.getlist(key)[-1] for key in query})

    def clean(self):
        data = super().clean()
        if "name" in data and "filters" in data:
            # Refused now, in the form, rather than by the job after it started.
            errors = exports.filter_errors(
                data["name"], data["filters"], user=self.user, base_url=self.base_url
            )
            if errors:
                self.add_error("filters", errors)
        return data


# The admin page of each kind of row a suggest run may leave out (cbm.unmatched.WHAT).
_CHANGE_PAGES = {
    "term": "admin:cbm_term_change",
    "stance cue": "admin:cbm_stancecue_change",
    "cue": "admin:cbm_cue_change",
    "actor name": "admin:cbm_actor_change",
}


def _not_matched_item(row: dict):
    """One row a run left out: what it is, linked to where a curator corrects it, and why."""
    text = str(Skipped(**{k: row.get(k) for k in ("what", "id", "text", "reason")}))
    page = _CHANGE_PAGES.get(row.get("what"))
    if row.get("what") == "cue" and row.get("id") is not None:
        cue_list = Cue.objects.filter(pk=row["id"]).values_list("cue_list_id", flat=True).first()
        page, row = "admin:cbm_cuelist_change", {**row, "id": cue_list}
    if page is None or not isinstance(row.get("id"), int):
        return text
    try:
        url = reverse(page, args=[row["id"]])
    except NoReverseMatch:
        return text
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(Job)
class JobAdmin(BoundedSearch, CheckedSelection, admin.ModelAdmin):
    list_display = [
        "__str__",
        "state",
        "progress",
        "started_by",
        "created_at",
        "finished_at",
        "outcome",
        "download",
    ]
    list_filter = ["kind", "state"]
    list_select_related = ["started_by"]
    search_fields = ["summary", "error"]
    date_hierarchy = "created_at"
    fields = [
        "kind",
        "state",
        "progress",
        "started_by",
        "params",
        "created_at",
        "started_at",
        "finished_at",
        "summary",
        "not_matched",
        "files",
        "error",
        "download",
        "rerun_of",
        "task_id",
    ]
    readonly_fields = fields
    actions = ["rerun"]

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, obj):
        if obj.total is None:
            return _("%(done)s so far") % {"done": f"{obj.done:,}"} if obj.done else "–"
        # <progress> needs no inline style (the CSP forbids it).
        return format_html(
            '<progress value="{}" max="{}"></progress> {}',
            obj.done,
            obj.total or 1,
            _("%(done)s of %(total)s") % {"done": f"{obj.done:,}", "total": f"{obj.total:,}"},
        )

    @admin.display(description=gettext_lazy("result or error"))
    def outcome(self, obj):
        if obj.state == Job.State.FAILED:
            return format_html('<span class="errornote">{}</span>', obj.error.split("\n")[0])
        return obj.summary

    @admin.display(description=gettext_lazy("cannot be matched"))
    def not_matched(self, obj):
        """The terms and cues a suggest run left out, each linked to its admin page."""
        rows = obj.result.get("skipped") if isinstance(obj.result, dict) else None
        if not rows:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((_not_matched_item(row),) for row in rows if isinstance(row, dict)),
            ),
        )

    @admin.display(description=gettext_lazy("files"))
    def files(self, obj):
        rows = obj.result.get("files") if isinstance(obj.result, dict) else None
        if not rows:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                (
                    (
                        row["error"]
                        if "error" in row
                        else _(
                            "%(name)s: %(outcome)s “%(title)s” (passages: %(passages)s, "
                            "suggestions: %(suggestions)s)"
                        )
                        % {**row, "outcome": outcome_label(row.get("outcome", ""))},
                    )
                    for row in rows
                ),
            ),
        )

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj):
        if obj.state != Job.State.DONE or not obj.file:
            return "–"
        url = reverse("admin:cbm_job_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("download CSV"))

    def has_add_permission(self, request):
        return False  # jobs are started from what they work on (actions, ingest, export)

    def has_change_permission(self, request, obj=None):
        return False

    def has_start_permission(self, request):
        return request.user.has_perm("cbm.add_job")

    @admin.action(description=gettext_lazy("Re-run the selected jobs"), permissions=["start"])
    def rerun(self, request, queryset):
        started = []
        for job in queryset:
            if not can_start(request.user, job.kind):
                self.message_user(
                    request, _("You may not start %(job)s.") % {"job": job}, messages.ERROR
                )
                continue
            started.append(str(job_rerun(job=job, by=request.user)))
        if started:
            self.message_user(request, _("Started again: %(jobs)s.") % {"jobs": ", ".join(started)})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/download/", view(self.download_view), name="cbm_job_download"),
            path("export/", view(self.export_view), name="cbm_job_export"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        """A finished export's file, to curators who may see jobs; nobody else."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(Job, pk=pk, state=Job.State.DONE)
        if not job.file:
            raise Http404(_("This job has no file."))
        try:
            handle = job.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("The file is gone; re-run the job.")) from None
        name = job.file.name.rsplit("/", 1)[-1]
        return FileResponse(handle, as_attachment=True, filename=name, content_type="text/csv")

    def export_view(self, request):
        """Start a CSV export of an API list in the background."""
        if not can_start(request.user, Job.Kind.EXPORT):
            raise PermissionDenied
        base_url = request.build_absolute_uri("/")
        form = ExportForm(request.POST or None, user=request.user, base_url=base_url)
        if request.method == "POST" and form.is_valid():
            job = export_start(
                by=request.user,
                name=form.cleaned_data["name"],
                filters=form.cleaned_data["filters"],
                base_url=base_url,
            )
            self.message_user(
                request, _("%(job)s started: its file is linked here when done.") % {"job": job}
            )
            return redirect("admin:cbm_job_change", job.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Export a list as CSV"),
            "form": form,
        }
        return render(request, "admin/cbm/job/export.html", context)


def confirm_suggest(admin_view, request, *, title: str, what: str, start):
    """A confirmation page for re-running suggestions (a POST starts the job)."""
    if request.method == "POST":
        job = start()
        admin_view.message_user(
            request, _("%(job)s started for %(what)s.") % {"job": job, "what": what}
        )
        return redirect("admin:cbm_job_change", job.pk)
    context = {
        **admin_view.admin_site.each_context(request),
        "opts": admin_view.model._meta,
        "title": title,
        "what": what,
    }
    return TemplateResponse(request, "admin/cbm/job/confirm_suggest.html", context)
