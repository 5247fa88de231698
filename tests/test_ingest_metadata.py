"""What a text says about itself: a dateline after a date marker still names the publisher,
and titles are headlines or first sentences, never a dateline."""

import pytest

from cbm.ingest import derive_title, ingest_bytes

pytestmark = pytest.mark.django_db


def test_a_dateline_after_a_date_marker_gives_the_publisher_not_the_title():
    text = b"date 2024-03-14 Vienna (Arms Control Wire) - The OSCE states agreed on notification of exercises. More followed."
    document = ingest_bytes(text, suggest=False).document
    assert document.publisher == "Arms Control Wire"
    assert str(document.published_on) == "2024-03-14"
    assert document.title == "The OSCE states agreed on notification of exercises."
    assert "Vienna" not in document.title


def test_a_short_first_line_without_a_full_stop_is_the_headline():
    text = b"Russia Notifies Large Exercise Near Border\nMoscow announced a drill. Observers were invited."
    assert (
        ingest_bytes(text, suggest=False).document.title
        == "Russia Notifies Large Exercise Near Border"
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The sides met in Geneva. They agreed.", "The sides met in Geneva."),
        (
            "The sides discussed prior notification\nof exercises in Geneva. Then left.",
            "The sides discussed prior notification of exercises in Geneva.",
        ),
        ("Observers came.", "Observers came."),
        ("word " * 100, ("word " * 40)[:159].rsplit(" ", 1)[0] + "…"),
    ],
)
def test_otherwise_the_first_sentence_cut_at_a_word(text, title):
    assert derive_title(text) == title
