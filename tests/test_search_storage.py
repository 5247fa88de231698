"""PostgreSQL: ranking reads each hit's vector from its own row (migration 0019), and the
search's hits, ranks, order and count are those of ts_rank over the passages' text."""

import random

import pytest
from django.db import connection

from cbm.ingest import ingest_bytes
from cbm.paging import LargePaginator
from cbm.search import SearchFilters, search_passages

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

WORDS = [f"{a}{b}{c}" for a in "bdfgklmnprstvz" for b in "aeiou" for c in ("ng", "rt", "lk")]


def long_paragraph(rng, n):
    """~1,700 characters of distinct words and the phrase: its row is longer than a page
    keeps whole (~2 kB), and its vector does not compress."""
    words = rng.sample(WORDS, 180)
    words[rng.randrange(len(words))] = "advance notice" if n % 3 else "notice in advance"
    return " ".join(words).capitalize() + "."


def corpus():
    """Few rows, so that what they leave in the table's file (rolled back) stays small."""
    rng = random.Random(15)
    for n in range(2):
        paragraphs = [long_paragraph(rng, n * 10 + i) for i in range(6)]
        paragraphs += ["The advance notice was short.", "No notice was given in advance."]
        body = "\n\n".join(paragraphs)
        ingest_bytes(f"date 2024-0{n + 1}-01\n\n{body}".encode(), suggest=False)


RANKED = """
SELECT p.id FROM cbm_passage p, websearch_to_tsquery('english', %s) q
WHERE to_tsvector('english', p.text) @@ q
ORDER BY ts_rank(to_tsvector('english', p.text), q) DESC, p.published_on DESC, p.id
"""


def toast_blocks_read(sql, params):
    """Blocks of cbm_passage's TOAST table this transaction read while running sql."""
    counter = (
        "SELECT pg_stat_get_xact_blocks_fetched(reltoastrelid) FROM pg_class "
        "WHERE relname = 'cbm_passage'"
    )
    with connection.cursor() as cursor:
        cursor.execute(counter)
        before = cursor.fetchone()[0]
        cursor.execute(sql, params)
        cursor.fetchall()
        cursor.execute(counter)
        return cursor.fetchone()[0] - before


def test_search_ranks_as_ts_rank_over_the_text_does():
    corpus()
    for q in ("advance notice", '"advance notice"', "notice -short"):
        with connection.cursor() as cursor:
            cursor.execute(RANKED, [q])
            expected = [pk for (pk,) in cursor.fetchall()]
        assert len(expected) >= 8, q
        assert [p.pk for p in search_passages(q, SearchFilters())] == expected
        paginator = LargePaginator(search_passages(q, SearchFilters()), 20, count_with_page=True)
        page = paginator.get_page(1)
        assert [p.pk for p in page] == expected[:20]
        assert paginator.count == len(expected)


def test_ranking_reads_no_vector_out_of_its_row():
    """Before 0019 a long passage's vector went to the TOAST table (the larger value first,
    and a vector does not compress): ranking read it back from there for every such hit."""
    corpus()
    rank = (
        "SELECT ts_rank(search_vector, q) FROM cbm_passage, "
        "websearch_to_tsquery('english', %s) q WHERE search_vector @@ q"
    )
    long_rows = "pg_column_size(text) + pg_column_size(search_vector) > 1800"
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending: ALTER
        cursor.execute(f"SELECT count(*) FROM cbm_passage WHERE {long_rows}")
        assert cursor.fetchone()[0] == 12
        # As the column was stored before: the vectors of the long rows go out of line.
        cursor.execute("ALTER TABLE cbm_passage ALTER COLUMN search_vector SET STORAGE EXTENDED")
        cursor.execute(f"UPDATE cbm_passage SET language = language WHERE {long_rows}")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert toast_blocks_read(rank, ["advance notice"]) > 0
    # As 0019 stores it: the text goes out first, the vector stays in the row.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE cbm_passage ALTER COLUMN search_vector SET STORAGE MAIN")
        cursor.execute(f"UPDATE cbm_passage SET language = language WHERE {long_rows}")
    assert toast_blocks_read(rank, ["advance notice"]) == 0
    assert [p.text[:40] for p in search_passages("advance notice", SearchFilters())][:1]


def test_pages_of_ranked_hits_are_previous_and_next_not_newer_and_older(client):
    """Hits come best first, so their page links do not promise newer or older passages;
    the filters alone (no words) list newest first and say so."""
    paragraphs = [f"The drill number {n} was notified." for n in range(25)]
    ingest_bytes("\n\n".join(paragraphs).encode(), suggest=False)
    page = client.get("/search/", {"q": "drill", "page": 2}).content.decode()
    assert 'rel="prev">← Previous</a>' in page and "Newer" not in page
    listed = client.get("/search/", {"kind": "other"}).content.decode()
    assert 'rel="next">Older →</a>' in listed
