"""Counts beside each filter's choices (the admin's "Show counts", ?_facets=True) for the
price of one query per filter: Django's change list builds every filter of the list again for
each filter it counts, each related filter with a query for its choices, and each "cannot be
matched" filter reading every row of its model again."""

from django.contrib.admin.views.main import ChangeList


class FiltersOnceChangeList(ChangeList):
    def get_filters(self, request):
        # One request, one query string: the same filters for the rows and for every count.
        if not hasattr(self, "_filters"):
            self._filters = super().get_filters(request)
        return self._filters


class FiltersOnce:
    """A ModelAdmin mixin: its change list builds its filters once per page."""

    def get_changelist(self, request, **kwargs):
        return FiltersOnceChangeList
