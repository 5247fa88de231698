"""The admin site: Django's, with autocomplete menus that name rows in the admin's language."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from .translation import display_name


def is_translated(model) -> bool:
    """Rows named by a field curators translate (actors, measure types, instruments …)."""
    names = {field.name for field in model._meta.get_fields()}
    return bool({"name_ru", "short_name_ru"} & names)


class TranslatedAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if is_translated(type(obj)):
            result["text"] = display_name(obj)  # the English str() on /ru/admin/ otherwise
        return result


class RegistryAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        return TranslatedAutocompleteJsonView.as_view(admin_site=self)(request)
