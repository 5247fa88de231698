"""How good the suggestions are: the ranker that orders them, and the measured quality that
the pages publish beside the data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..translation import LANGUAGE_NAMES


class RankerQuerySet(models.QuerySet):
    def current(self):
        """The ranker in use: the newest active one, or None."""
        return self.filter(is_active=True).order_by("-trained_at", "-pk").first()


class Ranker(models.Model):
    """A logistic regression over a suggestion's sentence words and the term that fired,
    trained by `manage.py train_ranker`; its weights are stored here, readable by anyone."""

    trained_at = models.DateTimeField(_("trained at"))
    weights = models.JSONField(
        _("weights"), help_text=_("{'intercept': …, 'features': {feature: weight}}")
    )
    examples = models.PositiveIntegerField(_("training examples"), default=0)
    threshold = models.FloatField(
        _("threshold"),
        default=0.0,
        help_text=_(
            "Suggestions less likely than this (0–1) are hidden from the review queue "
            "(the 'likely' filter) and left out when the matcher is evaluated with the ranker."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only the newest active ranker is used.")
    )
    note = models.TextField(_("note"), blank=True)

    objects = RankerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ranker")
        verbose_name_plural = _("rankers")
        ordering = ["-trained_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0, threshold__lte=1),
                name="ranker_threshold_0_1",
                violation_error_message=_("The threshold is a likelihood between 0 and 1."),
            )
        ]

    def __str__(self):
        return f"ranker of {self.trained_at:%Y-%m-%d %H:%M} ({self.examples} examples)"


class MeasureTypeModelQuerySet(models.QuerySet):
    def current(self, language="en"):
        """The learned model of measure types in use for a language: the newest active one."""
        return self.filter(is_active=True, language=language).order_by("-trained_at", "-pk").first()


class MeasureTypeModel(models.Model):
    """One logistic regression per measure type over a paragraph's word roots (cbm.measure_model),
    trained by `manage.py train_measure_model`; while one is active, `suggest` adds a pending
    suggestion of a type it finds likely for a passage with no link of that type."""

    language = models.CharField(_("language"), max_length=12, default="en")
    trained_at = models.DateTimeField(_("trained at"))
    weights = models.JSONField(
        _("weights"),
        help_text=_("{'idf': {feature: idf}, 'types': {slug: {'intercept': …, 'features': …}}}"),
    )
    examples = models.PositiveIntegerField(_("training examples"), default=0)
    threshold = models.FloatField(
        _("threshold"),
        help_text=_("Types less likely than this (0–1) are not suggested (above 1: none)."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only the newest active model is used.")
    )
    note = models.TextField(_("note"), blank=True)

    objects = MeasureTypeModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure-type model")
        verbose_name_plural = _("measure-type models")
        ordering = ["-trained_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0),
                name="measure_type_model_threshold_positive",
                violation_error_message=_("The threshold is a likelihood, 0 or more."),
            )
        ]

    def __str__(self):
        return f"measure-type model ({self.language}) of {self.trained_at:%Y-%m-%d %H:%M}"


class QualityQuerySet(models.QuerySet):
    def in_language(self, language="en"):
        return self.filter(language=language)

    def of(self, subject: str):
        """The figures of the link suggestions ("links") or of the position suggestions
        ("positions"): each is measured, published and replaced on its own."""
        return self.filter(kind__in=QualityFigure.KINDS[subject])

    def for_measure_type(self, slug, language="en"):
        return (
            self.in_language(language)
            .filter(kind=QualityFigure.Kind.MEASURE_TYPE, slug=slug)
            .first()
        )

    def for_instrument(self, slug, language="en"):
        return (
            self.in_language(language).filter(kind=QualityFigure.Kind.INSTRUMENT, slug=slug).first()
        )

    def positions_overall(self):
        """The suggested positions' overall figures, one per language measured (one query)."""
        return list(self.filter(kind=QualityFigure.Kind.POSITIONS, slug="").order_by("language"))

    def per_language(self, kind, slug):
        """A target's figures, one per language measured, English first (one query)."""
        return list(self.filter(kind=kind, slug=slug).order_by("language"))


class QualityFigure(models.Model):
    """Precision and recall of the suggestions for one target (or overall) in texts of one
    language, on the frozen test split of that language's evaluation set (fixtures/eval/en,
    fixtures/eval/ru), as stored by `evaluate_matcher --publish`; and of the suggested
    positions, overall and per stance (rejects and denies as one class), as stored by
    `evaluate_positions --publish`. gold_links counts labelled links, or labelled positions."""

    class Kind(models.TextChoices):
        OVERALL = "overall", _("overall")
        MEASURE_TYPE = "measure_type", _("measure type")
        INSTRUMENT = "instrument", _("instrument")
        POSITIONS = "positions", _("positions overall")
        STANCE = "stance", _("stance")

    # what each subject publishes (cbm.quality): links per target, positions per stance class
    KINDS = {
        "links": [Kind.OVERALL, Kind.MEASURE_TYPE, Kind.INSTRUMENT],
        "positions": [Kind.POSITIONS, Kind.STANCE],
    }

    language = models.CharField(
        _("language"),
        max_length=12,
        default="en",
        help_text=_("The language of the evaluation set's paragraphs (and of the terms used)."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=80, blank=True, help_text=_("empty: overall"))
    precision = models.FloatField(_("precision"), null=True, help_text=_("none: nothing found"))
    recall = models.FloatField(_("recall"), null=True, help_text=_("none: no gold link"))
    gold_links = models.PositiveIntegerField(_("labelled paragraphs"))
    found = models.PositiveIntegerField(_("suggested"))
    paragraphs = models.PositiveIntegerField(_("paragraphs evaluated"))
    measured_on = models.DateField(_("measured on"))
    dataset = models.CharField(_("data set"), max_length=200)

    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality figure")
        verbose_name_plural = _("quality figures")
        ordering = ["language", "kind", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "kind", "slug"],
                name="quality_unique_language_target",
                violation_error_message=_(
                    "There is already a quality figure for this language, kind and slug."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.language} {self.slug or 'overall'}: P {self.precision} R {self.recall}"

    @property
    def subject(self) -> str:
        """links or positions: which suggestions the figure measures (KINDS)."""
        return next(s for s, kinds in self.KINDS.items() if self.kind in kinds)

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))
