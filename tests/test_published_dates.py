"""A document's date copied onto its passages and mentions (migration 0015_scalepages_
published_on) is kept in step by the database, whoever writes: ingest, bulk inserts, a saved
model with a stale copy in memory, a change of the document's date."""

import datetime

import pytest
from django.db import connection

from cbm.ingest import ingest_bytes
from cbm.models import Document, MeasureType, Mention, Passage

pytestmark = pytest.mark.django_db
DAY = datetime.date(2021, 3, 4)


@pytest.fixture
def document():
    text = b"Prior notification of exercises was given.\n\nObservers were invited."
    document = ingest_bytes(text, published_on=DAY, suggest=False).document
    passage = document.passages.get(ordinal=1)
    Mention.objects.create(
        passage=passage,
        measure_type=MeasureType.objects.get(slug="advance-notice"),
        start=0,
        end=18,
        quote="Prior notification",
        status="accepted",
    )
    return document


def dates(document):
    passages = set(Passage.objects.filter(document=document).values_list("published_on", flat=True))
    mentions = set(
        Mention.objects.filter(passage__document=document).values_list("published_on", flat=True)
    )
    return passages, mentions


def test_new_passages_and_mentions_take_their_documents_date(document):
    assert dates(document) == ({DAY}, {DAY})


def test_a_change_of_the_documents_date_reaches_its_passages_and_mentions(document):
    later = datetime.date(2024, 1, 2)
    document.published_on = later
    document.save()
    assert dates(document) == ({later}, {later})
    Document.objects.filter(pk=document.pk).update(published_on=None)
    assert dates(document) == ({None}, {None})


def test_a_saved_row_cannot_write_a_wrong_copy(document):
    """The copy is the database's: a model saved with another value in memory keeps its
    document's date."""
    passage = document.passages.get(ordinal=2)
    passage.published_on = datetime.date(1999, 1, 1)
    passage.save()
    mention = Mention.objects.get(passage__document=document)
    mention.published_on = None
    mention.status = "rejected"
    mention.save()
    assert dates(document) == ({DAY}, {DAY})


def test_the_span_triggers_are_still_there(document):
    """0015 adds its columns in place: the span check still refuses a quote that is not the
    passage's words."""
    from django.db import IntegrityError, transaction

    passage = document.passages.get(ordinal=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.bulk_create(
            [
                Mention(
                    passage=passage,
                    measure_type=MeasureType.objects.get(slug="advance-notice"),
                    start=0,
                    end=9,
                    quote="Not these",
                )
            ]
        )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
        assert {"cbm_mention_check_insert", "cbm_passage_published_on_insert"} <= names
