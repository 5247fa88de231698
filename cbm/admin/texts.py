"""Admin: documents (ingest, re-run suggestions) and their passages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ..forms import IngestForm
from ..ingest import IngestError, check_size, ingest_bytes
from ..models import (
    Citation,
    Document,
    Mention,
    Passage,
    Span,
)
from ..queries import count_of
from ..suggest import build_matcher, suggest

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


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_on",
        "passages",
        "accepted_links",
        "pending_links",
    ]
    list_filter = ["kind", "language", "published_on"]
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
    ]
    readonly_fields = ["source_name", "sha256", "created_at"]
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
                n_pending=_link_count(in_document, status=Span.Status.PENDING),
            )
        )

    @admin.display(description="passages", ordering="n_passages")
    def passages(self, obj):
        return obj.n_passages

    @admin.display(description="accepted links", ordering="n_accepted")
    def accepted_links(self, obj):
        return obj.n_accepted

    @admin.display(description="pending links", ordering="n_pending")
    def pending_links(self, obj):
        url = (
            reverse("admin:cbm_mention_changelist")
            + f"?passage__document__id__exact={obj.pk}&status__exact=pending"
        )
        return format_html('<a href="{}">{}</a>', url, obj.n_pending)

    @admin.action(
        description="Re-run suggestions for the selected documents", permissions=["change"]
    )
    def resuggest(self, request, queryset):
        result = suggest(Passage.objects.filter(document__in=queryset), matcher=build_matcher())
        self.message_user(request, f"Suggestions: {result}")

    def get_urls(self):
        ingest = path(
            "ingest/", self.admin_site.admin_view(self.ingest_view), name="cbm_document_ingest"
        )
        return [ingest, *super().get_urls()]

    def ingest_view(self, request):
        """Upload .txt/.md files; the same ingest service as the command, file by file."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        results = []
        form = IngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            meta = form.metadata()
            matcher = build_matcher()
            for upload in form.cleaned_data["files"]:
                results.append(self._ingest_upload(upload, meta, matcher))
            failed = sum(1 for r in results if r["error"])
            level = messages.WARNING if failed else messages.SUCCESS
            self.message_user(
                request, f"{len(results) - failed} file(s) ingested, {failed} failed.", level
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Ingest documents",
            "form": form,
            "results": results,
            "max_bytes": form.max_bytes,
        }
        return render(request, "admin/cbm/document/ingest.html", context)

    def _ingest_upload(self, upload, meta, matcher):
        row = {
            "name": upload.name,
            "error": "",
            "document": None,
            "outcome": "",
            "passages": 0,
            "suggestions": 0,
        }
        try:
            if not upload.name.lower().endswith((".txt", ".md")):
                raise IngestError("is not a .txt or .md file")
            check_size(upload.size)  # before reading it into memory
            data = b"".join(upload.chunks())
            result = ingest_bytes(data, source_name=upload.name, matcher=matcher, **meta)
        except IngestError as error:
            row["error"] = f"{upload.name}: {error}"
            return row
        row.update(
            document=result.document,
            outcome=result.outcome,
            passages=result.passages,
            suggestions=result.suggestions,
        )
        return row


def _link_count(outer, **filters):
    """Mentions plus citations of the outer document, as one expression."""
    total = Value(0)
    for model in (Mention, Citation):
        rows = model.objects.filter(**outer, **filters).order_by().values("passage__document")
        counted = rows.annotate(n=Count("pk")).values("n")
        total = total + Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    return total


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    """Passages are what ingest made of a document: read them here, never edit them."""

    list_display = ["__str__", "ordinal", "excerpt"]
    list_filter = ["document__kind"]
    list_select_related = ["document"]
    search_fields = ["text", "document__title"]
    readonly_fields = ["document", "ordinal", "start", "end", "text"]
    fields = readonly_fields

    @admin.display(description="text")
    def excerpt(self, obj):
        return obj.text[:160] + ("…" if len(obj.text) > 160 else "")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
