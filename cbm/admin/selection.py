"""Bulk actions that survive a selection edited by hand: Django filters the rows by the
posted ids as they are, so "abc" for an id is a server error inside the action."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _


class CheckedSelection:
    """A ModelAdmin mixin: an action on a selection that is not a list of ids does nothing
    and says so."""

    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                pk.to_python(value)
        except ValidationError:
            message = _("The selection is not a valid list of rows: nothing was changed.")
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)
