"""Query expressions shared by the admin, the API and the pages."""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce


def count_of(model, field, **filters):
    """COUNT of model rows whose `field` is the outer row, as a correlated subquery: one query
    per page however many rows are shown (a join + GROUP BY would multiply with other counts)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}, **filters).order_by().values(field)
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def estimated_count(queryset) -> int | None:
    """The PostgreSQL planner's estimate of a queryset's rows (one EXPLAIN, no scan); None
    elsewhere."""
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (none(), pk__in=[])
        return 0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# The years with public documents, newest first: one probe of the newest-first index per year
# (a loose index scan) instead of reading every document. Only plausible dates (1900 to
# tomorrow): a mistyped year stored before they were refused is no year to filter by.
PUBLIC_YEARS = """
WITH RECURSIVE years(y) AS (
    SELECT extract(year FROM max(published_on))::int FROM cbm_document
    WHERE NOT withdrawn AND published_on <= %s
    UNION ALL
    SELECT (SELECT extract(year FROM max(d.published_on))::int FROM cbm_document d
            WHERE NOT d.withdrawn AND d.published_on < make_date(years.y, 1, 1))
    FROM years WHERE years.y > %s
)
SELECT y FROM years WHERE y >= %s
"""


def public_years() -> list[int]:
    """Years in which public documents were published, newest first (one query)."""
    from .models import Document
    from .models.texts import publication_range

    earliest, latest = publication_range()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(PUBLIC_YEARS, [latest, earliest.year, earliest.year])
            return [row[0] for row in cursor.fetchall()]
    from django.db.models.functions import ExtractYear

    return list(
        Document.objects.public()
        .filter(published_on__range=(earliest, latest))
        .annotate(year=ExtractYear("published_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


class RelatedValue(Expression):
    """The value at path ("term__text", "reviewed_by__curator_profile__display_name") of the
    row a foreign key names, as a correlated scalar subquery written out directly: what
    Subquery(Related.objects.filter(pk=OuterRef(key)).values(field)) gives, without building
    and compiling a query for it on every request. Each step is a foreign key or a reverse
    one-to-one from the row before; every one ends at one row or none (NULL)."""

    def __init__(self, model, path: str):
        super().__init__()
        parts = path.split("__")
        key = model._meta.get_field(parts[0])
        if not (key.many_to_one or key.one_to_one) or not key.concrete:
            raise ValueError(f"{path}: {parts[0]} is not a foreign key of {model.__name__}")
        self.outer_column = key.column  # the outer row's key column
        current, matched = key.related_model, key.target_field.column
        for part in parts[1:-1]:
            relation = current._meta.get_field(part)
            if not (relation.one_to_one and relation.auto_created):
                raise ValueError(f"{path}: {part} is not a reverse one-to-one")
            # Matched on what the previous step gave: a reverse one-to-one is keyed by the
            # previous row's id, which the foreign key before it already holds.
            if matched != current._meta.pk.column:
                raise ValueError(f"{path}: {part} must follow a key to an id")
            current, matched = relation.related_model, relation.field.column
        field = current._meta.get_field(parts[-1])
        self.table, self.matched, self.column = current._meta.db_table, matched, field.column
        self.output_field = field

    def as_sql(self, compiler, connection):
        name = compiler.quote_name_unless_alias
        outer = name(compiler.query.get_initial_alias())
        sql = (
            f"(SELECT related.{name(self.column)} FROM {name(self.table)} related "
            f"WHERE related.{name(self.matched)} = {outer}.{name(self.outer_column)})"
        )
        return sql, []
