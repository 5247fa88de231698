"""Admin: the taxonomy and its lexicon."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, FloatField, When
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..jobs import can_start, suggest_start
from ..models import (
    Category,
    Citation,
    Cue,
    CueList,
    LegalBasis,
    MeasureType,
    Mention,
    Span,
    Term,
)
from ..queries import count_of
from .facets import FiltersOnce
from .history import ReadableHistoryAdmin
from .integrity import UniqueRowsFormSet
from .jobs import confirm_suggest
from .translated import TranslatedOrdering, translated_column
from .unmatched import CueListUnmatchedFilter, UnmatchedFilter, UnmatchedReason
from .widgets import SafeAutocomplete

# A term's own fields, in the order the term form and the inlines show them.
TERM_FIELDS = [
    "kind",
    "text",
    "near",
    "window",
    "cue_list",
    "unless_cue_list",
    "language",
    "is_active",
]
# A change to these changes what a term matches: suggestions are offered to be re-run.
MATCHING_FIELDS = {"measure_type", "instrument", "actor", *TERM_FIELDS} - {"language"}

# -- the taxonomy and its lexicon ---------------------------------------------------------------


class TermFormSet(UniqueRowsFormSet):
    """Two rows of one list that are the same term are a form error. The database's rule (a
    term is unique per target) has a condition, which Django's formsets do not check across
    their rows: both rows passed, and the second insert failed with a server error.

    Each row is also checked against the database's rules with its target: Django leaves an
    inline's foreign key out of a row's checks, so a new row repeating a term its target
    already has (term_unique_per_actor, _per_measure_type, _per_instrument) would pass."""

    def clean(self):
        super().clean()
        for form in self.forms:
            deleted = self.can_delete and self._should_delete_form(form)
            if getattr(form, "cleaned_data", None) and form.has_changed() and not deleted:
                exclude = form._get_validation_exclusions() - {self.fk.name}
                try:
                    form.instance.validate_constraints(exclude=exclude)
                except ValidationError as error:
                    form._update_errors(error)
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            key = tuple(data.get(field) or "" for field in ("language", "kind", "text", "near"))
            if key in seen:
                raise ValidationError(
                    _("Two rows are the same term (kind, words and language): keep one.")
                )
            seen.add(key)


class TermInline(UnmatchedReason, admin.TabularInline):
    model = Term
    formset = TermFormSet
    fields = [*TERM_FIELDS, "cannot_be_matched"]
    readonly_fields = ["cannot_be_matched"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row is named by its term, and a term by its target: read with it.
        return super().get_queryset(request).select_related("measure_type", "instrument", "actor")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("cue_list", "unless_cue_list"):
            # The cue lists read once for every row: each row's menus would read them again
            # (two queries per term, 400 on a measure type or an actor with 200 terms).
            field.choices = list(field.choices)
        return field


class MeasureTypeTermInline(TermInline):
    fk_name = "measure_type"


class InstrumentTermInline(TermInline):
    fk_name = "instrument"


class ActorTermInline(TermInline):
    """Words that name the actor in texts (the Kremlin, Lavrov …), for the position suggester."""

    fk_name = "actor"


class LegalBasisInline(SafeAutocomplete, admin.TabularInline):
    model = LegalBasis
    formset = UniqueRowsFormSet
    fields = ["measure_type", "provision", "note", "note_ru"]
    autocomplete_fields = ["measure_type", "provision"]
    extra = 0
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(TranslatedOrdering, ReadableHistoryAdmin):
    list_display = ["translated_name", "slug", "order", "measure_types"]
    translated_name = translated_column(Category, "name")
    translated_ordering = ("name",)
    list_editable = ["order"]
    list_filter: list = []
    search_fields = ["name", "name_ru", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    # Each translation beside its English text.
    fields = [("name", "name_ru"), "slug", ("description", "description_ru"), "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_types=count_of(MeasureType, "category"))

    @admin.display(description=gettext_lazy("measure types"), ordering="n_types")
    def measure_types(self, obj):
        return obj.n_types


@admin.register(MeasureType)
class MeasureTypeAdmin(TranslatedOrdering, SafeAutocomplete, ReadableHistoryAdmin):
    list_display = [
        "translated_name",
        "slug",
        "translated_category",
        "translated_parent",
        "terms",
        "legal_bases",
        "accepted_mentions",
    ]
    # Names as curators translated them, in the admin's language (/ru/admin/), else English.
    translated_name = translated_column(MeasureType, "name")
    translated_category = translated_column(MeasureType, "name", through="category")
    translated_parent = translated_column(MeasureType, "name", through="parent")
    translated_ordering = ("name",)
    list_filter = ["category", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["category", "parent"]
    search_fields = ["name", "name_ru", "slug", "definition"]
    autocomplete_fields = ["category", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    # Each translation beside its English text.
    fields = [
        ("name", "name_ru"),
        "slug",
        "category",
        "parent",
        ("definition", "definition_ru"),
        "scope_note",
        "order",
    ]
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

    @admin.display(description=gettext_lazy("active terms"), ordering="n_terms")
    def terms(self, obj):
        return obj.n_terms

    @admin.display(description=gettext_lazy("legal bases"), ordering="n_bases")
    def legal_bases(self, obj):
        return obj.n_bases

    @admin.display(description=gettext_lazy("accepted mentions"), ordering="n_accepted")
    def accepted_mentions(self, obj):
        return obj.n_accepted


def _links_of_term(**filters):
    """How many suggestions (mentions and citations) this term made, with these filters."""
    suggested = Span.Origin.SUGGESTED
    return count_of(Mention, "term", origin=suggested, **filters) + count_of(
        Citation, "term", origin=suggested, **filters
    )


@admin.register(Term)
class TermAdmin(FiltersOnce, UnmatchedReason, SafeAutocomplete, ReadableHistoryAdmin):
    """Each term with its record from curators' decisions, so noisy terms can be retired."""

    list_display = [
        "text",
        "kind",
        "near",
        "window",
        "target",
        "cue_list",
        "unless_cue_list",
        "language",
        "is_active",
        "suggested",
        "accepted",
        "rejected",
        "acceptance_rate",
        "cannot_be_matched",
    ]
    list_filter = [
        UnmatchedFilter,
        "language",
        "kind",
        "is_active",
        "cue_list",
        "unless_cue_list",
        "measure_type__category",
        ("instrument", admin.RelatedOnlyFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["measure_type", "instrument", "actor", "cue_list", "unless_cue_list"]
    search_fields = ["text", "near", "measure_type__name", "instrument__short_name", "actor__name"]
    autocomplete_fields = ["measure_type", "instrument", "actor"]
    fields = ["measure_type", "instrument", "actor", *TERM_FIELDS, "cannot_be_matched", "note"]
    readonly_fields = ["cannot_be_matched"]
    actions = ["deactivate", "resuggest"]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                n_suggested=_links_of_term(),
                n_accepted=_links_of_term(status=Span.Status.ACCEPTED),
                n_rejected=_links_of_term(status=Span.Status.REJECTED),
            )
        )
        decided = F("n_accepted") + F("n_rejected")
        rate = Cast(F("n_accepted"), FloatField()) / Cast(decided, FloatField())
        return queryset.annotate(rate=Case(When(n_accepted__gt=0, then=rate), default=0.0))

    @admin.display(description=gettext_lazy("signals"))
    def target(self, obj):
        return obj.target

    @admin.display(description=gettext_lazy("suggested"), ordering="n_suggested")
    def suggested(self, obj):
        return obj.n_suggested

    @admin.display(description=gettext_lazy("accepted"), ordering="n_accepted")
    def accepted(self, obj):
        return obj.n_accepted

    @admin.display(description=gettext_lazy("rejected"), ordering="n_rejected")
    def rejected(self, obj):
        return obj.n_rejected

    @admin.display(description=gettext_lazy("acceptance rate"), ordering="rate")
    def acceptance_rate(self, obj):
        decided = obj.n_accepted + obj.n_rejected
        return f"{obj.n_accepted / decided:.0%}" if decided else "–"

    @admin.action(
        description=gettext_lazy("Deactivate selected terms (keeps them and their history)"),
        permissions=["change"],
    )
    def deactivate(self, request, queryset):
        count = 0
        for term in queryset.filter(is_active=True):
            term.is_active = False
            term.save()
            count += 1
        message = ngettext(
            "%(count)d term deactivated. Run suggestions again to withdraw what it alone proposed.",
            "%(count)d terms deactivated. Run suggestions again to withdraw what they alone "
            "proposed.",
            count,
        )
        self.message_user(request, message % {"count": count})

    # Re-running suggestions after an edit (cbm.jobs): only where the terms' targets are at stake.
    @admin.action(
        description=gettext_lazy("Re-run suggestions for the selected terms (in the background)"),
        permissions=["change"],
    )
    def resuggest(self, request, queryset):
        job = suggest_start(by=request.user, terms=list(queryset))
        link = format_html('<a href="{}">{}</a>', job.get_absolute_url(), job)
        self.message_user(request, format_html(_("{} started."), link))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if MATCHING_FIELDS.intersection(form.changed_data) and can_start(request.user, "suggest"):
            url = reverse("admin:cbm_term_resuggest", args=[obj.pk])
            self.message_user(
                request,
                format_html(
                    _(
                        'What “{}” matches changed: <a href="{}">re-run suggestions for this term</a>.'
                    ),
                    obj.text,
                    url,
                ),
            )

    def get_urls(self):
        view = self.admin_site.admin_view(self.resuggest_view)
        return [
            path("<int:pk>/resuggest/", view, name="cbm_term_resuggest"),
            *super().get_urls(),
        ]

    def resuggest_view(self, request, pk):
        term = get_object_or_404(Term, pk=pk)
        if not (self.has_change_permission(request, term) and can_start(request.user, "suggest")):
            raise PermissionDenied
        return confirm_suggest(
            self,
            request,
            title=_("Re-run suggestions for “%(term)s”") % {"term": term.text},
            what=_("what “%(term)s” signals (%(target)s)")
            % {"term": term.text, "target": term.target},
            start=lambda: suggest_start(by=request.user, terms=[term]),
        )


class CueInline(UnmatchedReason, admin.TabularInline):
    model = Cue
    formset = UniqueRowsFormSet
    fields = ["kind", "text", "is_active", "cannot_be_matched"]
    readonly_fields = ["cannot_be_matched"]
    extra = 1


@admin.register(CueList)
class CueListAdmin(FiltersOnce, ReadableHistoryAdmin):
    list_display = ["name", "slug", "language", "reach", "cues", "terms", "stopped_terms"]
    list_filter = [CueListUnmatchedFilter, "language", "reach"]
    search_fields = ["name", "slug", "description", "cues__text"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CueInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_cues=count_of(Cue, "cue_list", is_active=True),
                n_terms=count_of(Term, "cue_list", is_active=True),
                n_stopped=count_of(Term, "unless_cue_list", is_active=True),
            )
        )

    @admin.display(description=gettext_lazy("active cues"), ordering="n_cues")
    def cues(self, obj):
        return obj.n_cues

    @admin.display(description=gettext_lazy("terms that need it"), ordering="n_terms")
    def terms(self, obj):
        return obj.n_terms

    @admin.display(description=gettext_lazy("terms it stops"), ordering="n_stopped")
    def stopped_terms(self, obj):
        return obj.n_stopped
