"""CSV exports: every row of a list that matches its filters, streamed.

On PostgreSQL the rows come from `COPY (the list's own query) TO STDOUT`, so the database
writes the CSV and Python only relays bytes; elsewhere they are written row by row from the
same query. Either way the file ends with a trailer line `# end: N rows`: a file without it
was cut short (a worker timeout, a dropped connection, a database error), and on an error
the stream raises instead of ending cleanly, so the server aborts the chunked response.
Larger exports than CBM_EXPORT_MAX_ROWS are refused before anything is sent (a 400 naming
the limit); background jobs call write_csv, which has no limit.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse

TRAILER = "# end: {n} rows\n"
TRAILER_PATTERN = re.compile(rb"# end: ([0-9]+) rows\n\Z")
# What a spreadsheet may read as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportTooLarge(Exception):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"more than {limit:,} rows match, the most a download may have: narrow the filters "
            "(dates, publisher, document, measure type …) or ask for a background export."
        )


class IncompleteExport(Exception):
    """A stream that ended without its trailer."""


def max_rows() -> int:
    return getattr(settings, "CBM_EXPORT_MAX_ROWS", 500_000)


def cell(value) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def safe(field: str):
    """The field's text, with a leading apostrophe where a spreadsheet would see a formula —
    computed by the database, so COPY writes it as it is."""
    return Case(
        When(Q(**{f"{field}__regex": r"^[-=+@\t\r]"}), then=Concat(Value("'"), F(field))),
        default=F(field),
        output_field=CharField(),
    )


def passage_url(base_url: str, prefix: str = ""):
    """The absolute URL of a passage's page, built by the database from its numbers."""
    marker = reverse("cbm:passage-detail", args=[987654321, 123456789])
    head, rest = marker.split("987654321")
    middle, tail = rest.split("123456789")
    return Concat(
        Value(base_url.rstrip("/") + head),
        Cast(f"{prefix}document_id", CharField()),
        Value(middle),
        Cast(f"{prefix}ordinal", CharField()),
        Value(tail),
        output_field=CharField(),
    )


def link_fields(target: str):
    """Columns of a link export: one row per link with its document, date, passage, offsets
    in the passage and in the document, the words and the passage's address."""

    def fields(base_url: str, *, head=("id", "status", target)) -> list[tuple[str, object]]:
        columns = {"id": "pk", "status": "status", target: f"{target}__slug"}
        return [
            *((name, columns[name]) for name in head),
            ("document_id", "passage__document_id"),
            ("document_title", safe("passage__document__title")),
            ("publisher", safe("passage__document__publisher")),
            ("published_on", "passage__document__published_on"),
            ("passage_number", "passage__ordinal"),
            ("start", "start"),
            ("end", "end"),
            ("document_start", F("passage__start") + F("start")),
            ("document_end", F("passage__start") + F("end")),
            ("quote", safe("quote")),
            ("passage_url", passage_url(base_url, "passage__")),
        ]

    return fields


def passage_fields(base_url: str) -> list[tuple[str, object]]:
    return [
        ("id", "pk"),
        ("document_id", "document_id"),
        ("document_title", safe("document__title")),
        ("published_on", "document__published_on"),
        ("passage_number", "ordinal"),
        ("start", "start"),
        ("end", "end"),
        ("text", safe("text")),
        ("passage_url", passage_url(base_url)),
    ]


def position_fields(base_url: str) -> list[tuple[str, object]]:
    return [
        ("id", "pk"),
        ("status", "status"),
        ("actor", "actor__slug"),
        ("stance", "stance"),
        ("measure_type", "measure_type__slug"),
        ("instrument", "instrument__slug"),
        *link_fields("actor")(base_url, head=()),
        ("origin", "origin"),
    ]


# The exports written by the database, by the API list's basename; other lists' CSV
# (csv_columns on the viewset) is written row by row, with the same trailer.
FIELDS = {
    "mention": link_fields("measure_type"),
    "citation": link_fields("instrument"),
    "passage": passage_fields,
    "position": position_fields,
}


def header(names: Iterable[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(names)
    return out.getvalue().encode()


def check_size(queryset, limit: int | None) -> None:
    """Refuse before streaming: counting up to limit + 1 rows costs at most that many."""
    if limit is not None and queryset.order_by()[: limit + 1].count() > limit:
        raise ExportTooLarge(limit)


def stream_fields(queryset, fields: list[tuple[str, object]]) -> Iterator[bytes]:
    """CSV bytes of queryset with fields (name, expression or field path), then the trailer."""
    columns = {f"csv_{i}": F(e) if isinstance(e, str) else e for i, (_, e) in enumerate(fields)}
    rows = queryset.annotate(**columns).values_list(*columns)
    yield header(name for name, _ in fields)
    if connection.vendor == "postgresql":
        yield from _copy(rows)
    else:
        yield from stream_rows(list(r) for r in rows.iterator(chunk_size=2000))


def _copy(rows) -> Iterator[bytes]:
    sql, params = rows.query.sql_with_params()
    statement = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(statement) as copy:
            for block in copy:
                yield bytes(block)
        count = raw.rowcount
    yield TRAILER.format(n=count).encode()


def stream_rows(rows: Iterable[list], names: list[str] | None = None) -> Iterator[bytes]:
    """The portable path: rows written by Python (cells made safe), then the trailer."""
    if names is not None:
        yield header(names)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow([cell(value) for value in row])
        count += 1
        if out.tell() > 64 * 1024:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode()
    yield TRAILER.format(n=count).encode()


def complete(content: bytes) -> int:
    """The row count a complete export's trailer states; IncompleteExport if it has none."""
    found = TRAILER_PATTERN.search(content[-64:])
    if not found:
        raise IncompleteExport("the export ended without its '# end: N rows' line")
    return int(found.group(1))


def _list_response(name: str, params: dict, *, base_url: str, user=None):
    """API list `name` ("mentions", "passages" …) answered to params, as user (anonymous by
    default: public rows only), without a row limit."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    from .api.urls import router

    basenames = {prefix: basename for prefix, _, basename in router.registry}
    if name not in basenames:
        raise ValueError(f"no export named {name!r}; one of {', '.join(sorted(basenames))}")
    path = reverse(f"api:{basenames[name]}-list")
    # As asked of the site itself: a page's links are built with this host, and the test
    # client's default one is refused by a real site's ALLOWED_HOSTS.
    host = urlsplit(base_url).netloc
    extra = {"HTTP_HOST": host, "secure": base_url.startswith("https:")} if host else {}
    request = RequestFactory().get(path, params, **extra)
    request.user = user or AnonymousUser()
    request.export_base_url = base_url  # the site's address, as a job knows no request's host
    request.export_row_limit = None  # a job has no download to keep short
    return resolve(path).func(request)


# An export is every row: a page, a cursor or a page size of the list it comes from says
# nothing about it (and a malformed one must not fail the job after the form took it).
PAGING = ("page", "cursor", "page_size", "format")


def export_filters(filters: dict) -> dict:
    """The filters an export of a list reads: its query parameters without paging."""
    return {key: value for key, value in filters.items() if key not in PAGING}


def filter_errors(name: str, filters: dict, *, user=None, base_url: str = "/") -> list[str]:
    """What the list would refuse in filters (a malformed value, an unknown parameter), as
    "parameter: reason" lines; empty if it takes them. Reads one row, not the export."""
    params = export_filters(filters)
    response = _list_response(name, {**params, "page_size": 1}, base_url=base_url, user=user)
    if response.status_code == 200:
        return []
    data = getattr(response, "data", None)
    if not isinstance(data, dict):
        return [str(data)]
    lines = []
    for key, reasons in data.items():
        reasons = reasons if isinstance(reasons, list) else [reasons]
        lines += [f"{key}: {reason}" for reason in reasons]
    return lines


def write_csv(name: str, filters: dict, file, *, base_url: str, user=None) -> int:
    """Write the export of API list `name` ("mentions", "passages" …) with `filters` (the
    list's query parameters) to a binary file, as user (anonymous by default: public rows
    only), without a row limit; returns the number of rows. For background jobs."""
    params = {**export_filters(filters), "format": "csv"}
    response = _list_response(name, params, base_url=base_url, user=user)
    if response.status_code != 200:
        raise ValueError(f"export {name!r} refused: {getattr(response, 'data', response)}")
    tail = b""
    for block in response.streaming_content:
        file.write(block)
        tail = (tail + block)[-64:]
    return complete(tail)
