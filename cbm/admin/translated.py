"""Changelist columns that show a curator's translation in the admin's language (/ru/admin/),
else the English, as the public pages do (cbm.translation.translated), and sort by what they
show."""

from django.contrib import admin
from django.db.models import CharField, Expression, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

from ..positions_charts import target_name
from ..translation import display_name, is_default, translated


class ShownText(Expression):
    """A translated field as the admin's language shows it, to sort by: its translation where a
    curator gave one (not empty), else the English. The language is read when the query is
    built, so one ModelAdmin sorts /admin/ by the English and /ru/admin/ by the Russian, in the
    changelist's own query."""

    output_field = CharField()

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        language = translation.get_language()
        shown = F(self.path)
        if not is_default(language):
            shown = Coalesce(NullIf(F(f"{self.path}_{language}"), Value("")), shown)
        return shown.resolve_expression(query, allow_joins, reuse, summarize, for_save)


def translated_column(model, field: str, through: str = ""):
    """A list_display column: obj.field (or obj.<through>.field) in the admin's language, sorted
    by the same text and headed by the field's (or the relation's) own verbose name."""
    header = model._meta.get_field(through or field).verbose_name
    path = f"{through}__{field}" if through else field

    @admin.display(description=header, ordering=ShownText(path))
    def column(self, obj):
        target = getattr(obj, through) if through else obj
        if target is None:
            return self.get_empty_value_display()
        return translated(target, field)[0]

    return column


def provision_name(provision) -> str:
    """A provision named in the admin's language, "ВД-2011, гл. V" (str() is the English)."""
    return f"{display_name(provision.instrument)}, {translated(provision, 'label')[0]}"


def legal_basis_name(basis) -> str:
    """A legal basis named in the admin's language, as str() names it in English."""
    return f"{display_name(basis.measure_type)} ← {provision_name(basis.provision)}"


class TranslatedOrdering:
    """A ModelAdmin mixin: the model's default ordering with its translated fields (named in
    translated_ordering) sorted as the admin's language shows them."""

    translated_ordering: tuple[str, ...] = ()

    def get_ordering(self, request):
        ordering = super().get_ordering(request) or self.model._meta.ordering
        return [
            ShownText(key).asc() if key in self.translated_ordering else key for key in ordering
        ]


def _shown_choices(rows) -> list[tuple[int, str]]:
    """(pk, name in the admin's language) of rows, sorted as shown."""
    return sorted(((row.pk, target_name(row)) for row in rows), key=lambda choice: choice[1])


class TranslatedFieldFilter(admin.RelatedFieldListFilter):
    """A foreign key's filter listing every row by its name in the admin's language (Django's
    lists them by str(), the English)."""

    def field_choices(self, field, request, model_admin):
        return _shown_choices(field.related_model.objects.all())


class TranslatedRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """The same, listing only the rows the changelist's own rows name."""

    def field_choices(self, field, request, model_admin):
        # By the filter's whole path: a relation's relation ("provision__instrument") too.
        used = model_admin.get_queryset(request).values_list(self.field_path, flat=True)
        return _shown_choices(field.related_model.objects.filter(pk__in=used))
