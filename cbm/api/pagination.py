import re
import time

from django.core.exceptions import EmptyResultSet
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from ..paging import LargePaginator

ESTIMATE_KEPT_S = 60  # how long a process reuses an estimated count
_estimates: dict[tuple, tuple[float, int]] = {}  # (SQL, params) → (when, count)


class APIPaginator(LargePaginator):
    """An estimated count (a list of more than cbm.paging.ESTIMATE_ABOVE rows) is remembered
    for ESTIMATE_KEPT_S seconds per process, by the list's SQL: an estimate need not cost two
    queries on every page of a million-row list. An exact count is never remembered (a list
    that a big delete cut below the threshold shows the old estimate for at most that minute)."""

    @cached_property
    def count(self):
        try:
            key = self.object_list.query.sql_with_params()
            hash(key)
        except (EmptyResultSet, TypeError):  # nothing to match, or unhashable parameters
            return super().count
        kept = _estimates.get(key)
        if kept is not None and time.monotonic() - kept[0] < ESTIMATE_KEPT_S:
            return kept[1]
        count = super().count
        if self.estimated:
            if len(_estimates) >= 1000:
                _estimates.clear()
            _estimates[key] = (time.monotonic(), count)
        return count


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=N&page_size=M (at most 500). A malformed number is a 400 that names it; a page
    past the end is a 404. Deep pages stay fast and `count` is estimated beyond 20,000 rows
    (cbm.paging), and that estimate reused for a minute."""

    django_paginator_class = APIPaginator

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        return super().paginate_queryset(queryset, request, view)

    @classmethod
    def check_parameters(cls, request):
        """Also called by exports, which ignore pages but must not accept nonsense silently."""
        for name in (cls.page_query_param, cls.page_size_query_param):
            value = request.query_params.get(name)
            if value is not None and (not re.fullmatch(r"[0-9]+", value) or int(value) < 1):
                raise ValidationError({name: f"must be a positive whole number, not {value!r}."})
        size = request.query_params.get(cls.page_size_query_param)
        if size is not None and int(size) > cls.max_page_size:
            raise ValidationError(
                {cls.page_size_query_param: f"must be at most {cls.max_page_size}."}
            )
