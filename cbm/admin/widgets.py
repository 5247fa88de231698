"""Autocomplete widgets that survive a bad value posted back (Django's look it up as is, so
"x" for an id is a server error when the form is shown again with its errors)."""

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError

from ..admin_site import is_translated
from ..translation import display_name


def _valid(widget, values):
    opts = widget.field.remote_field.model._meta
    to_field = opts.get_field(getattr(widget.field.remote_field, "field_name", opts.pk.attname))
    kept = []
    for value in values:
        try:
            to_field.run_validators(to_field.to_python(value))
        except (ValidationError, TypeError, ValueError):
            continue
        kept.append(value)
    return kept


class AutocompleteSelect(widgets.AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _valid(self, value), attr)


class AutocompleteSelectMultiple(widgets.AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _valid(self, value), attr)


class SafeAutocomplete:
    """A ModelAdmin (or inline) mixin: its autocomplete fields use the widgets above."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        inner = getattr(widget, "widget", widget)  # inside the "add another" wrapper
        for unsafe, safe in (
            (widgets.AutocompleteSelectMultiple, AutocompleteSelectMultiple),
            (widgets.AutocompleteSelect, AutocompleteSelect),
        ):
            if type(inner) is unsafe:
                inner.__class__ = safe
                if is_translated(db_field.related_model):
                    # The chosen row in the admin's language, as its search results are.
                    field.label_from_instance = display_name
                break
        return field
