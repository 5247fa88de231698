"""The curators' workspace: the taxonomy and lexicon, instruments, documents, and the review
queue of suggested links. Every decision on a link goes through cbm.curation."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import curation
from .forms import IngestForm
from .highlight import highlight_excerpt
from .ingest import IngestError, check_size, ingest_bytes
from .models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    LegalBasis,
    MeasureType,
    Mention,
    Passage,
    Provision,
    Span,
    Term,
    Threshold,
)
from .queries import count_of
from .suggest import build_matcher, suggest

admin.site.site_header = "CBM Registry curation"
admin.site.site_title = "CBM Registry"
admin.site.index_title = "Curation"


# -- the taxonomy and its lexicon ---------------------------------------------------------------


class TermInline(admin.TabularInline):
    model = Term
    fields = ["kind", "text", "near", "window", "is_active"]
    extra = 0
    show_change_link = True


class MeasureTypeTermInline(TermInline):
    fk_name = "measure_type"


class InstrumentTermInline(TermInline):
    fk_name = "instrument"


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    fields = ["measure_type", "provision", "note"]
    autocomplete_fields = ["measure_type", "provision"]
    extra = 0
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "order", "measure_types"]
    list_editable = ["order"]
    list_filter: list = []
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_types=count_of(MeasureType, "category"))

    @admin.display(description="measure types", ordering="n_types")
    def measure_types(self, obj):
        return obj.n_types


@admin.register(MeasureType)
class MeasureTypeAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "slug",
        "category",
        "parent",
        "terms",
        "legal_bases",
        "accepted_mentions",
    ]
    list_filter = ["category", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["category", "parent"]
    search_fields = ["name", "slug", "definition"]
    autocomplete_fields = ["category", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "category", "parent", "definition", "scope_note", "order"]
    inlines = [MeasureTypeTermInline, LegalBasisInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_terms=count_of(Term, "measure_type", is_active=True),
                n_bases=count_of(LegalBasis, "measure_type"),
                n_accepted=count_of(Mention, "measure_type", status=Span.Status.ACCEPTED),
            )
        )

    @admin.display(description="active terms", ordering="n_terms")
    def terms(self, obj):
        return obj.n_terms

    @admin.display(description="legal bases", ordering="n_bases")
    def legal_bases(self, obj):
        return obj.n_bases

    @admin.display(description="accepted mentions", ordering="n_accepted")
    def accepted_mentions(self, obj):
        return obj.n_accepted


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "near", "window", "target", "is_active"]
    list_filter = [
        "kind",
        "is_active",
        "measure_type__category",
        ("instrument", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["measure_type", "instrument"]
    search_fields = ["text", "near", "measure_type__name", "instrument__short_name"]
    autocomplete_fields = ["measure_type", "instrument"]
    fields = ["measure_type", "instrument", "kind", "text", "near", "window", "is_active", "note"]
    actions = ["deactivate"]

    @admin.display(description="signals")
    def target(self, obj):
        return obj.target

    @admin.action(
        description="Deactivate selected terms (keeps them and their history)",
        permissions=["change"],
    )
    def deactivate(self, request, queryset):
        count = 0
        for term in queryset.filter(is_active=True):
            term.is_active = False
            term.save()
            count += 1
        self.message_user(
            request,
            f"{count} term(s) deactivated. Run suggestions again to withdraw what they alone proposed.",
        )


# -- instruments -------------------------------------------------------------------------------


class ProvisionInline(admin.TabularInline):
    model = Provision
    fields = ["label", "title", "order"]
    extra = 0
    show_change_link = True


class ThresholdInline(admin.TabularInline):
    model = Threshold
    fields = ["quantity", "comparison", "value", "unit", "cited_as", "verified"]
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "status", "signed_on", "in_force_on", "ended_on", "slug"]
    list_filter = ["kind", "status"]
    search_fields = ["short_name", "title", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["parties"]
    inlines = [ProvisionInline, InstrumentTermInline]


@admin.register(Provision)
class ProvisionAdmin(SimpleHistoryAdmin):
    list_display = ["label", "title", "instrument", "order"]
    list_filter = [("instrument", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["instrument"]
    search_fields = ["label", "title", "summary", "instrument__short_name"]
    autocomplete_fields = ["instrument"]
    inlines = [LegalBasisInline]


@admin.register(LegalBasis)
class LegalBasisAdmin(SimpleHistoryAdmin):
    list_display = ["measure_type", "provision", "note"]
    list_filter = [
        "measure_type__category",
        ("provision__instrument", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["measure_type", "provision__instrument"]
    search_fields = ["measure_type__name", "provision__label", "provision__instrument__short_name"]
    autocomplete_fields = ["measure_type", "provision"]
    inlines = [ThresholdInline]


@admin.register(Threshold)
class ThresholdAdmin(SimpleHistoryAdmin):
    list_display = [
        "quantity",
        "comparison",
        "value",
        "unit",
        "legal_basis",
        "cited_as",
        "verified",
    ]
    list_editable = ["verified"]
    list_filter = [
        "verified",
        ("legal_basis__provision__instrument", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["legal_basis__measure_type", "legal_basis__provision__instrument"]
    search_fields = ["quantity", "unit", "legal_basis__measure_type__name"]
    autocomplete_fields = ["legal_basis"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "historical", "slug"]
    list_filter = ["kind", "historical"]
    search_fields = ["name", "slug", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}


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


# -- the review queue ---------------------------------------------------------------------------


class InstrumentFilter(admin.SimpleListFilter):
    """Mentions of measure types that an instrument establishes (by their legal bases)."""

    title = "instrument (legal basis)"
    parameter_name = "instrument"

    def lookups(self, request, model_admin):
        return Instrument.objects.values_list("slug", "short_name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                measure_type__legal_bases__provision__instrument__slug=self.value()
            ).distinct()
        return queryset


class LinkForm(forms.ModelForm):
    """A link's span: give start and end, or just the exact words (the first occurrence is
    taken); the quote always follows from the passage."""

    start = forms.IntegerField(required=False, min_value=0)
    end = forms.IntegerField(required=False, min_value=1)
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The exact words. Leave start and end empty to locate them in the passage.",
    )

    def clean(self):
        data = super().clean()
        passage = data.get("passage") or getattr(self.instance, "passage", None)
        if passage is None:
            return data
        start, end, quote = data.get("start"), data.get("end"), data.get("quote") or ""
        if start is None and end is None:
            if not quote or quote not in passage.text:
                raise ValidationError("Give start and end, or words that occur in the passage.")
            start = passage.text.index(quote)
            end = start + len(quote)
        elif start is None or end is None or not 0 <= start < end <= len(passage.text):
            raise ValidationError(
                f"Start and end must lie inside the passage (0–{len(passage.text)})."
            )
        data.update(start=start, end=end, quote=passage.text[start:end])
        return data


class LinkAdmin(SimpleHistoryAdmin):
    """Shared by the Mention and Citation queues."""

    form = LinkForm
    target_field = ""
    list_per_page = 50
    actions = ["accept", "reject"]
    search_fields = ["quote", "passage__text", "passage__document__title"]
    readonly_fields = ["origin", "term", "reviewed_by", "reviewed_at", "in_context"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["passage", self.target_field, "start", "end", "quote", "status", "note"]
        return [
            "in_context",
            "passage",
            self.target_field,
            "start",
            "end",
            "quote",
            "status",
            "note",
            "origin",
            "term",
            "reviewed_by",
            "reviewed_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "passage"] if obj else self.readonly_fields

    def get_ordering(self, request):
        pending_first = Case(When(status=Span.Status.PENDING, then=Value(0)), default=Value(1))
        return [pending_first.asc(), "-created_at", "pk"]

    @admin.display(description="passage (span highlighted)")
    def in_context(self, obj):
        return highlight_excerpt(obj.passage.text, obj.start, obj.end)

    @admin.display(description="document", ordering="passage__document__title")
    def document(self, obj):
        document = obj.passage.document
        return format_html(
            '<a href="{}#p-{}">{} ¶{}</a>',
            document.get_absolute_url(),
            obj.passage.ordinal,
            document.title[:60],
            obj.passage.ordinal,
        )

    @admin.display(description="published", ordering="passage__document__published_on")
    def published(self, obj):
        return obj.passage.document.published_on

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            target = data[self.target_field]
            created = curation.link_create(
                passage=data["passage"],
                target=target,
                start=data["start"],
                end=data["end"],
                by=request.user,
                status=data["status"],
                note=data.get("note", ""),
            )
            obj.pk = created.pk
            return
        old = type(obj).objects.get(pk=obj.pk)
        if (old.start, old.end) != (data["start"], data["end"]):
            curation.link_correct_span(
                link=old, start=data["start"], end=data["end"], by=request.user
            )
        if (
            old.status != data["status"]
            or old.note != data.get("note", "")
            or getattr(old, self.target_field) != data[self.target_field]
        ):
            setattr(old, self.target_field, data[self.target_field])
            curation.link_review(
                link=old, status=data["status"], note=data.get("note", ""), by=request.user
            )

    @admin.action(description="Accept the selected links", permissions=["change"])
    def accept(self, request, queryset):
        count = curation.links_accept(links=queryset.select_related("passage"), by=request.user)
        self.message_user(request, f"{count} link(s) accepted.", messages.SUCCESS)

    @admin.action(description="Reject the selected links", permissions=["change"])
    def reject(self, request, queryset):
        count = curation.links_reject(links=queryset.select_related("passage"), by=request.user)
        self.message_user(request, f"{count} link(s) rejected.", messages.SUCCESS)


@admin.register(Mention)
class MentionAdmin(LinkAdmin):
    target_field = "measure_type"
    list_display = [
        "in_context",
        "measure_type",
        "status",
        "origin",
        "term",
        "document",
        "published",
    ]
    list_filter = [
        "status",
        "origin",
        "measure_type",
        "measure_type__category",
        InstrumentFilter,
        "passage__document__kind",
        ("term", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = [
        "passage__document",
        "measure_type",
        "term__measure_type",
        "term__instrument",
    ]
    autocomplete_fields = ["passage", "measure_type"]


@admin.register(Citation)
class CitationAdmin(LinkAdmin):
    target_field = "instrument"
    list_display = ["in_context", "instrument", "status", "origin", "term", "document", "published"]
    list_filter = [
        "status",
        "origin",
        "instrument",
        "passage__document__kind",
        ("term", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = [
        "passage__document",
        "instrument",
        "term__measure_type",
        "term__instrument",
    ]
    autocomplete_fields = ["passage", "instrument"]
