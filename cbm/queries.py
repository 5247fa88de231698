"""Query expressions shared by the admin, the API and the pages."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(model, field, **filters):
    """COUNT of model rows whose `field` is the outer row, as a correlated subquery: one query
    per page however many rows are shown (a join + GROUP BY would multiply with other counts)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}, **filters).order_by().values(field)
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
