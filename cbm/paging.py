"""Pages of lists that may hold millions of rows, for the API and the public pages.

Django's Paginator counts every row (a scan) and reads a deep page by skipping rows it has
fetched whole. This one, asked for page n, reads the ids of that page and of one row after
it, in the list's order, then only those rows; whether a next page exists is that one extra
row (an index can give the ids without touching the rows). The count is exact up to
ESTIMATE_ABOVE rows and PostgreSQL's planner estimate beyond (said so wherever it is shown).
A page past the last is empty: a 404, as before. (A window COUNT(*) OVER () beside the ids
was tried: under a LIMIT the planner then picks nested loops over every document.)
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Count, F, OrderBy, RowRange, Window
from django.utils.functional import cached_property

from .queries import estimated_count

ESTIMATE_ABOVE = 20_000
MAX_OFFSET = 2**62  # the databases take a 64-bit OFFSET; a page beyond it is past any list's end


class LargePage(Page):
    def has_next(self):
        return self.more


class LargePaginator(Paginator):
    def __init__(
        self,
        object_list,
        per_page,
        *args,
        count: int | None = None,
        count_with_page=False,
        counted_list=None,
        whole_below: int = 0,
        **kw,
    ):
        """count: the list's length when the caller already knows it (nothing is counted).
        count_with_page: count the rows in the query that reads the page's ids (a window
        COUNT(*) OVER ()), for lists whose order must read every row anyway (search ranks
        every hit): one pass over them instead of two, and an exact count.
        counted_list: the same rows as object_list without what only showing them needs (the
        joins of values() of related fields), to count.
        whole_below: a page that starts before this row is read whole in one query (ids
        first pays off only where many rows are skipped)."""
        super().__init__(object_list, per_page, *args, **kw)
        self._known = count
        self._count_with_page = count_with_page
        self.counted_list = object_list if counted_list is None else counted_list
        self._whole_below = whole_below

    @cached_property
    def _estimate(self) -> int | None:
        estimate = estimated_count(self.counted_list)
        return estimate if estimate is not None and estimate > ESTIMATE_ABOVE else None

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        if self._known is not None:
            return self._known, False
        if self._estimate is not None:
            # The planner's figure can be stale (statistics from before a big delete): a list
            # that is in fact small is counted exactly, reading at most ESTIMATE_ABOVE + 1 ids.
            # In no order: the first rows of any scan will do.
            capped = self.counted_list.order_by().values("pk")[: ESTIMATE_ABOVE + 1].count()
            if capped > ESTIMATE_ABOVE:
                return max(self._estimate, capped), True
            return capped, False
        return self.counted_list.count(), False

    @property
    def count(self):
        return self._counted[0]

    @property
    def estimated(self) -> bool:
        """Whether count is the planner's estimate."""
        return self._counted[1]

    def validate_number(self, number):
        """A whole number from 1; whether the page exists is known when it is read."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number * self.per_page > MAX_OFFSET:  # no list is that long; the database refuses it
            raise EmptyPage("That page contains no results")
        return number

    def get_page(self, number):
        """The page asked for, the last one if it is past the end (Django's get_page only
        catches that in validate_number, which cannot know it here), else the first."""
        try:
            return super().get_page(number)
        except EmptyPage:
            try:
                return self.page(max(1, self.num_pages))
            except EmptyPage:  # an estimate beyond the real end
                return self.page(1)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < self._whole_below and not self._count_with_page:
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
            if not rows and number > 1:
                raise EmptyPage("That page contains no results")
            page = LargePage(rows[: self.per_page], number, self)
            page.more = len(rows) > self.per_page
            return page
        ids = self.object_list.values("pk")[bottom : bottom + self.per_page + 1]
        if self._count_with_page:
            counted = self._ids_counted(bottom)
            if counted:
                self._known = counted[0][1]
                self.__dict__.pop("_counted", None)
            ids = [pk for pk, _ in counted]
        rows = list(self.object_list.filter(pk__in=ids))
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        page = LargePage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _ids_counted(self, bottom) -> list[tuple]:
        """(id, number of rows in the list) for the page's rows and one more, in one query.

        PostgreSQL: the sort keys computed in a subquery (OFFSET 0 keeps it whole), counted
        over it with COUNT(*) OVER (), and only then ordered: the count carries the keys alone
        and the page is a top-N sort, never a sort of every row (a search's hits: 13,634 rows
        sorted took longer than ranking them). Elsewhere, or when the order is not by names:
        a window over the list's own order."""
        order = list(self.object_list.query.order_by)
        db = self.object_list.db
        terms = [_named(term) for term in order]
        if connections[db].vendor == "postgresql" and order and all(terms):
            names = ["pk" if n in ("pk", "id") else n for n, _ in terms]
            inner = self.object_list.order_by().values(*dict.fromkeys(["pk", *names]))
            sql, params = inner.query.sql_with_params()
            name = connections[db].ops.quote_name
            keys = ", ".join(
                f"{name(n)} {direction}" for n, (_, direction) in zip(names, terms, strict=True)
            )
            with connections[db].cursor() as cursor:
                cursor.execute(
                    f"SELECT {name('pk')}, COUNT(*) OVER () FROM ({sql} OFFSET 0) AS hits "
                    f"ORDER BY {keys} LIMIT %s OFFSET %s",
                    [*params, self.per_page + 1, bottom],
                )
                return cursor.fetchall()
        # Over the list's own order and the whole frame: the window then reads the rows
        # already sorted, and carries only the sort keys (COUNT(*) OVER () would carry every
        # column the sort needs, a stored search vector for one, through a tuplestore).
        total = Window(Count("*"), order_by=order, frame=RowRange(start=None, end=None))
        counted = self.object_list.annotate(_total=total)
        return list(counted.values_list("pk", "_total")[bottom : bottom + self.per_page + 1])


def _named(term) -> tuple[str, str] | None:
    """(name, SQL direction) of an order term by a name ("-rank", or newest_first()'s
    F("published_on").desc(nulls_last=True)); None for any other expression."""
    if isinstance(term, str):
        return term.lstrip("-"), "DESC" if term.startswith("-") else "ASC"
    if isinstance(term, OrderBy) and isinstance(term.expression, F):
        nulls = " NULLS LAST" if term.nulls_last else " NULLS FIRST" if term.nulls_first else ""
        return term.expression.name, ("DESC" if term.descending else "ASC") + nulls
    return None
