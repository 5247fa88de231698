import re

from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from ..paging import LargePaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=N&page_size=M (at most 500). A malformed number is a 400 that names it; a page
    past the end is a 404. Deep pages stay fast and `count` is estimated beyond 20,000 rows
    (cbm.paging)."""

    django_paginator_class = LargePaginator

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
