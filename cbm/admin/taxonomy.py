"""Admin: the taxonomy and its lexicon."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Category,
    LegalBasis,
    MeasureType,
    Mention,
    Span,
    Term,
)
from ..queries import count_of
from .widgets import SafeAutocomplete

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


class LegalBasisInline(SafeAutocomplete, admin.TabularInline):
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
class MeasureTypeAdmin(SafeAutocomplete, SimpleHistoryAdmin):
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
class TermAdmin(SafeAutocomplete, SimpleHistoryAdmin):
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
