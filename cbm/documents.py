"""Withdrawing a document from the public site, and restoring it: the one place it is done
(the admin and the API call these). Passages, links and history stay for curators."""

from django.core.exceptions import ValidationError

from .models import Document
from .positions import suggest_positions
from .suggest import suggest_for_document


def document_withdraw(*, document: Document, by, reason: str) -> Document:
    """Hide the document from every public page, search, feed, export and anonymous API."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the document is withdrawn."})
    return _save(document, by=by, withdrawn=True, reason=reason, why=f"withdrawn: {reason}")


def document_restore(*, document: Document, by, reason: str = "") -> Document:
    """Show a withdrawn document publicly again."""
    why = f"restored: {reason.strip()}" if (reason or "").strip() else "restored"
    return _save(document, by=by, withdrawn=False, reason="", why=why)


def _save(document, *, by, withdrawn, reason, why):
    document.withdrawn = withdrawn
    document.withdrawal_reason = reason[:300]
    document.full_clean()
    document._history_user = by
    document._change_reason = why[:100]
    document.save(update_fields=["withdrawn", "withdrawal_reason", "updated_at"])
    return document


def document_language_set(*, document: Document) -> None:
    """After a curator corrected a document's language: its passages take it (search reads
    them in it) and its suggestions, links and then positions as ingest makes them, are redone
    with the terms and cues of that language (what a curator decided stays)."""
    document.passages.exclude(language=document.language).update(language=document.language)
    suggest_for_document(document)
    suggest_positions(Document.objects.filter(pk=document.pk))
