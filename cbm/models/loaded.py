"""What load_registry has written into fields of rows that already existed (translations)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadedField(models.Model):
    """A field of a registry row that load_registry filled from fixtures/registry once.

    From then on the field is the curators', like a row load_registry created: the loader never
    writes it again (unless --update), not even where a curator emptied it on purpose. See
    cbm.registry_data.Loader.fill, the one place that reads and writes these.
    """

    model = models.CharField(_("model"), max_length=60)  # its label: "cbm.measuretype"
    object_id = models.PositiveBigIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=60)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("field loaded from the registry's files")
        verbose_name_plural = _("fields loaded from the registry's files")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "field"],
                name="loadedfield_unique",
                violation_error_message=_("This field of this row is already recorded as loaded."),
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}.{self.field}"
