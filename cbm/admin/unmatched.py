"""Admin: the terms, cues, stance cues and actor names the matcher cannot read (cbm.unmatched):
a "cannot be matched" filter on their lists, and the reason beside each."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Cue
from ..unmatched import unmatched


class UnmatchedFilter(admin.SimpleListFilter):
    """The rows the matcher leaves out: they find nothing until a curator corrects them."""

    title = gettext_lazy("cannot be matched")
    parameter_name = "unmatched"

    def lookups(self, request, model_admin):
        return [("yes", _("yes: it finds nothing")), ("no", _("no"))]

    def unmatched_pks(self, model) -> list[int]:
        return list(unmatched(model._default_manager.all()))

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        # Read the rows once per filter: with facets the list asks again for each count.
        if not hasattr(self, "_pks"):
            self._pks = self.unmatched_pks(queryset.model)
        pks = self._pks
        if self.value() == "yes":
            return queryset.filter(pk__in=pks)
        return queryset.exclude(pk__in=pks)


class CueListUnmatchedFilter(UnmatchedFilter):
    """The cue lists with a cue the matcher leaves out."""

    title = gettext_lazy("has a cue that cannot be matched")

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def unmatched_pks(self, model) -> list[int]:
        cues = Cue.objects.filter(pk__in=list(unmatched(Cue.objects.all())))
        return list(cues.values_list("cue_list_id", flat=True).distinct())


class UnmatchedReason:
    """A ModelAdmin (or inline) mixin: the column and read-only field "cannot be matched",
    the matcher's reason for leaving the row out, empty where it matches."""

    @admin.display(description=gettext_lazy("cannot be matched"))
    def cannot_be_matched(self, obj):
        reason = obj.match_problem() if obj is not None and obj.pk is not None else ""
        if not reason:
            return None  # (the admin's "-")
        return format_html('<span class="errornote">{}</span>', reason)
