"""The CBM taxonomy: categories and the measure types in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..translation import display_name
from ..validators import visible_text


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Category(models.Model):
    """A family of measures: information exchange, notification, observation … ."""

    name = models.CharField(_("name"), max_length=120, unique=True, validators=[visible_text])
    name_ru = models.CharField(
        _("name in Russian"), max_length=120, blank=True, validators=[visible_text]
    )
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
        return display_name(self)  # in the admin's language, as its lists name it

    def get_absolute_url(self):
        return reverse("cbm:category-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class MeasureTypeQuerySet(SlugQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_category(self, slug):
        return self.filter(category__slug=slug)

    def family(self, slug) -> list[int]:
        """The pks of the type and of its sub-types at any depth (a sub-type may have its own),
        walked here over one query of the small taxonomy's links: SQL would need recursion."""
        children, root = {}, None
        for pk, type_slug, parent in self.values_list("pk", "slug", "parent_id"):
            children.setdefault(parent, []).append(pk)
            root = pk if type_slug == slug else root
        family, todo = [], [root] if root is not None else []
        while todo:
            pk = todo.pop()
            if pk not in family:  # (a cycle stored before clean() refused it ends here)
                family.append(pk)
                todo.extend(children.get(pk, []))
        return family

    def tree(self) -> list:
        """The top-level types of these, each with .children (its sub-types, each with its own
        .children, at any depth), from this one query."""
        types = list(self)
        children = {measure_type.pk: [] for measure_type in types}
        roots = []
        for measure_type in types:
            children.get(measure_type.parent_id, roots).append(measure_type)
        for measure_type in types:
            measure_type.children = children[measure_type.pk]
        return roots


class MeasureType(models.Model):
    """One kind of confidence-building measure: the heart of the registry."""

    name = models.CharField(_("name"), max_length=160, unique=True, validators=[visible_text])
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=160,
        blank=True,
        help_text=_("Shown on the Russian pages (/ru/…); empty: the English name, marked."),
        validators=[visible_text],
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
        return display_name(self)  # in the admin's language, as its lists name it

    def get_absolute_url(self):
        return reverse("cbm:measure-type-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def _is_above(self, other) -> bool:
        """Whether other is one of this type's sub-types, at any depth."""
        seen = set()
        while other is not None and other.pk not in seen:
            if other.parent_id == self.pk:
                return True
            seen.add(other.pk)
            other = other.parent
        return False

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A measure type cannot be its own parent.")})
        if self.pk and self.parent_id and self._is_above(self.parent):
            raise ValidationError(
                {"parent": _("A measure type cannot be a sub-type of one of its own sub-types.")}
            )
        if self.parent_id and self.parent.category_id != self.category_id:
            raise ValidationError({"parent": _("A sub-type must be in its parent's category.")})
