"""Context cues: the curated lists of words a term may need (or must not have) near it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..language import LANGUAGES
from ..matching import (
    ABBREVIATION,
    NEIGHBOURS,
    PARAGRAPH,
    PHRASE,
    SENTENCE,
    TermSyntaxError,
    problem,
    validate,
)
from ..validators import visible_text
from .taxonomy import SlugQuerySet


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
    name = models.CharField(_("name"), max_length=120, unique=True, validators=[visible_text])
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

    def clean(self):
        """A list changes language only where the terms that need it or stop at it follow:
        they are of its language (the rule Term.clean checks from the other side). (Its cues
        are checked in the new language by their own clean, on the same form.)"""
        stored = CueList.objects.filter(pk=self.pk).values_list("language", flat=True).first()
        if stored is None or stored == self.language:
            return
        other = (
            self.terms.model.objects.filter(Q(cue_list=self) | Q(unless_cue_list=self))
            .exclude(language=self.language)
            .order_by("pk")
        )
        if term := other.first():
            raise ValidationError(
                {
                    "language": _(
                        "%(count)s term(s) of another language use this list (“%(term)s”, "
                        "%(language)s): their cues would no longer be read in their language. "
                        "Change those terms first, or make a list of this language."
                    )
                    % {"count": other.count(), "term": term.text, "language": term.language}
                }
            )


class Cue(models.Model):
    """One cue of a list: a phrase or an abbreviation, in the terms' notation."""

    class Kind(models.TextChoices):
        PHRASE = PHRASE, _("phrase")
        ABBREVIATION = ABBREVIATION, _("abbreviation")

    cue_list = models.ForeignKey(
        CueList, models.CASCADE, related_name="cues", verbose_name=_("cue list")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHRASE)
    text = models.CharField(
        _("text"), max_length=200, help_text=_("Written as a term is."), validators=[visible_text]
    )
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

    def match_problem(self) -> str:
        """Why the matcher leaves this cue out (one stored before a rule it breaks), or ""."""
        return problem(self.kind, self.text, language=self.cue_list.language)

    def clean(self):
        try:
            language = self.cue_list.language if self.cue_list_id else "en"
            validate(self.kind, self.text, language=language)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None
