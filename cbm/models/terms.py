"""Terms: the curated words that signal a measure type, an instrument or an actor in text."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..matching import TermSpec, TermSyntaxError, problem, validate
from ..translation import display_name
from ..validators import visible_text
from .cues import CueList, language_field
from .taxonomy import MeasureType


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
        validators=[visible_text],
    )
    near = models.CharField(
        _("near"),
        max_length=1000,
        blank=True,
        help_text=_("proximity only: the second word group, alternatives separated by ;"),
        validators=[visible_text],
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
            models.UniqueConstraint(
                fields=["actor", "language", "kind", "text", "near"],
                condition=Q(actor__isnull=False),
                name="term_unique_per_actor",
                violation_error_message=_(
                    "This actor already has a term of this kind with these words (text and near)."
                ),
            ),
        ]
        indexes = [models.Index(fields=["is_active"], name="term_active_idx")]

    def __str__(self):
        def short(words):
            return words if len(words) <= 40 else words[:39].rstrip() + "…"

        # The target in the admin's language, as links and positions name theirs.
        target = display_name(self.target) if self.target is not None else "—"
        if self.kind == self.Kind.PROXIMITY:
            return f"{short(self.text)} ~{self.window}~ {short(self.near)} → {target}"
        return f"{short(self.text)} → {target}"

    @property
    def target(self):
        return self.measure_type or self.instrument or self.actor

    def clean(self):
        # (One target, neither none nor two: the rule term_exactly_one_target says so.)
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
        for field in ("cue_list", "unless_cue_list"):  # (CueList.clean checks the other side)
            cue_list = getattr(self, field) if getattr(self, f"{field}_id") else None
            if cue_list is not None and cue_list.language != self.language:
                raise ValidationError(
                    {
                        field: _(
                            "This cue list is in another language than the term: its cues "
                            "would never be read as written. Choose a list of the term's "
                            "language."
                        )
                    }
                )
        try:
            validate(self.kind, self.text, self.near, self.window, language=self.language)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None

    def match_problem(self) -> str:
        """Why the matcher leaves this term out (one stored before a rule it breaks), or ""."""
        return problem(self.kind, self.text, self.near, self.window, self.language)

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
