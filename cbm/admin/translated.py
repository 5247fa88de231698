"""Changelist columns that show a curator's translation in the admin's language (/ru/admin/),
else the English, as the public pages do (cbm.translation.translated), and sort by what they
show."""

from django.contrib import admin
from django.db.models import CharField, Expression, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

from ..translation import is_default, translated


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


class TranslatedOrdering:
    """A ModelAdmin mixin: the model's default ordering with its translated fields (named in
    translated_ordering) sorted as the admin's language shows them."""

    translated_ordering: tuple[str, ...] = ()

    def get_ordering(self, request):
        ordering = super().get_ordering(request) or self.model._meta.ordering
        return [
            ShownText(key).asc() if key in self.translated_ordering else key for key in ordering
        ]


class TranslatedFieldFilter(admin.RelatedFieldListFilter):
    """A foreign key's filter listing every row by its name in the admin's language (Django's
    lists them by str(), the English), sorted as shown."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        name = "short_name" if hasattr(model, "short_name") else "name"
        rows = ((row.pk, translated(row, name)[0]) for row in model.objects.all())
        return sorted(rows, key=lambda choice: choice[1])
