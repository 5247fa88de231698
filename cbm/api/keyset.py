"""Keyset ("after this row") pages of a list, for next and previous links that cost the same
at any depth: the list's order plus the id, and the last row's values of them, make the
filter "rows that sort after these values". An OFFSET reads and drops every row before the
page; this reads only the page.

A cursor is the values of one row, whether the page runs forward from it (next) or back
from it (previous), and the order it belongs to, as url-safe base64 of JSON. It is not
secret: a client that edits one only moves elsewhere in the same list, and a malformed one
is a 400 that names it.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import F, OrderBy, Q
from rest_framework.exceptions import ValidationError as BadRequest


@dataclass(frozen=True)
class Key:
    path: str  # a field path as order_by() takes it, without the sign
    descending: bool
    field: object  # the model field at the end of the path
    # Where NULLs go in the key's own direction, if the order says (F(…).desc(nulls_last=True)):
    # True last, False first; None the database's own (see _null_is_largest).
    nulls_last: bool | None = None

    @property
    def name(self) -> str:
        """The key as a cursor records its order."""
        sign = "-" if self.descending else ""
        nulls = {None: "", True: " nulls last", False: " nulls first"}[self.nulls_last]
        return f"{sign}{self.path}{nulls}"


def keys_of(queryset) -> list[Key] | None:
    """The order of queryset as keys, ending with the id (unique, so every row has one place);
    None when it sorts by anything but plain field paths (an annotation, an expression)."""
    query = queryset.query
    terms = list(query.order_by) or (
        list(queryset.model._meta.ordering) if query.default_ordering else []
    )
    keys, seen = [], set()
    for term in terms:
        nulls_last = None
        if isinstance(term, OrderBy) and isinstance(term.expression, F):
            nulls_last = True if term.nulls_last else (False if term.nulls_first else None)
            term = ("-" if term.descending else "") + term.expression.name
        if not isinstance(term, str) or term == "?":
            return None
        path = term.lstrip("-")
        path = "pk" if path in ("pk", "id") else path
        field = _field(queryset.model, path)
        if field is None or path in query.annotations:
            return None
        if field.is_relation and path.rsplit("__", 1)[-1] != field.attname:
            path = f"{path}_id"  # a foreign key sorts by the related row's id: name that
        if path not in seen:
            keys.append(Key(path, term.startswith("-"), field, nulls_last))
            seen.add(path)
    if "pk" not in seen:
        keys.append(Key("pk", False, queryset.model._meta.pk))
    return keys


def _field(model, path):
    field = None
    for part in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field


def ordered(queryset, keys: list[Key], *, backwards=False):
    """queryset in the keys' order (reversed: read back from a cursor)."""
    return queryset.order_by(*(_order(key, backwards) for key in keys))


def _order(key: Key, backwards: bool):
    if key.nulls_last is None:
        return ("-" if key.descending != backwards else "") + key.path
    nulls_last = key.nulls_last != backwards  # read back, NULLs swap ends too
    order = F(key.path).desc if key.descending != backwards else F(key.path).asc
    return order(nulls_last=True) if nulls_last else order(nulls_first=True)


def value_of(row, path: str):
    """A key's value in a row: an instance (following relations) or a values() dict."""
    if isinstance(row, dict):
        return row[path]
    for part in path.split("__"):
        row = getattr(row, "pk" if part == "pk" else part)
    return row


def _nulls_last_ascending() -> bool:
    """Where NULL sorts: PostgreSQL and Oracle put it after every value going up; SQLite and
    MySQL before."""
    return connection.vendor in ("postgresql", "oracle")


def _null_is_largest(key: Key) -> bool:
    """Whether NULL sorts as above every value of the key: as the order says, else as the
    database does."""
    if key.nulls_last is None:
        return _nulls_last_ascending()
    return key.nulls_last != key.descending


def _beyond(key: Key, value, backwards: bool) -> Q | None:
    """Rows whose key sorts strictly beyond value in the reading direction; None: none do."""
    descending = key.descending != backwards
    null_is_largest = _null_is_largest(key)
    if value is None:
        # NULL is at one end: beyond it lie all the other values, or nothing.
        return Q(**{f"{key.path}__isnull": False}) if null_is_largest == descending else None
    beyond = Q(**{f"{key.path}__{'lt' if descending else 'gt'}": value})
    if null_is_largest != descending:  # NULLs come after every value in this direction
        beyond |= Q(**{f"{key.path}__isnull": True})
    return beyond


def _equal(key: Key, value) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def beyond(keys: list[Key], values: list, *, backwards=False) -> Q:
    """Rows after (backwards: before) the row with these values, in the keys' order:
    k1 beyond v1, or k1 = v1 and k2 beyond v2, and so on. The first key's bound is repeated
    on its own (k1 <= v1 going down) so an index on it starts the scan at the cursor."""
    condition, equal = Q(pk__in=[]), Q()
    for key, value in zip(keys, values, strict=True):
        step = _beyond(key, value, backwards)
        if step is not None:
            condition |= equal & step
        equal &= _equal(key, value)
    first, value = keys[0], values[0]
    if value is not None and (first.descending != backwards) == _null_is_largest(first):
        # NULLs lie behind the cursor: the bound alone says where the rows ahead are.
        lookup = "lte" if first.descending != backwards else "gte"
        condition &= Q(**{f"{first.path}__{lookup}": value})
    return condition


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def encode(keys: list[Key], row, *, backwards=False) -> str:
    payload = {
        "o": [key.name for key in keys],
        "v": [_plain(value_of(row, key.path)) for key in keys],
    }
    if backwards:
        payload["b"] = 1
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(keys: list[Key], cursor: str, name: str = "cursor") -> tuple[list, bool]:
    """(values, backwards) of a cursor made by encode() for this order; else a 400."""
    invalid = BadRequest(
        {name: "is not a cursor of this list: follow a next or previous link as given."}
    )
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        payload = json.loads(text)
        order, values = payload["o"], payload["v"]
        backwards = bool(payload.get("b", 0))
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise invalid from None
    if order != [key.name for key in keys]:
        raise BadRequest(
            {name: "belongs to another order of this list: start again from its first page."}
        )
    if not isinstance(values, list) or len(values) != len(keys):
        raise invalid
    try:
        values = [
            None if value is None else key.field.to_python(value)
            for key, value in zip(keys, values, strict=True)
        ]
        for key, value in zip(keys, values, strict=True):
            if value is not None:
                key.field.run_validators(value)  # e.g. a number the column cannot hold
    except (ValidationError, TypeError, ValueError, OverflowError):
        raise invalid from None
    if any(isinstance(value, list | dict) for value in values):
        raise invalid
    return values, backwards
