"""Admin: documents (ingest, re-run suggestions) and their passages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..documents import document_language_set, document_restore, document_withdraw
from ..forms import DocumentAdminForm, IngestForm, WithdrawalForm
from ..ingest import IngestError, check_size, ingest_bytes, outcome_label
from ..jobs import ingest_start, suggest_start
from ..models import (
    Citation,
    Document,
    Mention,
    Passage,
    Span,
)
from ..queries import count_of
from ..suggest import Matchers
from .history import ReadableHistoryAdmin
from .search import BoundedSearch

# More files than this in one upload are ingested by a background job.
INGEST_INLINE_FILES = 3

# -- documents and passages --------------------------------------------------------------------


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ["ordinal", "text", "start", "end"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class DateToCheckFilter(admin.SimpleListFilter):
    """Documents stored with a mistyped year (before 1900 or in the future) before such dates
    were refused: the public timelines leave them out until a curator corrects the date."""

    title = gettext_lazy("publication date")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("to-check", _("to be checked: before 1900 or in the future"))]

    def queryset(self, request, queryset):
        return queryset.date_to_check() if self.value() == "to-check" else queryset


@admin.register(Document)
class DocumentAdmin(ReadableHistoryAdmin):
    form = DocumentAdminForm
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_on",
        "passages",
        "accepted_links",
        "pending_mentions",
        "pending_citations",
        "withdrawn",
    ]
    list_filter = ["kind", "language", "published_on", DateToCheckFilter, "withdrawn"]
    date_hierarchy = "published_on"
    search_fields = ["title", "publisher", "url", "source_name"]
    fields = [
        "title",
        "kind",
        "publisher",
        "published_on",
        "url",
        "language",
        "source_name",
        "sha256",
        "created_at",
        "withdrawn",
        "withdrawal_reason",
    ]
    # Withdrawal has its own page (a reason is required, and kept in the history).
    readonly_fields = ["source_name", "sha256", "created_at", "withdrawn", "withdrawal_reason"]
    inlines = [PassageInline]
    actions = ["resuggest"]

    def get_queryset(self, request):
        in_document = {"passage__document": OuterRef("pk")}
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_passages=count_of(Passage, "document"),
                n_accepted=_link_count(in_document, status=Span.Status.ACCEPTED),
                n_pending_mentions=_link_count(
                    in_document, models=[Mention], status=Span.Status.PENDING
                ),
                n_pending_citations=_link_count(
                    in_document, models=[Citation], status=Span.Status.PENDING
                ),
            )
        )

    @admin.display(description=gettext_lazy("passages"), ordering="n_passages")
    def passages(self, obj):
        return obj.n_passages

    @admin.display(description=gettext_lazy("accepted links"), ordering="n_accepted")
    def accepted_links(self, obj):
        return obj.n_accepted

    # Each count links to its own queue: one count of both linked to the mentions showed a
    # document with only pending citations as "2" over an empty queue.
    @admin.display(description=gettext_lazy("pending mentions"), ordering="n_pending_mentions")
    def pending_mentions(self, obj):
        return _pending_link("admin:cbm_mention_changelist", obj.pk, obj.n_pending_mentions)

    @admin.display(description=gettext_lazy("pending citations"), ordering="n_pending_citations")
    def pending_citations(self, obj):
        return _pending_link("admin:cbm_citation_changelist", obj.pk, obj.n_pending_citations)

    @admin.action(
        description=gettext_lazy(
            "Re-run suggestions for the selected documents (in the background)"
        ),
        permissions=["change"],
    )
    def resuggest(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        job = suggest_start(by=request.user, documents=ids)
        url = reverse("admin:cbm_mention_changelist") + "?status__exact=pending"
        if len(ids) == 1:
            url = _pending_url("admin:cbm_mention_changelist", ids[0])
        self.message_user(
            request,
            format_html(
                ngettext(
                    '<a href="{}">{}</a> started for {} document. Then '
                    '<a href="{}">review the pending suggestions</a>.',
                    '<a href="{}">{}</a> started for {} documents. Then '
                    '<a href="{}">review the pending suggestions</a>.',
                    len(ids),
                ),
                job.get_absolute_url(),
                job,
                len(ids),
                url,
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "language" in form.changed_data:
            document_language_set(document=obj)

    def get_deleted_objects(self, objs, request):
        # Its passages and their links go with a document (the confirmation page lists them);
        # whoever may delete the document needs no separate permission for them.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def add_view(self, request, form_url="", extra_context=None):
        # A document is only ever made by ingest (its body, hash and passages belong
        # together): "Add" is the ingest page, where a text can be pasted or uploaded.
        return redirect("admin:cbm_document_ingest")

    def get_urls(self):
        ingest = path(
            "ingest/", self.admin_site.admin_view(self.ingest_view), name="cbm_document_ingest"
        )
        withdrawal = path(
            "<int:pk>/withdrawal/",
            self.admin_site.admin_view(self.withdrawal_view),
            name="cbm_document_withdrawal",
        )
        return [ingest, withdrawal, *super().get_urls()]

    def withdrawal_view(self, request, pk):
        """Withdraw a document from the public site (with a reason), or restore it."""
        document = get_object_or_404(Document, pk=pk)
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        form = WithdrawalForm(request.POST or None, withdrawing=not document.withdrawn)
        if request.method == "POST" and form.is_valid():
            service = document_restore if document.withdrawn else document_withdraw
            try:
                service(document=document, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                done = (
                    _("“%(document)s” is withdrawn from the public site.")
                    if document.withdrawn
                    else _("“%(document)s” is restored to the public site.")
                )
                self.message_user(request, done % {"document": document})
                return redirect("admin:cbm_document_change", document.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": document,
            "title": (_("Restore “%s”") if document.withdrawn else _("Withdraw “%s”")) % document,
            "form": form,
        }
        return render(request, "admin/cbm/document/withdrawal.html", context)

    def ingest_view(self, request):
        """Upload .txt/.md files; the same ingest service as the command, file by file."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        results = []
        form = IngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            meta = form.metadata()
            uploads = form.cleaned_data["files"]
            if len(uploads) > INGEST_INLINE_FILES:  # many files: a job, each file's outcome kept
                job = ingest_start(by=request.user, uploads=uploads, meta=meta)
                self.message_user(
                    request,
                    _("%(job)s started for %(count)d files.") % {"job": job, "count": len(uploads)},
                )
                return redirect("admin:cbm_job_change", job.pk)
            matcher = Matchers()
            for upload in uploads:
                results.append(self._ingest_upload(upload, meta, matcher))
            if form.cleaned_data["text"]:
                results.append(self._ingest_text(form.cleaned_data["text"], meta, matcher))
            failed = sum(1 for r in results if r["error"])
            level = messages.WARNING if failed else messages.SUCCESS
            message = ngettext(
                "%(ingested)d file ingested, %(failed)d failed.",
                "%(ingested)d files ingested, %(failed)d failed.",
                len(results) - failed,
            )
            self.message_user(
                request, message % {"ingested": len(results) - failed, "failed": failed}, level
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Ingest documents"),
            "form": form,
            "results": results,
            "max_bytes": form.max_bytes,
        }
        return render(request, "admin/cbm/document/ingest.html", context)

    def _ingest_text(self, text, meta, matcher):
        try:
            result = ingest_bytes(text.encode("utf-8"), matcher=matcher, **meta)
        except IngestError as error:
            return self._row(
                _("pasted text"), error=_("The pasted text %(error)s") % {"error": error}
            )
        return self._row(_("pasted text"), result)

    def _row(self, name, result=None, error=""):
        row = {"name": name, "error": error, "document": None, "outcome": "", "passages": 0}
        row["suggestions"] = 0
        if result is not None:
            row.update(
                document=result.document,
                outcome=outcome_label(result.outcome),
                passages=result.passages,
                suggestions=result.suggestions,
                # Its suggestions are mentions and citations: a link to each queue.
                pending_url=_pending_url("admin:cbm_mention_changelist", result.document.pk),
                pending_citations_url=_pending_url(
                    "admin:cbm_citation_changelist", result.document.pk
                ),
            )
        return row

    def _ingest_upload(self, upload, meta, matcher):
        try:
            if not upload.name.lower().endswith((".txt", ".md")):
                raise IngestError(_("is not a .txt or .md file"))
            check_size(upload.size)  # before reading it into memory
            data = b"".join(upload.chunks())
            result = ingest_bytes(data, source_name=upload.name, matcher=matcher, **meta)
        except IngestError as error:
            return self._row(upload.name, error=f"{upload.name}: {error}")
        return self._row(upload.name, result)


def _pending_url(queue: str, document: int) -> str:
    """A review queue narrowed to one document's pending suggestions."""
    return reverse(queue) + f"?passage__document__id__exact={document}&status__exact=pending"


def _pending_link(queue: str, document: int, count: int):
    return format_html('<a href="{}">{}</a>', _pending_url(queue, document), count)


def _link_count(outer, models=(Mention, Citation), **filters):
    """Mentions plus citations (or those of `models`) of the outer document, as one expression."""
    total = Value(0)
    for model in models:
        rows = model.objects.filter(**outer, **filters).order_by().values("passage__document")
        counted = rows.annotate(n=Count("pk")).values("n")
        total = total + Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    return total


@admin.register(Passage)
class PassageAdmin(BoundedSearch, admin.ModelAdmin):
    """Passages are what ingest made of a document: read them here, never edit them."""

    list_display = ["__str__", "ordinal", "excerpt"]
    list_filter = ["document__kind"]
    list_select_related = ["document"]
    search_fields = ["text", "document__title"]
    readonly_fields = ["document", "ordinal", "start", "end", "text"]
    fields = readonly_fields

    @admin.display(description=gettext_lazy("text"))
    def excerpt(self, obj):
        return obj.text[:160] + ("…" if len(obj.text) > 160 else "")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
