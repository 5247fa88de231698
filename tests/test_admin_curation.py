"""Curators correcting spans and adding documents get form errors they can act on, never a
server error or a silently wrong save."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cbm.curation import check_span
from cbm.ingest import ingest_bytes
from cbm.models import Document, Mention

from .test_admin import curator  # noqa: F401  (the logged-in curator fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curator")]

TEXT = b"Snap exercises are exempt from prior notification under the Vienna Document."


@pytest.fixture
def link():
    ingest_bytes(TEXT)
    return Mention.objects.order_by("pk").first()


def change(client, link, **fields):
    data = {
        "measure_type": link.measure_type_id,
        "start": link.start,
        "end": link.end,
        "quote": link.quote,
        "status": link.status,
        "note": link.note,
        **fields,
    }
    return client.post(reverse("admin:cbm_mention_change", args=[link.pk]), data)


def errors(response):
    return response.context["adminform"].form.errors


def test_words_not_in_the_passage_are_a_form_error_naming_them(client, link):
    response = change(client, link, quote="no such words here")
    assert response.status_code == 200
    assert "“no such words here” do not occur in this passage" in response.content.decode()


def test_changing_only_the_words_moves_the_span_to_them(client, link):
    response = change(client, link, quote="Snap exercises", reason="the matcher took too little")
    assert response.status_code == 302, errors(response)
    link.refresh_from_db()
    assert (link.start, link.quote) == (0, "Snap exercises")
    assert link.history.latest().history_change_reason == "the matcher took too little"


def test_words_and_offsets_that_disagree_are_an_error_not_a_silent_save(client, link):
    before = (link.start, link.end, link.quote)
    response = change(client, link, start=0, end=21, quote="Snap exercises")
    assert response.status_code == 200
    assert "are not the passage’s words at 0–21" in response.content.decode()
    link.refresh_from_db()
    assert (link.start, link.end, link.quote) == before


def test_a_span_that_cuts_a_word_needs_confirmation(client, link):
    data = {"start": 0, "end": 21, "quote": "Snap exercises are ex"}
    response = change(client, link, **data)
    assert response.status_code == 200
    assert "ends inside a word" in response.content.decode()
    response = change(client, link, **data, allow_partial_words="on")
    assert response.status_code == 302, errors(response)
    link.refresh_from_db()
    assert link.quote == "Snap exercises are ex"


def test_start_after_end_is_a_readable_message(client, link):
    response = change(client, link, start=20, end=5, quote="")
    body = response.content.decode()
    assert "must start before it ends" in body
    assert "span_ordered" not in body


def test_check_span_rules():
    """The rule shared with the API: offsets, words, or both agreeing; whole words."""
    text = "Snap exercises are exempt."
    assert check_span(text, None, None, "exercises") == (5, 14, "exercises")
    assert check_span(text, 5, 14, "") == (5, 14, "exercises")
    assert check_span(text, 0, 7, None, allow_partial_words=True) == (0, 7, "Snap ex")
    for start, end, quote in [
        (5, 14, "exempt"),
        (0, 7, ""),
        (3, 3, ""),
        (0, 99, ""),
        (1, None, ""),
    ]:
        with pytest.raises(ValidationError):
            check_span(text, start, end, quote)


def test_a_span_without_a_word_is_refused():
    """A space, a full stop or a quotation mark was accepted as a link's words (the API and the
    admin moved a suggestion's span to " "), and an accepted one would be published."""
    text = "Snap exercises are “exempt”."
    for start, end, quote in [(None, None, " "), (None, None, "."), (19, 20, ""), (4, 5, " ")]:
        with pytest.raises(ValidationError, match="holds no word"):
            check_span(text, start, end, quote, allow_partial_words=True)
    assert check_span(text, 19, 27, "") == (19, 27, "“exempt”")


def test_documents_add_is_the_ingest_page_and_takes_pasted_text(client):
    response = client.get(reverse("admin:cbm_document_add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:cbm_document_ingest")
    url = reverse("admin:cbm_document_ingest")
    response = client.post(url, {"text": TEXT.decode(), "kind": "news", "language": "en"})
    assert response.status_code == 200
    document = Document.objects.get()
    assert document.passages.count() == 1 and document.kind == "news"
    pending = f"?passage__document__id__exact={document.pk}&amp;status__exact=pending"
    assert pending in response.content.decode()  # straight to its pending suggestions
    response = client.post(url, {"text": "   ", "kind": "news", "language": "en"})
    assert "Choose one or more files, or paste a text." in response.content.decode()


def test_pasted_text_gets_the_same_errors_as_the_command(client):
    url = reverse("admin:cbm_document_ingest")
    response = client.post(
        url, {"text": "date 2024-02-30 Hello.", "kind": "news", "language": "en"}
    )
    assert "not a real date" in response.content.decode()
    assert not Document.objects.exists()


def test_a_pasted_text_with_a_null_character_is_not_said_to_be_missing(client):
    """Its field's error only: "Choose one or more files, or paste a text." beside it told the
    curator who had pasted a text that they had not."""
    url = reverse("admin:cbm_document_ingest")
    response = client.post(url, {"text": "Advance \x00 notice.", "kind": "news", "language": ""})
    form = response.context["form"]
    assert form.errors["text"] == ["Null characters are not allowed."]
    assert not form.non_field_errors()
    assert not Document.objects.exists()


def test_one_empty_file_does_not_reject_the_others(client):
    files = [
        SimpleUploadedFile("empty.txt", b"", content_type="text/plain"),
        SimpleUploadedFile("good.txt", TEXT, content_type="text/plain"),
    ]
    url = reverse("admin:cbm_document_ingest")
    body = client.post(url, {"files": files, "kind": "news", "language": "en"}).content.decode()
    assert "empty.txt: is empty" in body
    assert Document.objects.get().source_name == "good.txt"


def test_the_ingest_form_defaults_to_the_same_kind_as_the_command(client):
    page = client.get(reverse("admin:cbm_document_ingest"))
    assert page.context["form"]["kind"].initial == Document._meta.get_field("kind").default


def test_a_documents_pending_suggestions_link_opens_them(client):
    """The documents list's "pending links" (as ingest's results and the re-run message) link
    to the document's pending suggestions; the queue refused that filter with a 400."""
    ingest_bytes(TEXT)
    ingest_bytes(b"Both sides agreed on prior notification of military exercises.")
    document = Document.objects.order_by("pk").first()
    listing = client.get(reverse("admin:cbm_document_changelist")).content.decode()
    link = f"?passage__document__id__exact={document.pk}&amp;status__exact=pending"
    assert link in listing
    for queue in ("admin:cbm_mention_changelist", "admin:cbm_citation_changelist"):
        response = client.get(reverse(queue) + link.replace("&amp;", "&"))
        assert response.status_code == 200, queue
        shown = response.context["cl"].result_list
        assert shown and {row.passage.document_id for row in shown} == {document.pk}


def test_the_documents_list_counts_pending_mentions_and_citations_each_with_its_queue(client):
    """One "pending links" count of mentions and citations linked to the mentions alone: a
    document whose suggestions were all citations showed "2" over an empty queue."""
    import re

    from cbm.models import Citation

    ingest_bytes(TEXT)
    document = Document.objects.get()
    mentions = Mention.objects.pending().filter(passage__document=document).count()
    citations = Citation.objects.pending().filter(passage__document=document).count()
    assert mentions and citations
    listing = client.get(reverse("admin:cbm_document_changelist")).content.decode()
    for queue, count in (("mention", mentions), ("citation", citations)):
        url = reverse(f"admin:cbm_{queue}_changelist")
        href = f"{url}?passage__document__id__exact={document.pk}&amp;status__exact=pending"
        assert re.search(rf'<a href="{re.escape(href)}">{count}</a>', listing), queue
        queue_page = client.get(href.replace("&amp;", "&"))
        assert queue_page.context["cl"].result_count == count


def test_ingests_result_links_to_the_pending_mentions_and_the_pending_citations(client):
    """ "3 pending suggestions to review" linked to the pending mentions alone, though the
    count holds the citations too: each kind has its link."""
    from cbm.models import Citation

    url = reverse("admin:cbm_document_ingest")
    response = client.post(url, {"text": TEXT.decode(), "kind": "news", "language": "en"})
    document = Document.objects.get()
    assert Citation.objects.pending().filter(passage__document=document).exists()
    html = response.content.decode()
    for queue in ("mention", "citation"):
        href = (
            reverse(f"admin:cbm_{queue}_changelist")
            + f"?passage__document__id__exact={document.pk}&amp;status__exact=pending"
        )
        assert f'<a href="{href}">' in html, queue
