"""Curated links: exact spans of passages tied to a measure type or an instrument."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..translation import display_name
from .instruments import Instrument
from .taxonomy import MeasureType
from .terms import Term
from .texts import Passage, newest_first, publication_range


def is_decided(status: str, origin: str, reviewed_at) -> bool:
    """A curator has spoken on this link: suggest must never alter, duplicate or re-create it.
    The same rule as SpanQuerySet.decided(), for rows already in memory."""
    return status != "pending" or origin == "curator" or reviewed_at is not None


# The same rule as a condition, for links and for their history rows alike.
DECIDED = ~Q(status="pending") | Q(origin="curator") | Q(reviewed_at__isnull=False)


class SpanQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Span.Status.PENDING)

    def accepted(self):
        return self.filter(status=Span.Status.ACCEPTED)

    def public(self):
        """What anyone may see: accepted links in documents that are not withdrawn (as "no
        withdrawn document has its passage": counts and pages need no join). NOT EXISTS, not
        NOT IN: PostgreSQL plans it as an anti-join, and a newest-first page of a million
        passages walks the date index as without the condition (NOT IN's hashed subplan made
        it cost 20 times more, and the planner chose a parallel sort of every document)."""
        withdrawn = Passage.objects.filter(pk=OuterRef("passage_id"), document__withdrawn=True)
        return self.filter(status=Span.Status.ACCEPTED).exclude(Exists(withdrawn))

    def rejected(self):
        return self.filter(status=Span.Status.REJECTED)

    def suggested(self):
        return self.filter(origin=Span.Origin.SUGGESTED)

    def by_curator(self):
        return self.filter(origin=Span.Origin.CURATOR)

    def decided(self):
        """Links a curator has spoken on: reviewed, edited or made by hand (see is_decided)."""
        return self.filter(DECIDED)

    def undecided(self):
        """Pending suggestions no curator has touched: the matcher's own, which it may replace."""
        return self.filter(status="pending", origin="suggested", reviewed_at__isnull=True)

    def in_document(self, document):
        return self.filter(passage__document=document)

    def plausibly_dated(self):
        """Links in documents whose date a timeline may draw (texts.plausible): a mistyped year
        stored before such dates were refused (2990) is nobody's latest news."""
        return self.filter(passage__document__published_on__range=publication_range())

    def newest_first(self):
        """Newest first and undated last (texts.newest_first), then in reading order, then by
        id: one order for the pages, the feeds and the API. A mention sorts by its own copy of
        its document's date (an index's order, no join); other links by their document's."""
        names = {f.name for f in self.model._meta.get_fields()}
        dated = "published_on" if "published_on" in names else "passage__document__published_on"
        return self.order_by(
            newest_first(dated), "passage__document_id", "passage__ordinal", "start", "pk"
        )


class Span(models.Model):
    """What Mention and Citation share: an exact span of a passage, proposed or decided."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    class Origin(models.TextChoices):
        SUGGESTED = "suggested", _("suggested by the matcher")
        CURATOR = "curator", _("added by a curator")

    passage = models.ForeignKey(Passage, models.CASCADE, verbose_name=_("passage"))
    start = models.PositiveIntegerField(_("start"), help_text=_("Offset in the passage."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset in the passage."))
    quote = models.TextField(_("quote"), help_text=_("The exact words: passage.text[start:end]."))
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.SUGGESTED
    )
    term = models.ForeignKey(
        Term,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("term that fired"),
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Kept apart from origin (the rules for suggestions are the same) and from a missing term
    # (a deleted term leaves one too), so the pages can say truly what found the link.
    by_model = models.BooleanField(
        _("suggested by the measure-type model"),
        default=False,
        editable=False,
        help_text=_("Suggested by the measure-type model, not by a term."),
    )
    confidence = models.FloatField(
        _("confidence"),
        null=True,
        blank=True,
        help_text=_("How likely the ranker thinks the suggestion is right (0–1)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Moves on with every curator's write: a client that sends the version it saw gets a
    # conflict instead of silently overwriting a newer decision (cbm.curation).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = SpanQuerySet.as_manager()

    class Meta:
        abstract = True

    # Subclasses name their target field; the rules below use it.
    target_field = ""

    def __str__(self):
        return f"“{self.quote}” → {display_name(self.target)} ({self.get_status_display()})"

    @property
    def target(self):
        return getattr(self, self.target_field)

    def clean(self):
        if self.start is None or self.end is None or not self.passage_id:
            return
        text = self.passage.text
        if not 0 <= self.start < self.end <= len(text):
            raise ValidationError(
                _("The span %(start)s–%(end)s lies outside the passage (0–%(length)s).")
                % {"start": self.start, "end": self.end, "length": len(text)}
            )
        if self.quote != text[self.start : self.end]:
            raise ValidationError(
                {"quote": _("The quote must be exactly the passage's words at start–end.")}
            )


def span_constraints(prefix, target_field):
    """The database rules every Span subclass carries (the cross-table ones are triggers).
    Without a target_field the subclass states its own uniqueness."""
    rules = [
        models.CheckConstraint(
            condition=Q(start__gte=0) & Q(end__gt=F("start")),
            name=f"{prefix}_span_ordered",
            violation_error_message=_(
                "The span's end must come after its start (start before end, neither negative)."
            ),
        ),
        models.CheckConstraint(
            condition=Q(end=F("start") + Length("quote")),
            name=f"{prefix}_quote_fits_span",
            violation_error_message=_(
                "The quote must be exactly as long as the span (end minus start)."
            ),
        ),
        models.CheckConstraint(
            condition=Q(status__in=["pending", "accepted", "rejected"]),
            name=f"{prefix}_status_valid",
            violation_error_message=_("Status must be pending, accepted or rejected."),
        ),
        models.CheckConstraint(
            condition=Q(origin__in=["suggested", "curator"]),
            name=f"{prefix}_origin_valid",
            violation_error_message=_(
                "Origin must be suggested by the matcher or added by a curator."
            ),
        ),
    ]
    if target_field:
        rules.append(
            models.UniqueConstraint(
                fields=["passage", target_field, "start", "end"],
                name=f"{prefix}_unique_span",
                violation_error_message=_(
                    "This passage already has a link to this target with this start and end."
                ),
            )
        )
    return rules


class MentionQuerySet(SpanQuerySet):
    def for_measure_type(self, slug):
        return self.filter(measure_type__slug=slug)

    def in_category(self, slug):
        return self.filter(measure_type__category__slug=slug)


class Mention(Span):
    """A passage mentions a measure type, with the exact words."""

    measure_type = models.ForeignKey(
        MeasureType, models.PROTECT, related_name="mentions", verbose_name=_("measure type")
    )
    target_field = "measure_type"
    # Its document's date, copied by the database as the passage's is (see Passage): a
    # timeline counts accepted mentions per month, and lists sort them, from an index alone.
    published_on = models.DateField(_("published on"), null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["published_on"])
    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["passage", "start", "end"]
        constraints = span_constraints("mention", "measure_type")
        indexes = [
            models.Index(fields=["status", "measure_type"], name="mention_status_type_idx"),
            models.Index(fields=["measure_type", "status"], name="mention_type_status_idx"),
            models.Index(fields=["origin"], name="mention_origin_idx"),
            # The timeline of a measure type (accepted mentions per month) and its count.
            models.Index(
                fields=["measure_type", "published_on", "passage"],
                condition=Q(status="accepted"),
                name="mention_accepted_month_idx",
            ),
            # Search's filter by measure type: does this hit have an accepted mention of it?
            models.Index(
                fields=["passage", "measure_type"],
                condition=Q(status="accepted"),
                name="mention_accepted_passage_idx",
            ),
            # Accepted mentions newest first (a measure type's page, the API's list).
            models.Index(
                fields=["-published_on", "measure_type", "passage"],
                condition=Q(status="accepted"),
                name="mention_accepted_newest_idx",
            ),
            # (The API's list, newest first and undated last: migration 0035, PostgreSQL only.)
        ]


class CitationQuerySet(SpanQuerySet):
    def for_instrument(self, slug):
        return self.filter(instrument__slug=slug)


class Citation(Span):
    """A passage names an instrument (the CFE Treaty, the INF Treaty …), with the exact words."""

    instrument = models.ForeignKey(
        Instrument, models.PROTECT, related_name="citations", verbose_name=_("instrument")
    )
    target_field = "instrument"

    history = HistoricalRecords()
    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["passage", "start", "end"]
        constraints = span_constraints("citation", "instrument")
        indexes = [
            models.Index(fields=["status", "instrument"], name="citation_status_instr_idx"),
            models.Index(fields=["instrument", "status"], name="citation_instr_status_idx"),
            models.Index(fields=["origin"], name="citation_origin_idx"),
            # Search's filter by instrument: does this hit have an accepted citation of it?
            models.Index(
                fields=["passage", "instrument"],
                condition=Q(status="accepted"),
                name="citation_accepted_passage_idx",
            ),
        ]
