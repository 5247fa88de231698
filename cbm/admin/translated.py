"""Changelist columns that show a curator's translation in the admin's language (/ru/admin/),
else the English, as the public pages do (cbm.translation.translated)."""

from django.contrib import admin

from ..translation import translated


def translated_column(model, field: str, through: str = ""):
    """A list_display column: obj.field (or obj.<through>.field) in the admin's language, sorted
    by the English field and headed by the field's (or the relation's) own verbose name."""
    header = model._meta.get_field(through or field).verbose_name

    @admin.display(description=header, ordering=f"{through}__{field}" if through else field)
    def column(self, obj):
        target = getattr(obj, through) if through else obj
        if target is None:
            return self.get_empty_value_display()
        return translated(target, field)[0]

    return column
