"""Plain words for a broken database rule. Every constraint of the cbm models carries its
own violation_error_message (the admin's forms show it); this finds it again from an
IntegrityError that got past the forms, for the API's 400 and the admin's form error. The
messages are kept lazy and read when told: each in the language of the request that broke it."""

import re
from functools import cache

from django.apps import apps
from django.db import IntegrityError

FALLBACK = "This change breaks a rule of the registry's data; nothing was saved."


def all_constraints():
    """(model, constraint) for every constraint of the cbm models."""
    for model in apps.get_app_config("cbm").get_models():
        for constraint in model._meta.constraints:
            yield model, constraint


@cache
def _by_name() -> dict:
    return {c.name: c.violation_error_message for _model, c in all_constraints()}


@cache
def _by_columns() -> dict[tuple[str, frozenset], object]:
    """SQLite names the table and columns of a broken UNIQUE rule, not the rule: the rule
    those columns belong to, where only one rule has them (a partial one, whose condition
    SQLite does not name, included: term_unique_per_actor)."""
    found: dict[tuple[str, frozenset], list] = {}
    for model, constraint in all_constraints():
        fields = getattr(constraint, "fields", ())
        if fields:
            columns = frozenset(model._meta.get_field(name).column for name in fields)
            key = model._meta.db_table, columns
            found.setdefault(key, []).append(constraint.violation_error_message)
    return {key: messages[0] for key, messages in found.items() if len(messages) == 1}


def violation_message(error: IntegrityError) -> str:
    """The readable message of the constraint the error names, else a plain fallback (never
    the raw constraint name or SQL)."""
    text = str(error)
    names = _by_name()
    # PostgreSQL: … violates check constraint "name"; SQLite: CHECK constraint failed: name
    for name in re.findall(r"[A-Za-z0-9_]+", text):
        if name in names:
            return str(names[name])
    unique = re.search(r"UNIQUE constraint failed: (.+)", text)
    if unique:
        pairs = [column.strip().split(".", 1) for column in unique.group(1).split(",")]
        if all(len(pair) == 2 for pair in pairs):
            key = (pairs[0][0], frozenset(column for _table, column in pairs))
            return str(_by_columns().get(key, FALLBACK))
    return FALLBACK
