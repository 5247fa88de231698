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
    # {str(pk): row} of rows already read (a form's own, see name_known_rows): named from here,
    # where Django would read the chosen row again, one query per menu (per inline row).
    known: dict = {}

    def optgroups(self, name, value, attr=None):
        value = _valid(self, value)
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if len(chosen) != 1 or chosen[0] not in self.known:
            return super().optgroups(name, value, attr)
        # As Django builds them: the empty choice (unless required), then the chosen row.
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        row = self.known[chosen[0]]
        label = self.choices.field.label_from_instance(row)
        options.append(self.create_option(name, row.pk, label, True, len(options)))
        return [(None, options, 0)]


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


def name_known_rows(form, *fields):
    """The autocomplete menus of these foreign keys name the rows the form's instance already
    holds (read with it by select_related) instead of reading each again."""
    for name in fields:
        row = getattr(form.instance, name, None)  # (none yet on a new row)
        field = form.fields.get(name)
        if row is None or field is None:
            continue
        widget = getattr(field.widget, "widget", field.widget)  # inside the "add another" wrapper
        if isinstance(widget, AutocompleteSelect):
            widget.known = {str(row.pk): row}
