"""Positions: who proposed, demanded, accepted, rejected … which measure or instrument, where
a passage says so; and the curated stance cues the position suggester reads them by."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..matching import TermSyntaxError, problem, validate
from ..translation import display_name
from ..validators import visible_text
from .instruments import Actor, Instrument
from .links import Span, SpanQuerySet, span_constraints
from .taxonomy import MeasureType


class Stance(models.TextChoices):
    PROPOSES = "proposes", _("proposes")
    DEMANDS = "demands", _("demands")
    ACCEPTS = "accepts", _("accepts")
    REJECTS = "rejects", _("rejects")
    DENIES = "denies", _("denies")
    ACCUSES = "accuses", _("accuses")
    IMPLEMENTS = "implements", _("implements")
    SUSPENDS = "suspends", _("suspends")


class StanceCueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class StanceCue(models.Model):
    """Words that signal a stance ("is ready to discuss" → proposes), in the term notation.

    Curated like terms: the suggester knows no stance word that is not a row here.
    """

    class Kind(models.TextChoices):
        PHRASE = "phrase", _("phrase")
        PROXIMITY = "proximity", _("proximity")

    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHRASE)
    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_(
            "The term notation: case-insensitive whole words, word* for endings, a/b for either "
            "word, [word] optional. proximity: the first word group, alternatives separated by ;"
        ),
        validators=[visible_text],
    )
    near = models.CharField(_("near"), max_length=300, blank=True, validators=[visible_text])
    window = models.PositiveSmallIntegerField(_("window"), default=4)
    negated_stance = models.CharField(
        _("stance when negated"),
        max_length=12,
        choices=Stance.choices,
        blank=True,
        help_text=_(
            "What a negation just before the cue turns it into (not ready to discuss → rejects); "
            "empty: a negated cue signals nothing."
        ),
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    # A cue of one measure type's own act ("met", "spoke" for military contacts): the sentence
    # that mentions the measure tells of the act, and every actor it names takes part.
    measure_type = models.ForeignKey(
        MeasureType,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only for"),
        help_text=_(
            "Empty: a cue for every measure type and instrument. A measure type: the cue is "
            "that measure's own act (“met”, “spoke” for military contacts); it counts only in "
            "a sentence that mentions the measure, even inside the mention's words, and every "
            "actor the sentence names takes the stance."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = StanceCueQuerySet.as_manager()

    class Meta:
        verbose_name = _("stance cue")
        verbose_name_plural = _("stance cues")
        ordering = ["stance", "text"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="stancecue_stance_valid",
                violation_error_message=_("Stance must be one of the listed stances."),
            ),
            models.CheckConstraint(
                condition=Q(negated_stance__in=["", *Stance.values]),
                name="stancecue_negated_stance_valid",
                violation_error_message=_(
                    "The stance when negated must be one of the listed stances, or empty."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="stancecue_text_not_empty",
                violation_error_message=_("A stance cue needs its words (text cannot be empty)."),
            ),
            models.UniqueConstraint(
                fields=["language", "stance", "kind", "text", "near"],
                name="stancecue_unique",
                violation_error_message=_(
                    "There is already a stance cue with this language, stance, kind, text and near words."
                ),
            ),
        ]

    def __str__(self):
        words = f"{self.text} ~{self.window}~ {self.near}" if self.near else self.text
        return f"{words} → {self.get_stance_display()}"

    def match_problem(self) -> str:
        """Why the position finder leaves this cue out (stored before a rule it breaks), or ""."""
        return problem(self.kind, self.text, self.near, self.window, self.language)

    def clean(self):
        if self.kind == self.Kind.PROXIMITY and not self.near.strip():
            raise ValidationError({"near": _("A proximity cue needs a second word group.")})
        if self.kind != self.Kind.PROXIMITY and self.near:
            raise ValidationError({"near": _("Only proximity cues have a second word group.")})
        try:
            validate(self.kind, self.text, self.near, self.window, language=self.language)
        except TermSyntaxError as error:
            raise ValidationError({"text": str(error)}) from None


class PositionQuerySet(SpanQuerySet):
    def for_actor(self, slug):
        return self.filter(actor__slug=slug)

    def for_measure_type(self, slug):
        """Positions on the measure type or one of its sub-types (at any depth)."""
        return self.filter(measure_type__in=MeasureType.objects.family(slug))

    def for_instrument(self, slug):
        return self.filter(instrument__slug=slug)

    def with_context(self):
        return self.select_related("actor", "measure_type", "instrument", "passage__document")

    def by_date(self):
        """Oldest first, undated ones before all (so last when read newest first) on every
        database: PostgreSQL would put them last here, SQLite first. Same day: in the order
        they are read — document (as added), passage, words — and only then by id, so the
        tracker's "latest" of a day is the one read last, whenever it was recorded."""
        published = F("passage__document__published_on").asc(nulls_first=True)
        return self.order_by(
            published, "passage__document_id", "passage__ordinal", "start", "end", "pk"
        )


class Position(Span):
    """In a passage, an actor takes a stance on a measure type or an instrument."""

    actor = models.ForeignKey(
        Actor, models.PROTECT, related_name="positions", verbose_name=_("actor")
    )
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    measure_type = models.ForeignKey(
        MeasureType,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("measure type"),
    )
    instrument = models.ForeignKey(
        Instrument,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("instrument"),
    )
    cue = models.ForeignKey(
        StanceCue,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cue that fired"),
    )

    history = HistoricalRecords()
    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["passage", "start", "end"]
        constraints = [
            *span_constraints("position", None),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="position_stance_valid",
                violation_error_message=_("Stance must be one of the listed stances."),
            ),
            models.CheckConstraint(
                condition=Q(measure_type__isnull=False, instrument__isnull=True)
                | Q(measure_type__isnull=True, instrument__isnull=False),
                name="position_exactly_one_target",
                violation_error_message=_(
                    "A position is on exactly one thing: choose a measure type or an instrument, not both and not neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["passage", "actor", "stance", "measure_type"],
                condition=Q(measure_type__isnull=False),
                name="position_unique_measure_type",
                violation_error_message=_(
                    "This passage already records this actor's stance on this measure type."
                ),
            ),
            models.UniqueConstraint(
                fields=["passage", "actor", "stance", "instrument"],
                condition=Q(instrument__isnull=False),
                name="position_unique_instrument",
                violation_error_message=_(
                    "This passage already records this actor's stance on this instrument."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "actor"], name="position_status_actor_idx"),
            models.Index(fields=["measure_type", "status"], name="position_type_status_idx"),
            models.Index(fields=["instrument", "status"], name="position_instr_status_idx"),
            models.Index(fields=["origin"], name="position_origin_idx"),
        ]

    def __str__(self):
        # In the admin's language, as its lists name actors and targets.
        actor, target = display_name(self.actor), display_name(self.target)
        return f"{actor} {self.get_stance_display()} {target} ({self.get_status_display()})"

    @property
    def target(self):
        return self.measure_type or self.instrument

    def clean(self):
        super().clean()
        if bool(self.measure_type_id) == bool(self.instrument_id):
            raise ValidationError(
                _("A position is on exactly one target: a measure type or an instrument.")
            )


class WordRole(models.TextChoices):
    """What a position word does (see PositionWords in cbm/positions_matching/words.py)."""

    NEGATIONS = "negations", _("negation (turns the cue after it)")
    OBJECTS = "objects", _("object marker (the actor after it does not act)")
    FRAMES = "frames", _("frame marker (the instrument after it is a frame, not a target)")
    AGENTS = "agents", _("agent marker (the actor after it, after the cue, acts)")
    PRONOUNS = "pronouns", _("pronoun (stands for the sentence's subject)")
    PASSIVES = "passives", _("passive auxiliary (the actor before the cue is its object)")
    PARTICIPLES = "participles", _("participle ending (of a cue a passive auxiliary governs)")
    NOMINATIVE = "nominative", _("nominative ending (an actor named so may act)")
    OBLIQUE = "oblique", _("oblique-case ending (an actor named so does not act)")
    INSTRUMENTAL = "instrumental", _("instrumental ending (an actor named so after the cue acts)")
    JOINERS = "joiners", _("joiner (actors it joins act together)")
    BARRIERS = "barriers", _("barrier (a negation does not reach a cue across it)")
    MEMBERS = "members", _("members word (right after an actor: its members, not the actor)")
    ANAPHORS = "anaphors", _("anaphor (stands for the instrument named last: the treaty)")
    DETERMINERS = "determiners", _("determiner (before an anaphor: the, this)")
    GROUPS = "groups", _("group (before an actor in an oblique case: its people act)")
    SPEAKERS = "speakers", _("speaker word (the actor next to it, after the cue, said it)")
    ACCUSED = "accused", _("accused marker (a cue word whose subject is the accused)")
    MODALS = "modals", _("word of duty (an implementing cue after it states a duty)")
    ADDRESSED = (
        "addressed",
        _("addressed marker (a demand cue word whose subject is the one asked)"),
    )
    ORGANS = (
        "organs",
        _("organ word (a publisher naming an actor next to it is that actor's organ)"),
    )
    SELVES = (
        "selves",
        _("self word (a publisher that is an organ speaks of itself so: we, the ministry)"),
    )
    CLAUSES = (
        "clauses",
        _("clause word (opens another clause: an actor before it is not the subject after it)"),
    )
    PLURALS = (
        "plurals",
        _("plural word (a clause with it speaks of several parties: no subject carried to it)"),
    )
    INFINITIVES = (
        "infinitives",
        _("infinitive ending (a cue so ending after a proposal is what is proposed)"),
    )
    HEADS = (
        "heads",
        _("head noun (an actor's adjective is named with it: side; names the actor when joined)"),
    )
    PARTNERS = (
        "partners",
        _("partner word (the actor after it shares an agreeing or implementing act: with)"),
    )
    INTENTS = (
        "intents",
        _("intent word (a threat, vow or possibility: the cue after it is no position yet)"),
    )
    PAIRS = (
        "pairs",
        _("pair word (right after an act's object that no one is said to do: its parties follow)"),
    )


class PositionWord(models.Model):
    """A small word that decides how an actor, a cue and a target combine (a negation, a
    preposition that makes an actor an object …): curated per language like the cues."""

    Role = WordRole

    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    word = models.CharField(
        _("word"), max_length=40, help_text=_("One word, lower case."), validators=[visible_text]
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = StanceCueQuerySet.as_manager()

    class Meta:
        verbose_name = _("position word")
        verbose_name_plural = _("position words")
        ordering = ["language", "role", "word"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=WordRole.values),
                name="positionword_role_valid",
                violation_error_message="A position word's role is one of: negations, objects, frames, agents, pronouns, passives, participles, nominative, oblique, instrumental, joiners, barriers, members, anaphors, determiners, groups, speakers, accused, modals, addressed, organs, selves, clauses, plurals, infinitives, heads, partners, intents, pairs.",
            ),
            models.CheckConstraint(
                condition=~Q(word=""),
                name="positionword_word_not_empty",
                violation_error_message=_("A position word needs its word (it cannot be empty)."),
            ),
            models.UniqueConstraint(
                fields=["language", "role", "word"],
                name="positionword_unique",
                violation_error_message=_("This language already has this word in this role."),
            ),
        ]

    def __str__(self):
        return f"{self.word} ({self.get_role_display()}, {self.language})"

    def clean(self):
        self.word = self.word.strip().lower()
        if not self.word or " " in self.word:
            raise ValidationError({"word": _("One word, without spaces.")})
