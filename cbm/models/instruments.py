"""The legal record: actors, instruments, their provisions, legal bases and thresholds."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..matching import PHRASE, TermSyntaxError, problem, validate
from ..translation import display_name, translated
from ..validators import visible_text
from .taxonomy import MeasureType, SlugQuerySet


class ActorQuerySet(SlugQuerySet):
    def with_public_record(self):
        """Each actor with the number of instruments it took part in, the number of its
        positions anyone may see, and the date of the newest plausibly dated one: one query,
        each figure a subquery, so that the counts do not multiply each other as joins would."""
        from .positions import Position  # positions.py imports Actor
        from .record import Participation

        def per_actor(queryset, **figure):
            return Subquery(
                queryset.filter(actor=OuterRef("pk"))
                .order_by()
                .values("actor")
                .annotate(**figure)
                .values(*figure)
            )

        positions = Position.objects.public()
        return self.annotate(
            instrument_count=Coalesce(
                per_actor(Participation.objects, n=Count("instrument", distinct=True)), 0
            ),
            position_count=Coalesce(per_actor(positions, n=Count("pk")), 0),
            latest_position_on=per_actor(
                positions.plausibly_dated(), d=Max("passage__document__published_on")
            ),
        )


class Actor(models.Model):
    """A state, alliance or organisation that is party to instruments or named in texts."""

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        ALLIANCE = "alliance", _("alliance")
        ORGANISATION = "organisation", _("organisation")

    name = models.CharField(_("name"), max_length=120, unique=True, validators=[visible_text])
    name_ru = models.CharField(
        _("name in Russian"), max_length=120, blank=True, validators=[visible_text]
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATE)
    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=3, blank=True, help_text=_("Alpha-3, for states.")
    )
    historical = models.BooleanField(
        _("historical"), default=False, help_text=_("No longer exists (USSR, Warsaw Pact …).")
    )
    # Texts name the continuing state for its predecessor's acts ("Moscow and Washington signed
    # the hotline agreement in 1963"): POSITIONS.md rule 23
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continued_by",
        help_text=_(
            "The state this one continues (Russia the Soviet Union): a position the suggester "
            "reads for this actor on an act dated before the date below goes to that state."
        ),
    )
    continues_since = models.DateField(_("continues it since"), null=True, blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["state", "alliance", "organisation"]),
                name="actor_kind_valid",
                violation_error_message=_("Kind must be state, alliance or organisation."),
            ),
            models.CheckConstraint(
                condition=Q(continues__isnull=True, continues_since__isnull=True)
                | Q(continues__isnull=False, continues_since__isnull=False),
                name="actor_continuation_dated",
                violation_error_message=_(
                    "A state that continues another needs the date since which it does, and "
                    "only such a state has one."
                ),
            ),
        ]

    def __str__(self):
        return display_name(self)  # in the admin's language, as its lists name it

    def get_absolute_url(self):
        return reverse("cbm:actor-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def match_problem(self) -> str:
        """Why the position finder cannot look for this actor by its name, or ""."""
        return problem(PHRASE, self.name)

    def clean(self):
        # The name is also how the position finder looks for the actor in texts (a phrase in
        # the terms' notation): one it cannot read would leave the actor unnamed there.
        try:
            validate(PHRASE, self.name)
        except TermSyntaxError as error:
            raise ValidationError({"name": str(error)}) from None
        if self.continues_id is not None and self.continues_id == self.pk:
            raise ValidationError({"continues": _("An actor cannot continue itself.")})


class InstrumentQuerySet(SlugQuerySet):
    def in_force(self):
        return self.filter(status=Instrument.Status.IN_FORCE)


class Instrument(models.Model):
    """A treaty, agreement or politically binding document."""

    class Kind(models.TextChoices):
        TREATY = "treaty", _("treaty")
        AGREEMENT = "agreement", _("agreement")
        POLITICAL = "political", _("politically binding document")

    class Region(models.TextChoices):
        EURO_ATLANTIC = "euro_atlantic", _("Europe and North America")
        SOUTH_ASIA = "south_asia", _("South Asia")
        EAST_ASIA = "east_asia", _("East Asia and the Pacific")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")
        TERMINATED = "terminated", _("terminated")
        SUPERSEDED = "superseded", _("superseded")
        NEVER_IN_FORCE = "never_in_force", _("never in force")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("full title"), max_length=400, validators=[visible_text])
    title_ru = models.CharField(
        _("full title in Russian"), max_length=400, blank=True, validators=[visible_text]
    )
    short_name = models.CharField(_("short name"), max_length=120, validators=[visible_text])
    short_name_ru = models.CharField(
        _("short name in Russian"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the Russian pages (/ru/…); empty: the English name, marked."),
        validators=[visible_text],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Region.choices,
        default=Region.EURO_ATLANTIC,
        db_index=True,
        help_text=_("Where its measures apply."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    status_note = models.TextField(
        _("status note"), blank=True, help_text=_("Suspensions, withdrawals, with dates.")
    )
    signed_at = models.CharField(
        _("place of signature"), max_length=120, blank=True, validators=[visible_text]
    )
    signed_on = models.DateField(_("signed or adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
    source_url = models.URLField(_("text at"), blank=True)
    # Read-only view of the participations (each with its role and dates): write those.
    parties = models.ManyToManyField(
        Actor,
        through="Participation",
        through_fields=("instrument", "actor"),
        blank=True,
        related_name="instruments",
        verbose_name=_("parties"),
    )

    history = HistoricalRecords()
    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["signed_on", "short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["treaty", "agreement", "political"]),
                name="instrument_kind_valid",
                violation_error_message=_("Kind must be one of the listed kinds of instrument."),
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
                violation_error_message=_("Status must be one of the listed statuses."),
            ),
            models.CheckConstraint(
                condition=Q(region__in=["euro_atlantic", "south_asia", "east_asia"]),
                name="instrument_region_valid",
                violation_error_message=_("Region must be one of the listed regions."),
            ),
        ]

    def __str__(self):
        return display_name(self)  # in the admin's language, as its lists name it

    def get_absolute_url(self):
        return reverse("cbm:instrument-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # Dates in the order they happen: the timelines draw a bar from the first to the last.
        signed, in_force, ended = self.signed_on, self.in_force_on, self.ended_on
        if signed and in_force and in_force < signed:
            raise ValidationError(
                {"in_force_on": _("An instrument cannot enter into force before it is signed.")}
            )
        if ended and ((signed and ended < signed) or (in_force and ended < in_force)):
            raise ValidationError(
                {"ended_on": _("An instrument cannot end before it is signed or in force.")}
            )


def require_quotation(obj):
    """Verified means quoted: the words and where they are published (mirrors the constraint)."""
    if obj.verified and not obj.quotation.strip():
        raise ValidationError({"verified": _("Quote the text before marking it verified.")})
    if obj.quotation.strip() and not obj.source_url:
        raise ValidationError({"source_url": _("Say where the quoted text is published.")})


class VerifiableQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified=True)


class ProvisionQuerySet(VerifiableQuerySet):
    def get_by_natural_key(self, instrument_slug, label):
        return self.get(instrument__slug=instrument_slug, label=label)


class Provision(models.Model):
    """An article, chapter, section or paragraph of an instrument."""

    instrument = models.ForeignKey(
        Instrument, models.CASCADE, related_name="provisions", verbose_name=_("instrument")
    )
    label = models.CharField(
        _("label"),
        max_length=80,
        help_text=_('e.g. "Art. IV(1)", "Ch. V"'),
        validators=[visible_text],
    )
    label_ru = models.CharField(
        _("label in Russian"),
        max_length=80,
        blank=True,
        help_text=_('As Russian texts cite it, e.g. "ст. IV(1)", "гл. V"; empty: the English.'),
        validators=[visible_text],
    )
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[visible_text])
    title_ru = models.CharField(
        _("title in Russian"), max_length=300, blank=True, validators=[visible_text]
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_ru = models.TextField(_("summary in Russian"), blank=True)
    # The instrument's own words (text, quotation) are never translated: shown as written,
    # marked with their language.
    text = models.TextField(
        _("text"), blank=True, help_text=_("The provision's words, where held.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    quotation = models.TextField(
        _("quotation"), blank=True, help_text=_("The exact words of the text that bear the label.")
    )
    source_url = models.URLField(_("quoted from"), max_length=500, blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Label and title checked against the text; needs the quotation."),
    )

    history = HistoricalRecords()
    objects = ProvisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["instrument", "order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "label"],
                name="provision_unique_label",
                violation_error_message=_(
                    "This instrument already has a provision with this label."
                ),
            ),
            models.CheckConstraint(
                condition=Q(verified=False) | ~Q(quotation=""),
                name="provision_verified_quoted",
                violation_error_message=_(
                    "A verified provision needs its quotation: add the words, or untick verified."
                ),
            ),
        ]

    def __str__(self):
        # "ВД-2011, гл. V" on /ru/admin/ (its menus, titles and delete pages), as its list shows.
        return f"{self.instrument}, {translated(self, 'label')[0]}"

    def clean(self):
        require_quotation(self)

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
    note_ru = models.TextField(_("note in Russian"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["measure_type", "provision__instrument__signed_on", "provision__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_type", "provision"],
                name="legalbasis_unique_pair",
                violation_error_message=_(
                    "This provision is already a legal basis of this measure type."
                ),
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
        _("quantity"),
        max_length=160,
        help_text=_('What is counted, e.g. "troops", "notice".'),
        validators=[visible_text],
    )
    quantity_ru = models.CharField(
        _("quantity in Russian"),
        max_length=160,
        blank=True,
        help_text=_("Shown on the Russian pages (/ru/…); empty: the English, marked."),
        validators=[visible_text],
    )
    comparison = models.CharField(
        _("comparison"), max_length=12, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    value = models.PositiveIntegerField(_("value"))
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_('e.g. "troops", "days".'), validators=[visible_text]
    )
    unit_ru = models.CharField(
        _("unit in Russian"),
        max_length=60,
        blank=True,
        help_text=_('In the form its value takes: "42 дня", "9000 военнослужащих".'),
        validators=[visible_text],
    )
    cited_as = models.CharField(
        _("cited as"),
        max_length=120,
        blank=True,
        help_text=_("Paragraph within the provision, where known."),
        validators=[visible_text],
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked against the primary text; needs the quotation."),
    )
    quotation = models.TextField(
        _("quotation"), blank=True, help_text=_("The exact words that set the figure.")
    )
    source_url = models.URLField(_("quoted from"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    note_ru = models.TextField(_("note in Russian"), blank=True)

    history = HistoricalRecords()
    objects = VerifiableQuerySet.as_manager()

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["legal_basis", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["legal_basis", "quantity"],
                name="threshold_unique_quantity",
                violation_error_message=_(
                    "This legal basis already has a threshold for this quantity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(comparison__in=["at_least", "more_than", "at_most", "exactly"]),
                name="threshold_comparison_valid",
                violation_error_message=_("Comparison must be one of the listed comparisons."),
            ),
            models.CheckConstraint(
                condition=Q(verified=False) | ~Q(quotation=""),
                name="threshold_verified_quoted",
                violation_error_message=_(
                    "A verified threshold needs its quotation: add the words, or untick verified."
                ),
            ),
        ]

    def __str__(self):
        quantity, unit = translated(self, "quantity")[0], translated(self, "unit")[0]
        return f"{quantity}: {self.get_comparison_display()} {self.value:,} {unit}"

    def clean(self):
        require_quotation(self)
