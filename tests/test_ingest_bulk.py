"""Bulk ingest: the same documents, passages and per-file errors as ingest_bytes, in a few
multi-row writes whatever the number of files."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from cbm import ingest_bulk
from cbm.ingest import IngestError, ingest_bytes
from cbm.ingest_bulk import ingest_many
from cbm.models import Document, Mention, Passage

pytestmark = pytest.mark.django_db


def texts(n: int, tag: str = "") -> list[tuple[str, bytes]]:
    return [
        (
            f"report-{tag}{i}.txt",
            f"date 2020-0{1 + i % 9}-1{i % 9}\n\nMoscow (Interfax) - Report {tag}{i}: the sides "
            f"agreed on advance notice of exercises.\n\nA second paragraph, number {i}.".encode(),
        )
        for i in range(n)
    ]


def stored() -> list[tuple]:
    return [
        (
            d.source_name, d.title, d.publisher, d.published_on, d.language, d.kind, d.sha256,
            [(p.ordinal, p.start, p.end, p.text) for p in d.passages.order_by("ordinal")],
        )
        for d in Document.objects.order_by("source_name")
    ]  # fmt: skip


def test_bulk_ingest_stores_what_ingest_bytes_stores():
    """Same metadata, passages and links, file for file."""
    files = texts(6)
    for name, data in files:
        ingest_bytes(data, source_name=name, kind="news")
    one_by_one, links = stored(), Mention.objects.count()
    Document.objects.all().delete()
    outcomes = ingest_many(files, kind="news", batch_size=4)
    assert [name for name, _ in outcomes] == [name for name, _ in files]
    assert all(o.created and o.passages == 2 for _, o in outcomes)
    assert stored() == one_by_one
    assert Mention.objects.count() == links > 0
    assert sum(o.suggestions for _, o in outcomes) == links
    assert Document.history.filter(history_type="+").count() >= 6  # history kept


def test_each_file_gets_its_own_result_or_error():
    """A bad file is refused with ingest_bytes' message; repeats are unchanged; the rest in."""
    ingest_bytes(texts(1, "old")[0][1])
    bad = b"caf\xe9 and more words"
    files = [
        *texts(2),
        ("bad.txt", bad),
        ("empty.txt", b""),
        texts(1, "old")[0],
        ("again.txt", texts(1)[0][1]),
    ]
    outcomes = dict(ingest_many(files, suggest=False))
    for name in ("bad.txt", "empty.txt"):
        data = dict(files)[name]
        with pytest.raises(IngestError) as expected:
            ingest_bytes(data)
        assert isinstance(outcomes[name], IngestError)
        assert str(outcomes[name]) == str(expected.value)
    assert outcomes["report-0.txt"].created and outcomes["report-1.txt"].created
    assert outcomes["report-old0.txt"].outcome == "unchanged"
    again = outcomes["again.txt"]  # the same text twice in one upload: one document
    assert not again.created and again.document == outcomes["report-0.txt"].document
    assert Document.objects.count() == 3


def test_a_batch_the_database_refuses_is_written_file_by_file(monkeypatch):
    """If a batch breaks a constraint, each file is tried alone: the good ones go in."""
    calls = []
    real = ingest_bulk._write

    def refuse_once(documents, new):
        calls.append(len(documents))
        if len(calls) == 1:
            real(documents, new)
            raise IntegrityError("as if a concurrent upload had the same text")
        return real(documents, new)

    monkeypatch.setattr(ingest_bulk, "_write", refuse_once)
    outcomes = ingest_many(texts(3), suggest=False)
    assert calls == [3] and all(o.created for _, o in outcomes)
    assert Document.objects.count() == 3 and Passage.objects.count() == 6


def test_bulk_queries_do_not_grow_with_the_files():
    """Ten times the files, the same statements (multi-row inserts)."""
    counts = []
    for tag, n in (("a", 5), ("b", 50)):
        with CaptureQueriesContext(connection) as queries:
            ingest_many(texts(n, tag), suggest=False, batch_size=500)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_ingest_command_bulk(tmp_path):
    """manage.py ingest --bulk: same summary and one-line errors per file as without."""
    for name, data in [*texts(3), ("broken.txt", b"\xff\xfe\x00")]:
        (tmp_path / name).write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"4 file.*3 created.*1 failed; 6 passage"):
        call_command("ingest", str(tmp_path), "--bulk", "--no-suggest", stderr=err)
    assert "broken.txt" in err.getvalue()
    assert Document.objects.count() == 3


def test_one_statement_of_passages_over_many_documents_is_checked_against_each_body():
    """The database refuses a multi-row insert in which one passage is not its body's slice,
    and takes one in which all are (passages of several documents, out of order)."""
    first, second = (
        Document.objects.create(title=t, body=b, sha256=c * 64)
        for t, b, c in (("a", "Alpha beta.\n\nGamma — delta.", "a"), ("b", "Épsilon zeta.", "b"))
    )
    rows = [
        Passage(document=second, ordinal=1, start=0, end=13, text="Épsilon zeta."),
        Passage(document=first, ordinal=2, start=13, end=27, text="Gamma — delta."),
        Passage(document=first, ordinal=1, start=0, end=11, text="Alpha beta."),
    ]
    from django.db import transaction

    wrong = Passage(document=first, ordinal=3, start=13, end=27, text="Gamma - delta.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.bulk_create([*rows, wrong])
    Passage.objects.bulk_create(rows)
    assert Passage.objects.filter(document__in=[first, second]).count() == 3


@pytest.mark.postgres
def test_passages_copied_on_postgresql_are_refused_like_inserts():
    """On PostgreSQL passages go in by COPY; a row the database refuses is still Django's
    IntegrityError, so the batch is retried file by file as for an INSERT."""
    from django.db import transaction

    document = Document.objects.create(title="a", body="Alpha beta.", sha256="d" * 64)
    spans = {document.sha256: (document, [(0, 5), (6, 6)])}  # an empty span
    with pytest.raises(IntegrityError), transaction.atomic():
        ingest_bulk._copy_passages([document], spans)
    ingest_bulk._copy_passages([document], {document.sha256: (document, [(0, 5), (6, 11)])})
    assert list(document.passages.values_list("ordinal", "text")) == [(1, "Alpha"), (2, "beta.")]
