"""Curators' writes one at a time: the row lock, the version rule and the errors they raise."""

from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Span

# PostgreSQL SQLSTATEs: lock_not_available (lock_timeout, NOWAIT), query_canceled (timeouts).
_LOCK_ERRORS = {"55P03", "57014"}


class LinkConflict(Exception):
    """Someone changed the link after the version the curator saw."""

    def __init__(self, link: Span):
        self.link = link
        # Messages in the language active: the curator's in the admin, English for the API.
        values = {"version": link.version}
        if link.reviewed_by:
            message = _(
                "This link was changed by %(who)s since you opened it (it is now at version "
                "%(version)s): reload it and decide again."
            )
            values["who"] = link.reviewed_by
        else:
            message = _(
                "This link was changed by someone else since you opened it (it is now at "
                "version %(version)s): reload it and decide again."
            )
        super().__init__(message % values)


class LinkGone(Exception):
    """The link no longer exists: a pending suggestion the matcher withdrew, or deleted."""

    def __init__(self):
        super().__init__(
            _(
                "This link no longer exists: the matcher withdrew the suggestion (its term "
                "changed) or it was deleted. Nothing was saved."
            )
        )


class LinkBusy(Exception):
    """The link is locked by another writer for longer than the lock timeout."""

    def __init__(self):
        super().__init__(
            _(
                "This link is being changed by someone else right now. Nothing was saved: try "
                "again in a moment."
            )
        )


def is_lock_timeout(error: Exception) -> bool:
    cause = getattr(error, "__cause__", None)
    return getattr(cause, "sqlstate", None) in _LOCK_ERRORS


def set_lock_timeout(milliseconds: int | None = None):
    """Bound lock waits for the rest of the current transaction (PostgreSQL only; SQLite has
    its busy timeout in the connection options)."""
    if connection.vendor == "postgresql":
        value = milliseconds if milliseconds is not None else settings.CBM_LOCK_TIMEOUT_MS
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(value)}ms"])


@contextmanager
def _bounded_wait():
    """A transaction whose lock waits end in LinkBusy after CBM_LOCK_TIMEOUT_MS."""
    with transaction.atomic():
        set_lock_timeout()
        try:
            yield
        except OperationalError as error:
            if is_lock_timeout(error):
                raise LinkBusy() from error
            raise


@contextmanager
def _locked(link: Span, expected_version: int | None):
    """The link's current row, locked until the surrounding transaction ends."""
    model = type(link)
    with _bounded_wait():
        try:
            current = model.objects.select_for_update().select_related("passage").get(pk=link.pk)
        except model.DoesNotExist:
            raise LinkGone() from None
        if expected_version is not None and current.version != expected_version:
            raise LinkConflict(current)
        yield current


def _save_decision(link: Span, *, by, reason: str | None = None, **changes) -> Span:
    if reason:
        link._change_reason = reason  # django-simple-history keeps why
    for field, value in changes.items():
        setattr(link, field, value)
    # A note is no verdict: on a decided link it leaves who decided and when (the public
    # provenance names them); on a pending one it makes the link the curator's, so that no
    # re-run of the matcher withdraws it with its note (undecided() is "no curator touched it").
    if set(changes) != {"note"} or link.status == Span.Status.PENDING:
        link.reviewed_by = by
        link.reviewed_at = timezone.now()
    link.version = (link.version or 0) + 1
    link.full_clean()
    link.save()
    return link
