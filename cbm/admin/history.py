"""History screens in words: a link that was empty (a reviewer not yet set) reads "—", not
django-simple-history's "Deleted user (pk=None)"."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .integrity import ConstraintErrors
from .search import BoundedSearch
from .selection import CheckedSelection

NOBODY = "—"


def readable(value):
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return NOBODY
        return _("a deleted %(model)s (#%(pk)s)") % {
            "model": value.model._meta.verbose_name,
            "pk": value.pk,
        }
    return NOBODY if value is None or value == "" else value


class ReadableChanges(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if field.choices and isinstance(value, str):
            # A stance or status by its name in the admin's language, not its stored slug.
            value = dict(field.flatchoices).get(value, value)
        return readable(value)


def _checked_id(field, value):
    """A mistyped id in a history address is a 404 (simple-history looks it up as it is)."""
    try:
        field.to_python(unquote(value))
    except ValidationError:
        raise Http404(_("No such record.")) from None


class ReadableHistoryAdmin(BoundedSearch, ConstraintErrors, CheckedSelection, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose changes read as words (the "changed by" column: see
    cbm/templatetags/history.py); a database rule broken on save is a form error."""

    def history_view(self, request, object_id, extra_context=None):
        _checked_id(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _checked_id(self.model._meta.pk, object_id)
        _checked_id(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)
