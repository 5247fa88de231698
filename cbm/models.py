"""The registry's data model: the CBM taxonomy, the legal instruments, the documents and the
links between their passages and the taxonomy. See ../shared/DESIGN.md for the map.

Integrity lives in the database: check and unique constraints here, and triggers (migration
0002) for the rules that span two tables (a span lies inside its passage and its quote is
that slice; a passage is its document's body[start:end]). clean() mirrors them so the admin
shows a readable error instead of an IntegrityError.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .matching import TermSyntaxError, validate


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Category(models.Model):
    """A family of measures: information exchange, notification, observation … ."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = SlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cbm:category-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class MeasureTypeQuerySet(SlugQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_category(self, slug):
        return self.filter(category__slug=slug)


class MeasureType(models.Model):
    """One kind of confidence-building measure: the heart of the registry."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="measure_types", verbose_name=_("category")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="subtypes",
        verbose_name=_("parent type"),
        help_text=_("Set for a sub-type, e.g. challenge inspection under inspection."),
    )
    definition = models.TextField(_("definition"))
    scope_note = models.TextField(
        _("scope note"), blank=True, help_text=_("What is in and out of this type, for curators.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = MeasureTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure type")
        ordering = ["category__order", "order", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="measuretype_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cbm:measure-type-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A measure type cannot be its own parent.")})
        if self.parent_id and self.parent.category_id != self.category_id:
            raise ValidationError({"parent": _("A sub-type must be in its parent's category.")})


class Actor(models.Model):
    """A state, alliance or organisation that is party to instruments or named in texts."""

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        ALLIANCE = "alliance", _("alliance")
        ORGANISATION = "organisation", _("organisation")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATE)
    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=3, blank=True, help_text=_("Alpha-3, for states.")
    )
    historical = models.BooleanField(
        _("historical"), default=False, help_text=_("No longer exists (USSR, Warsaw Pact …).")
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["state", "alliance", "organisation"]), name="actor_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class InstrumentQuerySet(SlugQuerySet):
    def in_force(self):
        return self.filter(status=Instrument.Status.IN_FORCE)


class Instrument(models.Model):
    """A treaty, agreement or politically binding document."""

    class Kind(models.TextChoices):
        TREATY = "treaty", _("treaty")
        AGREEMENT = "agreement", _("agreement")
        POLITICAL = "political", _("politically binding document")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")
        TERMINATED = "terminated", _("terminated")
        SUPERSEDED = "superseded", _("superseded")
        NEVER_IN_FORCE = "never_in_force", _("never in force")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("full title"), max_length=400)
    short_name = models.CharField(_("short name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    status_note = models.TextField(
        _("status note"), blank=True, help_text=_("Suspensions, withdrawals, with dates.")
    )
    signed_at = models.CharField(_("place of signature"), max_length=120, blank=True)
    signed_on = models.DateField(_("signed or adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("text at"), blank=True)
    parties = models.ManyToManyField(
        Actor, blank=True, related_name="instruments", verbose_name=_("parties")
    )

    history = HistoricalRecords()
    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        ordering = ["signed_on", "short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["treaty", "agreement", "political"]),
                name="instrument_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "in_force",
                        "suspended",
                        "withdrawn",
                        "terminated",
                        "superseded",
                        "never_in_force",
                    ]
                ),
                name="instrument_status_valid",
            ),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("cbm:instrument-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class ProvisionQuerySet(models.QuerySet):
    def get_by_natural_key(self, instrument_slug, label):
        return self.get(instrument__slug=instrument_slug, label=label)


class Provision(models.Model):
    """An article, chapter, section or paragraph of an instrument."""

    instrument = models.ForeignKey(
        Instrument, models.CASCADE, related_name="provisions", verbose_name=_("instrument")
    )
    label = models.CharField(_("label"), max_length=80, help_text=_('e.g. "Art. IV(1)", "Ch. V"'))
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(
        _("text"), blank=True, help_text=_("The provision's words, where held.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = ProvisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("provision")
        ordering = ["instrument", "order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "label"], name="provision_unique_label"),
        ]

    def __str__(self):
        return f"{self.instrument.short_name}, {self.label}"

    def natural_key(self):
        return (*self.instrument.natural_key(), self.label)

    natural_key.dependencies = ["cbm.instrument"]


class LegalBasis(models.Model):
    """A provision that establishes (or constrains) a measure type."""

    measure_type = models.ForeignKey(
        MeasureType, models.CASCADE, related_name="legal_bases", verbose_name=_("measure type")
    )
    provision = models.ForeignKey(
        Provision, models.CASCADE, related_name="legal_bases", verbose_name=_("provision")
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["measure_type", "provision__instrument__signed_on", "provision__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_type", "provision"], name="legalbasis_unique_pair"
            ),
        ]

    def __str__(self):
        return f"{self.measure_type} ← {self.provision}"


class Threshold(models.Model):
    """A number a legal basis sets: 42 days' notice, 9,000 troops, 20,000 battle tanks."""

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at or above")
        MORE_THAN = "more_than", _("more than")
        AT_MOST = "at_most", _("at most")
        EXACTLY = "exactly", _("exactly")

    legal_basis = models.ForeignKey(
        LegalBasis, models.CASCADE, related_name="thresholds", verbose_name=_("legal basis")
    )
    quantity = models.CharField(
        _("quantity"), max_length=160, help_text=_('What is counted, e.g. "troops", "notice".')
    )
    comparison = models.CharField(
        _("comparison"), max_length=12, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    value = models.PositiveIntegerField(_("value"))
    unit = models.CharField(_("unit"), max_length=60, help_text=_('e.g. "troops", "days".'))
    cited_as = models.CharField(
        _("cited as"),
        max_length=120,
        blank=True,
        help_text=_("Paragraph within the provision, where known."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by a curator against the primary text."),
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("threshold")
        ordering = ["legal_basis", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["legal_basis", "quantity"], name="threshold_unique_quantity"
            ),
            models.CheckConstraint(
                condition=Q(comparison__in=["at_least", "more_than", "at_most", "exactly"]),
                name="threshold_comparison_valid",
            ),
        ]

    def __str__(self):
        return f"{self.quantity}: {self.get_comparison_display()} {self.value:,} {self.unit}"


class TermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_measure_types(self):
        return self.filter(measure_type__isnull=False)

    def for_instruments(self):
        return self.filter(instrument__isnull=False)


class Term(models.Model):
    """A phrase or pattern that signals a measure type or an instrument in text.

    The matcher's only vocabulary: nothing about words is hard-coded in Python.
    """

    class Kind(models.TextChoices):
        PHRASE = "phrase", _("phrase")
        ABBREVIATION = "abbreviation", _("abbreviation")
        PROXIMITY = "proximity", _("proximity")

    measure_type = models.ForeignKey(
        MeasureType,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("measure type"),
    )
    instrument = models.ForeignKey(
        Instrument,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("instrument"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHRASE)
    text = models.CharField(
        _("text"),
        max_length=1000,
        help_text=_(
            "phrase: words matched case-insensitively, whole words; a hyphen also matches a space; "
            "end a word with * to match its endings (exercise* → exercises); "
            "separate alternatives for one word with / (notify/notification). "
            "abbreviation: matched exactly as written, case-sensitive, whole word (INF, CFE). "
            "proximity: the first word group; alternatives separated by ; (limit*; cap/caps)."
        ),
    )
    near = models.CharField(
        _("near"),
        max_length=1000,
        blank=True,
        help_text=_("proximity only: the second word group, alternatives separated by ;"),
    )
    window = models.PositiveSmallIntegerField(
        _("window"),
        default=8,
        help_text=_("proximity only: at most this many words between the two groups."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive terms are kept but not matched.")
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        ordering = ["measure_type", "instrument", "kind", "text"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure_type__isnull=False, instrument__isnull=True)
                | Q(measure_type__isnull=True, instrument__isnull=False),
                name="term_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["phrase", "abbreviation", "proximity"]),
                name="term_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="proximity") | ~Q(near=""), name="term_proximity_has_near"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="term_text_not_empty"),
            models.UniqueConstraint(
                fields=["measure_type", "kind", "text", "near"],
                condition=Q(measure_type__isnull=False),
                name="term_unique_per_measure_type",
            ),
            models.UniqueConstraint(
                fields=["instrument", "kind", "text", "near"],
                condition=Q(instrument__isnull=False),
                name="term_unique_per_instrument",
            ),
        ]
        indexes = [models.Index(fields=["is_active"], name="term_active_idx")]

    def __str__(self):
        def short(words):
            return words if len(words) <= 40 else words[:39].rstrip() + "…"

        if self.kind == self.Kind.PROXIMITY:
            return f"{short(self.text)} ~{self.window}~ {short(self.near)} → {self.target}"
        return f"{short(self.text)} → {self.target}"

    @property
    def target(self):
        return self.measure_type or self.instrument

    def clean(self):
        if bool(self.measure_type_id) == bool(self.instrument_id):
            raise ValidationError(
                _("A term signals either a measure type or an instrument, not both.")
            )
        if self.kind == self.Kind.PROXIMITY and not self.near.strip():
            raise ValidationError({"near": _("A proximity term needs a second word group.")})
        if self.kind != self.Kind.PROXIMITY and self.near:
            raise ValidationError({"near": _("Only proximity terms have a second word group.")})
        try:
            validate(self.kind, self.text, self.near, self.window)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None


class DocumentQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def published_between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(published_on__gte=start)
        if end:
            qs = qs.filter(published_on__lte=end)
        return qs


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
    language = models.CharField(_("language"), max_length=12, default="en")
    source_name = models.CharField(
        _("source file"), max_length=255, blank=True, help_text=_("File name it was ingested from.")
    )
    body = models.TextField(_("body"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ingested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The body never changes after ingest; keeping it out of history keeps history small.
    history = HistoricalRecords(excluded_fields=["body"])
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["news", "statement", "treaty_text", "transcript", "analysis", "other"]
                ),
                name="document_kind_valid",
            ),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="document_sha256_length"
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="document_kind_idx"),
            models.Index(fields=["published_on"], name="document_published_idx"),
            models.Index(fields=["publisher"], name="document_publisher_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cbm:document-detail", args=[self.pk])


class Passage(models.Model):
    """A paragraph of a document; its text is document.body[start:end]."""

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="passages", verbose_name=_("document")
    )
    ordinal = models.PositiveIntegerField(_("paragraph number"), help_text=_("1 for the first."))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("passage")
        ordering = ["document", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["document", "ordinal"], name="passage_unique_ordinal"),
            models.CheckConstraint(condition=Q(ordinal__gte=1), name="passage_ordinal_from_one"),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")), name="passage_span_ordered"
            ),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("text")), name="passage_text_fits_span"
            ),
        ]

    def __str__(self):
        return f"{self.document} ¶{self.ordinal}"

    def get_absolute_url(self):
        return reverse("cbm:passage-detail", args=[self.document_id, self.ordinal])

    def clean(self):
        if self.document_id and self.document.body[self.start : self.end] != self.text:
            raise ValidationError(_("A passage's text must equal its document's body[start:end]."))


def is_decided(status: str, origin: str, reviewed_at) -> bool:
    """A curator has spoken on this link: suggest must never alter, duplicate or re-create it.
    The same rule as SpanQuerySet.decided(), for rows already in memory."""
    return status != "pending" or origin == "curator" or reviewed_at is not None


class SpanQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Span.Status.PENDING)

    def accepted(self):
        return self.filter(status=Span.Status.ACCEPTED)

    def rejected(self):
        return self.filter(status=Span.Status.REJECTED)

    def suggested(self):
        return self.filter(origin=Span.Origin.SUGGESTED)

    def by_curator(self):
        return self.filter(origin=Span.Origin.CURATOR)

    def decided(self):
        """Links a curator has spoken on: reviewed, edited or made by hand (see is_decided)."""
        return self.filter(
            ~Q(status="pending") | Q(origin="curator") | Q(reviewed_at__isnull=False)
        )

    def undecided(self):
        """Pending suggestions no curator has touched: the matcher's own, which it may replace."""
        return self.filter(status="pending", origin="suggested", reviewed_at__isnull=True)

    def in_document(self, document):
        return self.filter(passage__document=document)


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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SpanQuerySet.as_manager()

    class Meta:
        abstract = True

    # Subclasses name their target field; the rules below use it.
    target_field = ""

    def __str__(self):
        return f"“{self.quote}” → {self.target} ({self.get_status_display()})"

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
    """The database rules every Span subclass carries (the cross-table ones are triggers)."""
    return [
        models.CheckConstraint(
            condition=Q(start__gte=0) & Q(end__gt=F("start")), name=f"{prefix}_span_ordered"
        ),
        models.CheckConstraint(
            condition=Q(end=F("start") + Length("quote")), name=f"{prefix}_quote_fits_span"
        ),
        models.CheckConstraint(
            condition=Q(status__in=["pending", "accepted", "rejected"]),
            name=f"{prefix}_status_valid",
        ),
        models.CheckConstraint(
            condition=Q(origin__in=["suggested", "curator"]), name=f"{prefix}_origin_valid"
        ),
        models.UniqueConstraint(
            fields=["passage", target_field, "start", "end"], name=f"{prefix}_unique_span"
        ),
    ]


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

    history = HistoricalRecords()
    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        ordering = ["passage", "start", "end"]
        constraints = span_constraints("mention", "measure_type")
        indexes = [
            models.Index(fields=["status", "measure_type"], name="mention_status_type_idx"),
            models.Index(fields=["measure_type", "status"], name="mention_type_status_idx"),
            models.Index(fields=["origin"], name="mention_origin_idx"),
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
        ordering = ["passage", "start", "end"]
        constraints = span_constraints("citation", "instrument")
        indexes = [
            models.Index(fields=["status", "instrument"], name="citation_status_instr_idx"),
            models.Index(fields=["instrument", "status"], name="citation_instr_status_idx"),
            models.Index(fields=["origin"], name="citation_origin_idx"),
        ]
