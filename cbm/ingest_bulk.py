"""Many texts at once (manage.py ingest --bulk, uploads of many files, background jobs).

Each file is read, checked and cut into passages exactly as ingest_bytes does (the same
`prepare`), and gets the same result or error of its own. What differs is the writing: a
batch of files is one transaction with multi-row inserts (documents with their history rows,
then all their passages), so a thousand files cost a few round trips instead of a dozen each.
The database still checks every constraint and every passage against its body; if a batch
breaks one, that batch is written again a file at a time, so the file at fault gets its own
error and the others go in.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from simple_history.utils import bulk_create_with_history

from .ingest import (
    IngestError,
    IngestResult,
    _one_line,
    already_there,
    ingest_bytes,
    passages_of,
    prepare,
)
from .models import Document, Passage
from .positions import suggest_positions
from .suggest import Matcher, Matchers, suggest

Outcome = IngestResult | IngestError


def ingest_many(
    files: Iterable[tuple[str, bytes]],
    *,
    batch_size: int = 500,
    suggest_links: bool = True,
    matcher: Matcher | None = None,
    **overrides,
) -> list[tuple[str, Outcome]]:
    """(name, result or IngestError) for each (name, bytes), in order. overrides are
    ingest_bytes' metadata arguments (title, kind, publisher …) and max_bytes."""
    if "suggest" in overrides:  # ingest_bytes' name for it
        suggest_links = overrides.pop("suggest")
    if suggest_links and matcher is None:
        matcher = Matchers()
    outcomes: list[tuple[str, Outcome]] = []
    batch: list[tuple[str, bytes]] = []
    for name, data in files:
        batch.append((name, data))
        if len(batch) >= batch_size:
            outcomes += _batch(batch, suggest_links, matcher, overrides)
            batch = []
    if batch:
        outcomes += _batch(batch, suggest_links, matcher, overrides)
    return outcomes


def _batch(files, suggest_links, matcher, overrides) -> list[tuple[str, Outcome]]:
    prepared: dict[int, tuple] = {}
    outcomes: list[Outcome | None] = []
    for index, (name, data) in enumerate(files):
        try:
            document, spans = prepare(data, source_name=name, **overrides)
            document.full_clean(validate_unique=False, validate_constraints=False)
        except IngestError as error:
            outcomes.append(error)
            continue
        except ValidationError as error:
            outcomes.append(IngestError(_one_line(error)))
            continue
        outcomes.append(None)
        prepared[index] = (document, spans)
    existing = {
        d.sha256: d
        for d in Document.objects.filter(
            sha256__in={document.sha256 for document, _ in prepared.values()}
        ).annotate(n=Count("passages"))
    }
    new: dict[str, tuple] = {}  # by sha256: the first of a text sent twice
    for index, (document, spans) in prepared.items():
        if document.sha256 in existing:
            found = existing[document.sha256]
            try:
                outcomes[index] = already_there(found, found.n, overrides.get("published_on"))
            except IngestError as error:
                outcomes[index] = error
        elif document.sha256 not in new:
            new[document.sha256] = (document, spans)
    try:
        with transaction.atomic():
            created = _write([document for document, _ in new.values()], new)
            suggestions = _suggest(created, matcher) if suggest_links else {}
    except IntegrityError:
        # A constraint, a passage check or a concurrent upload of the same text: find the
        # file at fault by writing them one at a time, each with its own result.
        return [
            (name, outcome if outcome is not None else _one(name, data, suggest_links, matcher, overrides))
            for (name, data), outcome in zip(files, outcomes, strict=True)
        ]  # fmt: skip
    for index, (document, spans) in prepared.items():
        if outcomes[index] is None:
            first = new[document.sha256][0]
            outcomes[index] = IngestResult(
                first,
                created=first is document,
                passages=len(spans),
                suggestions=suggestions.get(first.pk, 0) if first is document else 0,
            )
    return [(name, outcome) for (name, _), outcome in zip(files, outcomes, strict=True)]


def _write(documents: list[Document], new) -> list[Document]:
    bulk_create_with_history(documents, Document, batch_size=1000)
    if documents and documents[0].pk is None:  # a database that returns no ids
        ids = dict(
            Document.objects.filter(sha256__in=[d.sha256 for d in documents]).values_list(
                "sha256", "pk"
            )
        )
        for document in documents:
            document.pk = ids[document.sha256]
    if connection.vendor == "postgresql":
        _copy_passages(documents, new)
    else:
        passages = [p for d in documents for p in passages_of(d, new[d.sha256][1])]
        Passage.objects.bulk_create(passages, batch_size=5000)
    return documents


def _copy_passages(documents: list[Document], new) -> None:
    """The rows passages_of makes, by COPY: no model instance, no SQL literal per value. The
    database's checks and triggers run as for an INSERT; a violation is an IntegrityError."""
    fields = ["document", "ordinal", "start", "end", "text", "language"]
    columns = ", ".join(
        connection.ops.quote_name(Passage._meta.get_field(name).column) for name in fields
    )
    sql = f"COPY {connection.ops.quote_name(Passage._meta.db_table)} ({columns}) FROM STDIN"
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(sql) as copy,
    ):
        for document in documents:
            body, language = document.body, document.language
            for ordinal, (start, end) in enumerate(new[document.sha256][1], start=1):
                copy.write_row((document.pk, ordinal, start, end, body[start:end], language))


def _suggest(documents: list[Document], matcher) -> dict[int, int]:
    """Links for the new passages, in this transaction; the number created per document."""
    from .models import Citation, Mention

    ids = [d.pk for d in documents]
    suggest(Passage.objects.filter(document__in=ids), matcher=matcher)
    suggest_positions(Document.objects.filter(pk__in=ids))
    counts = dict.fromkeys(ids, 0)
    for model in (Mention, Citation):
        rows = model.objects.filter(passage__document__in=ids).values_list("passage__document")
        for document_id, n in rows.annotate(n=Count("pk")):
            counts[document_id] += n
    return counts


def _one(name, data, suggest_links, matcher, overrides) -> Outcome:
    try:
        return ingest_bytes(
            data, source_name=name, suggest=suggest_links, matcher=matcher, **overrides
        )
    except IngestError as error:
        return error
