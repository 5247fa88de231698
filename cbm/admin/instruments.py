"""Admin: instruments, provisions, legal bases, thresholds and actors."""

from django import forms
from django.contrib import admin

from ..models import (
    Actor,
    Instrument,
    InstrumentStatusChange,
    LegalBasis,
    Participation,
    Provision,
    Threshold,
)
from .facets import FiltersOnce
from .history import ReadableHistoryAdmin
from .integrity import ConstraintErrors, UniqueRowsFormSet
from .search import BoundedSearch
from .taxonomy import ActorTermInline, InstrumentTermInline, LegalBasisInline
from .translated import (
    TranslatedFieldFilter,
    TranslatedOrdering,
    TranslatedRelatedFilter,
    legal_basis_name,
    provision_name,
    translated_column,
)
from .unmatched import UnmatchedFilter, UnmatchedReason
from .widgets import SafeAutocomplete, name_known_rows

# -- instruments -------------------------------------------------------------------------------


class ProvisionInline(admin.TabularInline):
    model = Provision
    formset = UniqueRowsFormSet
    fields = ["label", "label_ru", "title", "title_ru", "order"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row is named by its instrument and label (Provision.__str__): read with it.
        return super().get_queryset(request).select_related("instrument")


class ThresholdInline(admin.StackedInline):
    model = Threshold
    formset = UniqueRowsFormSet
    fields = [
        ("quantity", "comparison", "value", "unit", "cited_as"),
        ("quantity_ru", "unit_ru"),
        "quotation",
        ("source_url", "verified"),
        ("note", "note_ru"),
    ]
    extra = 0


class ParticipationForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_known_rows(self, "actor", "succeeded_from")


class ParticipationInline(SafeAutocomplete, admin.TabularInline):
    model = Participation
    formset = UniqueRowsFormSet
    form = ParticipationForm
    fk_name = "instrument"
    fields = [
        "actor",
        "role",
        "signed_on",
        "joined_on",
        "succeeded_from",
        "succeeded_on",
        "suspended_on",
        "withdrew_on",
        "source_note",
        "source_url",
    ]
    autocomplete_fields = ["actor", "succeeded_from"]
    extra = 0

    def get_queryset(self, request):
        # Each row is named by its actor and instrument (Participation.__str__), and its menus
        # by its actor and predecessor (name_known_rows): read with it, not a query per party.
        return super().get_queryset(request).select_related("actor", "instrument", "succeeded_from")


class StatusChangeInline(admin.TabularInline):
    model = InstrumentStatusChange
    formset = UniqueRowsFormSet
    fields = ["date", "status", "note", "source_note", "source_url"]
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(TranslatedOrdering, SafeAutocomplete, ReadableHistoryAdmin):
    list_display = [
        "translated_short_name",
        "kind",
        "region",
        "status",
        "signed_on",
        "in_force_on",
        "ended_on",
        "slug",
    ]
    list_filter = ["kind", "region", "status"]
    # The short name as curators translated it, in the admin's language (/ru/admin/), else English.
    translated_short_name = translated_column(Instrument, "short_name")
    translated_ordering = ("short_name",)
    search_fields = ["short_name", "short_name_ru", "title", "title_ru", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    # Each translation beside its English text; the rest in the model's order.
    fieldsets = [
        (None, {"fields": ["slug", ("title", "title_ru"), ("short_name", "short_name_ru")]}),
        (
            None,
            {
                "fields": [
                    "kind",
                    "region",
                    "status",
                    "status_note",
                    "signed_at",
                    "signed_on",
                    "in_force_on",
                    "ended_on",
                    ("description", "description_ru"),
                    "source_url",
                ]
            },
        ),
    ]
    inlines = [StatusChangeInline, ParticipationInline, ProvisionInline, InstrumentTermInline]


@admin.register(Provision)
class ProvisionAdmin(SafeAutocomplete, ReadableHistoryAdmin):
    list_display = [
        "translated_label",
        "translated_title",
        "translated_instrument",
        "order",
        "verified",
    ]
    list_filter = ["verified", ("instrument", TranslatedRelatedFilter)]
    translated_label = translated_column(Provision, "label")
    translated_title = translated_column(Provision, "title")
    translated_instrument = translated_column(Provision, "short_name", through="instrument")
    list_select_related = ["instrument"]
    # Found by its Russian words too: the legal bases' menu is searched on /ru/admin/ in Russian.
    search_fields = [
        "label",
        "label_ru",
        "title",
        "title_ru",
        "summary",
        "summary_ru",
        "instrument__short_name",
        "instrument__short_name_ru",
    ]
    autocomplete_fields = ["instrument"]
    # Each translation beside its English text; the instrument's words (text, quotation) are
    # quoted as written, never translated.
    fields = [
        "instrument",
        ("label", "label_ru"),
        ("title", "title_ru"),
        ("summary", "summary_ru"),
        "order",
        "text",
        "quotation",
        ("source_url", "verified"),
    ]
    inlines = [LegalBasisInline]


@admin.register(LegalBasis)
class LegalBasisAdmin(SafeAutocomplete, ReadableHistoryAdmin):
    list_display = ["translated_measure_type", "shown_provision", "translated_note"]
    list_filter = [
        ("measure_type__category", TranslatedFieldFilter),
        ("provision__instrument", TranslatedRelatedFilter),
    ]
    list_select_related = ["measure_type", "provision__instrument"]
    search_fields = [
        "measure_type__name",
        "measure_type__name_ru",
        "provision__label",
        "provision__label_ru",
        "provision__instrument__short_name",
        "provision__instrument__short_name_ru",
    ]
    autocomplete_fields = ["measure_type", "provision"]
    # The Russian note beside the English one.
    fields = ["measure_type", "provision", ("note", "note_ru")]
    inlines = [ThresholdInline]

    # In the admin's language, as the taxonomy's and instruments' own lists name them.
    translated_measure_type = translated_column(LegalBasis, "name", through="measure_type")
    translated_note = translated_column(LegalBasis, "note")

    @admin.display(
        description=LegalBasis._meta.get_field("provision").verbose_name, ordering="provision"
    )
    def shown_provision(self, obj):
        return provision_name(obj.provision)


@admin.register(Threshold)
class ThresholdAdmin(SafeAutocomplete, ReadableHistoryAdmin):
    list_display = [
        "translated_quantity",
        "comparison",
        "value",
        "translated_unit",
        "shown_legal_basis",
        "cited_as",
        "verified",
    ]
    list_filter = [
        "verified",
        ("legal_basis__provision__instrument", TranslatedRelatedFilter),
    ]
    list_select_related = ["legal_basis__measure_type", "legal_basis__provision__instrument"]
    search_fields = ["quantity", "quantity_ru", "unit", "legal_basis__measure_type__name"]
    autocomplete_fields = ["legal_basis"]
    fields = [
        "legal_basis",
        ("quantity", "quantity_ru"),
        "comparison",
        "value",
        ("unit", "unit_ru"),
        "cited_as",
        "quotation",
        ("source_url", "verified"),
        ("note", "note_ru"),
    ]
    translated_quantity = translated_column(Threshold, "quantity")
    translated_unit = translated_column(Threshold, "unit")

    @admin.display(
        description=Threshold._meta.get_field("legal_basis").verbose_name, ordering="legal_basis"
    )
    def shown_legal_basis(self, obj):
        return legal_basis_name(obj.legal_basis)


@admin.register(Actor)
class ActorAdmin(
    FiltersOnce,
    BoundedSearch,
    TranslatedOrdering,
    UnmatchedReason,
    ConstraintErrors,
    SafeAutocomplete,
    admin.ModelAdmin,
):
    list_display = [
        "translated_name",
        "kind",
        "iso_code",
        "historical",
        "slug",
        "cannot_be_matched",
    ]
    translated_name = translated_column(Actor, "name")
    translated_ordering = ("name",)
    list_filter = [UnmatchedFilter, "kind", "historical"]
    search_fields = ["name", "name_ru", "slug", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "name_ru"),
        "slug",
        "kind",
        "iso_code",
        "historical",
        ("continues", "continues_since"),
        "cannot_be_matched",
    ]
    autocomplete_fields = ["continues"]
    readonly_fields = ["cannot_be_matched"]
    inlines = [ActorTermInline]
