"""History screens in words: a link that was empty (a reviewer not yet set) reads "—", not
django-simple-history's "Deleted user (pk=None)"."""

from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

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
        return readable(super().prepare_delta_change_value(change, value))


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose changes read as words (the "changed by" column: see
    cbm/templatetags/history.py)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)
