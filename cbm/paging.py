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
from django.utils.functional import cached_property

from .queries import estimated_count

ESTIMATE_ABOVE = 20_000


class LargePage(Page):
    def has_next(self):
        return self.more


class LargePaginator(Paginator):
    def __init__(self, object_list, per_page, *args, count: int | None = None, **kwargs):
        """count: the list's length when the caller already knows it (nothing is counted)."""
        super().__init__(object_list, per_page, *args, **kwargs)
        self._known = count

    @cached_property
    def _estimate(self) -> int | None:
        estimate = estimated_count(self.object_list)
        return estimate if estimate is not None and estimate > ESTIMATE_ABOVE else None

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        if self._known is not None:
            return self._known, False
        if self._estimate is not None:
            # The planner's figure can be stale (statistics from before a big delete): a list
            # that is in fact small is counted exactly, reading at most ESTIMATE_ABOVE + 1 ids.
            # In no order: the first rows of any scan will do.
            capped = self.object_list.order_by().values("pk")[: ESTIMATE_ABOVE + 1].count()
            if capped > ESTIMATE_ABOVE:
                return max(self._estimate, capped), True
            return capped, False
        return super().count, False

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
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.object_list.values("pk")[bottom : bottom + self.per_page + 1]
        rows = list(self.object_list.filter(pk__in=ids))
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        page = LargePage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page
