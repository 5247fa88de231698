"""How curators are named in public: the provenance of every link they accept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import visible_text

ANONYMOUS_CURATOR = "a curator"


class CuratorProfile(models.Model):
    """A curator's public name, chosen by the curator; none means "a curator"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="curator_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("public name"),
        max_length=80,
        blank=True,
        help_text=_(
            "Shown with the links you accept (for example “J. Smith, CBM Registry”). "
            "Leave it empty to appear as “a curator”. Your user name is never shown."
        ),
        validators=[visible_text],
    )

    class Meta:
        verbose_name = _("curator's public name")
        verbose_name_plural = _("curators' public names")

    def __str__(self):
        return self.display_name or ANONYMOUS_CURATOR


def public_name(user) -> str:
    """The name a link's reviewer chose, or "a curator": never a user name."""
    profile = getattr(user, "curator_profile", None) if user is not None else None
    return chosen_name(profile.display_name if profile is not None else None)


def chosen_name(display_name: str | None) -> str:
    """public_name() from a profile's display_name (None: no profile)."""
    return (display_name or "").strip() or ANONYMOUS_CURATOR
