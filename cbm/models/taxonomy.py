"""The CBM taxonomy: categories, measure types and the curated terms the matcher uses."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..language import LANGUAGES
from ..matching import (
    ABBREVIATION,
    NEIGHBOURS,
    PARAGRAPH,
    PHRASE,
    SENTENCE,
    TermSpec,
    TermSyntaxError,
    validate,
)


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Category(models.Model):
    """A family of measures: information exchange, notification, observation … ."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
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
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=160,
        blank=True,
        help_text=_("Shown on the Russian pages (/ru/…); empty: the English name, marked."),
    )
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
    definition_ru = models.TextField(_("definition in Russian"), blank=True)
    scope_note = models.TextField(
        _("scope note"), blank=True, help_text=_("What is in and out of this type, for curators.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = MeasureTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure type")
        verbose_name_plural = _("measure types")
        ordering = ["category__order", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="measuretype_not_own_parent",
                violation_error_message=_(
                    "A measure type cannot be its own parent: choose another parent or none."
                ),
            ),
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


def language_field(help_text):
    return models.CharField(
        _("language"),
        max_length=8,
        choices=list(LANGUAGES.items()),
        default="en",
        help_text=help_text,
    )


class CueList(models.Model):
    """A curated list of context cues (treaty names, "military", "OSCE" …): a term that names it
    only matches where one of its cues occurs within the list's reach (its sentence, unless a
    curator widens it)."""

    class Reach(models.TextChoices):
        SENTENCE = SENTENCE, _("the same sentence")
        NEIGHBOURS = NEIGHBOURS, _("the same or a neighbouring sentence")
        PARAGRAPH = PARAGRAPH, _("the same paragraph")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    language = language_field(_("The language its cues are written in (and stemmed in)."))
    reach = models.CharField(
        _("reach"),
        max_length=16,
        choices=Reach.choices,
        default=Reach.SENTENCE,
        help_text=_(
            "Where a cue must occur for a term that needs this list to match: in the term's "
            "sentence; also in the sentence just before or after it (in the same paragraph); or "
            "anywhere in its paragraph. Wider finds more (a report that names the treaty in one "
            "sentence and the inspection in the next) and risks more false suggestions."
        ),
    )

    history = HistoricalRecords()
    objects = SlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("cue list")
        verbose_name_plural = _("cue lists")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reach__in=[SENTENCE, NEIGHBOURS, PARAGRAPH]),
                name="cue_list_reach_valid",
                violation_error_message=_("Reach must be one of the listed reaches."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Cue(models.Model):
    """One cue of a list: a phrase or an abbreviation, in the terms' notation."""

    class Kind(models.TextChoices):
        PHRASE = PHRASE, _("phrase")
        ABBREVIATION = ABBREVIATION, _("abbreviation")

    cue_list = models.ForeignKey(
        CueList, models.CASCADE, related_name="cues", verbose_name=_("cue list")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHRASE)
    text = models.CharField(_("text"), max_length=200, help_text=_("Written as a term is."))
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cue")
        verbose_name_plural = _("cues")
        ordering = ["cue_list", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["cue_list", "kind", "text"],
                name="cue_unique",
                violation_error_message=_(
                    "This cue list already has a cue of this kind with this text."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[PHRASE, ABBREVIATION]),
                name="cue_kind_valid",
                violation_error_message=_("Kind must be one of the listed kinds of cue."),
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        try:
            language = self.cue_list.language if self.cue_list_id else "en"
            validate(self.kind, self.text, language=language)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None


class TermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_measure_types(self):
        return self.filter(measure_type__isnull=False)

    def for_instruments(self):
        return self.filter(instrument__isnull=False)

    def for_actors(self):
        return self.filter(actor__isnull=False)

    def in_language(self, language):
        return self.filter(language=language)

    def for_links(self):
        """Terms that signal a measure type or an instrument (what Mentions and Citations use)."""
        return self.filter(actor__isnull=True)


class Term(models.Model):
    """A phrase or pattern that signals a measure type, an instrument or an actor in text.

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
        "cbm.Instrument",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("instrument"),
    )
    actor = models.ForeignKey(
        "cbm.Actor",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("actor"),
        help_text=_("For the position suggester: words that name this actor (the Kremlin …)."),
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
    cue_list = models.ForeignKey(
        CueList,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("needs a cue from"),
        help_text=_(
            "Match only where a cue of this list occurs in the same sentence: lets a generic "
            "word (inspection, observers, hotline) be a term without matching tax inspections."
        ),
    )
    unless_cue_list = models.ForeignKey(
        CueList,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="unless_terms",
        verbose_name=_("unless a cue from"),
        help_text=_(
            "Do not match where a cue of this list occurs within the list's reach: keeps a term "
            "out of a context where its words mean another measure (advance notice of a "
            "strategic forces exercise) or none."
        ),
    )
    language = language_field(
        _("Matched only in documents of this language; its ~ words are stemmed in it.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive terms are kept but not matched.")
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["measure_type", "instrument", "kind", "text"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure_type__isnull=False, instrument__isnull=True, actor__isnull=True)
                | Q(measure_type__isnull=True, instrument__isnull=False, actor__isnull=True)
                | Q(measure_type__isnull=True, instrument__isnull=True, actor__isnull=False),
                name="term_exactly_one_target",
                violation_error_message=_(
                    "A term signals exactly one thing: choose a measure type, an instrument or an actor, and leave the other two empty."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["phrase", "abbreviation", "proximity"]),
                name="term_kind_valid",
                violation_error_message=_("Kind must be one of the listed kinds of term."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="proximity") | ~Q(near=""),
                name="term_proximity_has_near",
                violation_error_message=_(
                    "A proximity term needs the words it must be near (the “near” field)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="term_text_not_empty",
                violation_error_message=_("A term needs its words (text cannot be empty)."),
            ),
            models.UniqueConstraint(
                fields=["measure_type", "language", "kind", "text", "near"],
                condition=Q(measure_type__isnull=False),
                name="term_unique_per_measure_type",
                violation_error_message=_(
                    "This measure type already has a term of this kind with these words (text and near)."
                ),
            ),
            models.UniqueConstraint(
                fields=["instrument", "language", "kind", "text", "near"],
                condition=Q(instrument__isnull=False),
                name="term_unique_per_instrument",
                violation_error_message=_(
                    "This instrument already has a term of this kind with these words (text and near)."
                ),
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
        return self.measure_type or self.instrument or self.actor

    def clean(self):
        if [bool(self.measure_type_id), bool(self.instrument_id), bool(self.actor_id)].count(
            True
        ) != 1:
            raise ValidationError(
                _("A term signals exactly one of a measure type, an instrument or an actor.")
            )
        if self.kind == self.Kind.PROXIMITY and not self.near.strip():
            raise ValidationError({"near": _("A proximity term needs a second word group.")})
        if self.kind != self.Kind.PROXIMITY and self.near:
            raise ValidationError({"near": _("Only proximity terms have a second word group.")})
        if self.unless_cue_list_id and self.unless_cue_list_id == self.cue_list_id:
            raise ValidationError(
                {
                    "unless_cue_list": _(
                        "A term cannot need a cue list and be stopped by the same list: "
                        "choose another list, or leave one of the two empty."
                    )
                }
            )
        if self.unless_cue_list_id and self.unless_cue_list.language != self.language:
            raise ValidationError(
                {
                    "unless_cue_list": _(
                        "This cue list is in another language than the term: its cues would "
                        "never be read as written. Choose a list of the term's language."
                    )
                }
            )
        try:
            validate(self.kind, self.text, self.near, self.window, language=self.language)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None

    def spec(self, target) -> TermSpec:
        """What the matcher needs of this term; target is how matches name what it signals."""
        return TermSpec(
            self.pk,
            target,
            self.kind,
            self.text,
            self.near,
            self.window,
            self.cue_list_id,
            self.language,
            self.unless_cue_list_id,
        )
