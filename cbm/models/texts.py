"""The texts the registry reads: documents and their passages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..language import LANGUAGES
from ..translation import LANGUAGE_NAMES


def undated_last(term: str):
    """The one rule of every order by date: "-published_on" newest first, "published_on"
    oldest first, undated rows last either way, on every database (PostgreSQL puts NULL first
    going down, SQLite going up)."""
    field = F(term.removeprefix("-"))
    return field.desc(nulls_last=True) if term.startswith("-") else field.asc(nulls_last=True)


def newest_first(date_path: str = "published_on"):
    """Every list's order by date: dated rows newest first, undated ones last. PostgreSQL has
    indexes in this order (migrations 0035, 0036)."""
    return undated_last(f"-{date_path}")


# A publication date before this, or after tomorrow, is a mistyped year (0202 for 2022): new
# ones are refused (cbm.ingest.publication_date_problem); rows stored before that rule are left
# out of timelines and found by curators under the documents' filter "date to be checked".
EARLIEST_PUBLISHED = datetime.date(1900, 1, 1)


def publication_range() -> tuple[datetime.date, datetime.date]:
    """(earliest, latest) plausible publication date: 1900 to tomorrow."""
    return EARLIEST_PUBLISHED, timezone.localdate() + datetime.timedelta(days=1)


def plausible(day: datetime.date | None) -> bool:
    """A date a timeline may draw: known and inside publication_range()."""
    earliest, latest = publication_range()
    return day is not None and earliest <= day <= latest


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents the public site, feeds and exports show: not withdrawn."""
        return self.filter(withdrawn=False)

    def date_to_check(self):
        """Documents stored with an implausible date (see EARLIEST_PUBLISHED)."""
        return self.exclude(published_on=None).exclude(published_on__range=publication_range())

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def published_between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(published_on__gte=start)
        if end:
            qs = qs.filter(published_on__lte=end)
        return qs

    def newest_first(self):
        """Newest first, undated last; a batch ingested at once (one date, one created_at)
        in a stable order by id, so pages neither repeat nor skip a document."""
        return self.order_by(newest_first(), "-created_at", "-id")


class Document(models.Model):
    """A news report, statement, treaty text or transcript, with its body exactly as ingested."""

    class Kind(models.TextChoices):
        NEWS = "news", _("news report")
        STATEMENT = "statement", _("official statement")
        TREATY_TEXT = "treaty_text", _("treaty text")
        TRANSCRIPT = "transcript", _("transcript")
        ANALYSIS = "analysis", _("analysis")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # The languages the registry has terms, stemmers and search configurations for: the one
    # rule every way in (ingest, the admin, the API, the command) is checked by.
    language = models.CharField(
        _("language"), max_length=12, default="en", choices=list(LANGUAGES.items())
    )
    source_name = models.CharField(
        _("source file"), max_length=255, blank=True, help_text=_("File name it was ingested from.")
    )
    body = models.TextField(_("body"))
    withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_("Hidden from the public site, API, feeds and exports; kept for curators."),
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ingested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The body never changes after ingest; keeping it out of history keeps history small.
    history = HistoricalRecords(excluded_fields=["body"])
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = [newest_first(), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["news", "statement", "treaty_text", "transcript", "analysis", "other"]
                ),
                name="document_kind_valid",
                violation_error_message=_("Kind must be one of the listed kinds of document."),
            ),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64),
                name="document_sha256_length",
                violation_error_message=_(
                    "A document's SHA-256 fingerprint must be 64 hexadecimal characters (ingest computes it)."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="document_kind_idx"),
            models.Index(fields=["published_on"], name="document_published_idx"),
            models.Index(fields=["publisher"], name="document_publisher_idx"),
            models.Index(fields=["withdrawn"], name="document_withdrawn_idx"),
            # /documents/ (newest first) reads a page from this alone, at any depth, instead of
            # sorting them all.
            models.Index(
                fields=["-published_on", "-created_at", "-id"],
                condition=Q(withdrawn=False),
                name="document_public_newest_id_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cbm:document-detail", args=[self.pk])

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))


class PassageQuerySet(models.QuerySet):
    def public(self):
        """Passages of documents that are not withdrawn. Written as "not one of the few
        withdrawn documents" so that a list needs no join to every document (an index on
        passages alone answers it)."""
        return self.exclude(document__in=Document.objects.filter(withdrawn=True).values("pk"))

    def newest_first(self):
        """Newest first and undated last (see newest_first()), a document's in reading order."""
        return self.order_by(*Passage.NEWEST)


class Passage(models.Model):
    """A paragraph of a document; its text is document.body[start:end]."""

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="passages", verbose_name=_("document")
    )
    ordinal = models.PositiveIntegerField(_("paragraph number"), help_text=_("1 for the first."))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    text = models.TextField(_("text"))
    # Its document's, kept here because the stored search vector (a generated column) can
    # only read its own row: it picks the text-search configuration by it.
    language = models.CharField(_("language"), max_length=12, default="en", editable=False)
    # Its document's date, copied by the database (migration 0015_scalepages_published_on:
    # triggers on insert and on a change of the document's date, whatever writes them), so
    # that lists sort newest first from an index alone, without a join to every document.
    published_on = models.DateField(_("published on"), null=True, editable=False)

    objects = PassageQuerySet.as_manager()
    # Its document's order, from the copied date (no join), and reading order within it.
    NEWEST = (newest_first(), "-document_id", "ordinal")

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        # Its document's order (newest first, undated last, then the newer document) and
        # reading order within it, from the copied date: no join.
        ordering = [newest_first(), "-document_id", "ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "ordinal"],
                name="passage_unique_ordinal",
                violation_error_message=_(
                    "This document already has a paragraph with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ordinal__gte=1),
                name="passage_ordinal_from_one",
                violation_error_message=_("Paragraph numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")),
                name="passage_span_ordered",
                violation_error_message=_(
                    "A passage's end offset must come after its start offset (and start cannot be negative)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("text")),
                name="passage_text_fits_span",
                violation_error_message=_(
                    "A passage's text must be exactly as long as its span (end minus start)."
                ),
            ),
        ]
        indexes = [
            # A page of any list of passages at any depth, ids from the index alone.
            models.Index(
                fields=["-published_on", "-document", "ordinal", "id"], name="passage_newest_idx"
            ),
        ]

    def __str__(self):
        return f"{self.document} ¶{self.ordinal}"

    def get_absolute_url(self):
        return reverse("cbm:passage-detail", args=[self.document_id, self.ordinal])

    def clean(self):
        if self.document_id and self.document.body[self.start : self.end] != self.text:
            raise ValidationError(_("A passage's text must equal its document's body[start:end]."))
