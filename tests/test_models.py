"""The database itself refuses data that would make the registry lie."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cbm.ingest import ingest_bytes
from cbm.models import Citation, Document, Instrument, MeasureType, Mention, Passage, Term

pytestmark = pytest.mark.django_db

TEXT = (
    b"The allies offered prior notification of exercises.\n\nRussia asked for limits on missiles."
)


@pytest.fixture
def passage():
    return ingest_bytes(TEXT, suggest=False).document.passages.get(ordinal=1)


@pytest.fixture
def advance_notice():
    return MeasureType.objects.get(slug="advance-notice")


def mention(passage, measure_type, start, end, quote=None, **extra):
    quote = passage.text[start:end] if quote is None else quote
    return Mention(
        passage=passage, measure_type=measure_type, start=start, end=end, quote=quote, **extra
    )


def assert_db_refuses(obj):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_a_span_inside_its_passage_with_its_exact_words_is_stored(passage, advance_notice):
    """The quote "prior notification" at its offsets is accepted."""
    start = passage.text.index("prior notification")
    m = mention(passage, advance_notice, start, start + len("prior notification"))
    m.full_clean()
    m.save()
    assert Mention.objects.get().quote == "prior notification"


def test_database_refuses_a_span_past_the_end_of_its_passage(passage, advance_notice):
    """end > len(passage.text) is refused even when the quote has the right length."""
    length = len(passage.text)
    assert_db_refuses(mention(passage, advance_notice, length - 2, length + 3, quote="x" * 5))


def test_database_refuses_a_quote_that_is_not_the_slice(passage, advance_notice):
    """A quote of the right length but other words is refused by the database."""
    assert_db_refuses(mention(passage, advance_notice, 0, 3, quote="Foo"))


def test_database_refuses_a_quote_of_the_wrong_length(passage, advance_notice):
    assert_db_refuses(mention(passage, advance_notice, 0, 3, quote="The allies"))


def test_database_refuses_an_empty_or_reversed_span(passage, advance_notice):
    assert_db_refuses(mention(passage, advance_notice, 5, 5, quote=""))


def test_database_refuses_moving_a_stored_span_off_its_quote(passage, advance_notice):
    """Updates are checked too, not only inserts."""
    m = mention(passage, advance_notice, 4, 10)
    m.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.filter(pk=m.pk).update(start=5, end=11)


def test_citation_spans_are_checked_like_mentions(passage):
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    citation = Citation(passage=passage, instrument=cfe, start=0, end=3, quote="XYZ")
    assert_db_refuses(citation)


def test_one_row_per_passage_target_and_span(passage, advance_notice):
    mention(passage, advance_notice, 0, 3).save()
    assert_db_refuses(mention(passage, advance_notice, 0, 3))


def test_database_refuses_an_unknown_status(passage, advance_notice):
    assert_db_refuses(mention(passage, advance_notice, 0, 3, status="maybe"))


def test_database_refuses_a_second_document_with_the_same_sha256(passage):
    original = Document.objects.get()
    copy = Document(title="copy", body=original.body, sha256=original.sha256)
    assert_db_refuses(copy)


def test_database_refuses_a_passage_that_is_not_its_documents_text(passage):
    document = passage.document
    wrong = Passage(document=document, ordinal=9, start=0, end=3, text="Rus")
    assert_db_refuses(wrong)


def test_clean_explains_a_span_outside_the_passage(passage, advance_notice):
    """Curators get a readable message, not an IntegrityError."""
    m = mention(passage, advance_notice, 0, len(passage.text) + 4, quote="x")
    with pytest.raises(ValidationError, match="outside the passage"):
        m.clean()


def test_clean_explains_a_quote_mismatch(passage, advance_notice):
    with pytest.raises(ValidationError, match="exactly the passage's words"):
        mention(passage, advance_notice, 0, 3, quote="Foo").clean()


def test_a_term_signals_exactly_one_target():
    cfe = Instrument.objects.get(slug="cfe-treaty-1990")
    data_exchange = MeasureType.objects.get(slug="data-exchange")
    both = Term(measure_type=data_exchange, instrument=cfe, text="both")
    with pytest.raises(ValidationError, match="exactly one thing"):
        both.full_clean()  # (by the rule term_exactly_one_target, once)
    assert_db_refuses(both)
    assert_db_refuses(Term(text="neither"))


def test_a_proximity_term_needs_its_second_group():
    data_exchange = MeasureType.objects.get(slug="data-exchange")
    term = Term(measure_type=data_exchange, kind=Term.Kind.PROXIMITY, text="exchange*")
    with pytest.raises(ValidationError):
        term.clean()
    assert_db_refuses(term)


def test_named_querysets_split_links_by_review_state(passage, advance_notice):
    pending = mention(passage, advance_notice, 0, 3)
    accepted = mention(passage, advance_notice, 4, 10, status=Mention.Status.ACCEPTED)
    handmade = mention(passage, advance_notice, 11, 18, origin=Mention.Origin.CURATOR)
    for m in (pending, accepted, handmade):
        m.save()
    assert set(Mention.objects.pending()) == {pending, handmade}
    assert list(Mention.objects.accepted()) == [accepted]
    assert set(Mention.objects.decided()) == {accepted, handmade}
    assert list(Mention.objects.for_measure_type("advance-notice").accepted()) == [accepted]


def test_public_pages_exist_for_objects_with_a_url(client, passage, advance_notice):
    """get_absolute_url of every public object answers 200."""
    mention(passage, advance_notice, 0, 3, status=Mention.Status.ACCEPTED).save()
    objects = [
        advance_notice,
        advance_notice.category,
        Instrument.objects.get(slug="cfe-treaty-1990"),
        passage.document,
        passage,
    ]
    for obj in objects:
        assert client.get(obj.get_absolute_url()).status_code == 200, obj
