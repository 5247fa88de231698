import re
import time

from django.core.exceptions import EmptyResultSet
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..paging import LargePage, LargePaginator
from . import keyset

ESTIMATE_KEPT_S = 60  # how long a process reuses an estimated count
_estimates: dict[tuple, tuple[float, int]] = {}  # (SQL, params) → (when, count)


class APIPaginator(LargePaginator):
    """An estimated count (a list of more than cbm.paging.ESTIMATE_ABOVE rows) is remembered
    for ESTIMATE_KEPT_S seconds per process, by the list's SQL: an estimate need not cost two
    queries on every page of a million-row list. An exact count is never remembered (a list
    that a big delete cut below the threshold shows the old estimate for at most that minute).
    The API names the list by its request (count_key: the view, the user and the filters),
    which costs nothing; else the list's SQL is its name."""

    def __init__(self, *args, count_key=None, **kw):
        super().__init__(*args, **kw)
        self.count_key = count_key

    @cached_property
    def count(self):
        try:
            key = (
                self.count_key or self.counted_list.order_by().values("pk").query.sql_with_params()
            )
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


KEYSET_AFTER = 1000  # rows: a page that ends deeper than this links to the next by cursor
WHOLE_BELOW = 500  # rows: a page that starts before this is read in one query, not ids first


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=N&page_size=M (at most 500). A malformed number is a 400 that names it; a page
    past the end is a 404. Deep pages stay fast and `count` is estimated beyond 20,000 rows
    (cbm.paging), and that estimate reused for a minute.

    Lists whose view says `keyset = True` also take ?cursor=…: the page after (or before) a
    row, read from the row's place in the list's order (cbm.api.keyset), as fast at any depth.
    Their `next` link is such a cursor once a page ends past KEYSET_AFTER rows, and on every
    cursor page `next` and `previous` are; following `next` from any page gives every row
    once. `count` is the same on both kinds of page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = "cursor"

    counted = None  # the list to count, if not the one paged (set by RowsListMixin)

    def django_paginator_class(self, object_list, per_page):
        return APIPaginator(
            object_list,
            per_page,
            counted_list=self.counted,
            whole_below=WHOLE_BELOW,
            count_key=getattr(self, "count_key", None),
        )

    def list_key(self, request, view) -> tuple:
        """What decides which rows a list holds: the view and its action, who asks (what
        they may see), and every parameter but those that pick a page of it."""
        paging = {self.page_query_param, self.page_size_query_param, self.cursor_query_param}
        parameters = sorted(
            (name, tuple(values))
            for name, values in request.query_params.lists()
            if name not in paging and name != "format"
        )
        return (
            type(view).__qualname__,
            getattr(view, "action", None),
            request.user.pk,
            *parameters,
        )

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        self.request = request
        self.count_key = self.list_key(request, view) if view is not None else None
        self.keys = keyset.keys_of(queryset) if getattr(view, "keyset", False) else None
        self.links = None  # a cursor page's (next, previous) cursors
        if self.keys is not None:
            queryset = keyset.ordered(queryset, self.keys)  # the id breaks ties
            if queryset._fields:  # values(): the rows carry their keys for the links
                wanted = [key.path for key in self.keys if key.path not in queryset._fields]
                queryset = queryset.values(*queryset._fields, *wanted)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor is None:
            return super().paginate_queryset(queryset, request, view)
        if self.keys is None:
            raise ValidationError({self.cursor_query_param: "this list has no cursor pages."})
        if self.page_query_param in request.query_params:
            raise ValidationError({self.cursor_query_param: "give a page or a cursor, not both."})
        return self.cursor_page(queryset, request, cursor)

    def cursor_page(self, queryset, request, cursor):
        """The page_size rows after (or before) the cursor's row: one query and no OFFSET."""
        keys = self.keys
        values, backwards = keyset.decode(keys, cursor, self.cursor_query_param)
        size = self.get_page_size(request)
        ahead = queryset.filter(keyset.beyond(keys, values, backwards=backwards))
        rows = list(keyset.ordered(ahead, keys, backwards=backwards)[: size + 1])
        more, rows = len(rows) > size, rows[:size]
        if backwards:
            rows.reverse()
        after = keyset.encode(keys, rows[-1]) if rows and (more or backwards) else None
        before = (
            keyset.encode(keys, rows[0], backwards=True)
            if rows and (more or not backwards)
            else None
        )
        self.links = (after, before)
        self.page = LargePage(rows, 1, self.django_paginator_class(queryset, size))
        self.page.more = after is not None
        return rows

    def get_next_link(self):
        if self.links is not None:
            return self.cursor_link(self.links[0])
        if (
            getattr(self, "keys", None) is not None
            and self.page.has_next()
            and self.page.number * self.page.paginator.per_page >= KEYSET_AFTER
        ):
            rows = self.page.object_list
            return self.cursor_link(keyset.encode(self.keys, rows[len(rows) - 1]))
        return super().get_next_link()

    def get_previous_link(self):
        if self.links is not None:
            return self.cursor_link(self.links[1])
        return super().get_previous_link()

    def cursor_link(self, cursor):
        if cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        if getattr(view, "keyset", False):
            parameters.append(
                {
                    "name": self.cursor_query_param,
                    "required": False,
                    "in": "query",
                    "description": "A place in the list, as a next or previous link gives it "
                    "(instead of page): the page after or before that row, as fast at any "
                    "depth.",
                    "schema": {"type": "string"},
                }
            )
        return parameters

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
