"""The dated record of an instrument: who took part in it, when, and how its status changed.

Every row carries a source: the record must be as exact as a depositary's, so a date that no
source confirms stays empty and the note says why.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..translation import display_name
from .instruments import Actor, Instrument
from .texts import EARLIEST_PUBLISHED

# A party's dates, each checked against the instrument's signature and today.
PARTY_DATES = ("signed_on", "joined_on", "succeeded_on", "suspended_on", "withdrew_on")
# A withdrawal takes effect months after its notice (six for Open Skies), so it may be recorded
# ahead of time; more than a year ahead is a mistyped year.
AHEAD = datetime.timedelta(days=366)


class ParticipationQuerySet(models.QuerySet):
    def current(self):
        """Still taking part: not withdrawn, and the state or organisation still exists."""
        return self.filter(withdrew_on=None, actor__historical=False)

    def former(self):
        return self.exclude(pk__in=self.current().values("pk"))

    def chronological(self):
        return self.order_by(
            F("signed_on").asc(nulls_last=True),
            F("joined_on").asc(nulls_last=True),
            F("succeeded_on").asc(nulls_last=True),
            "actor__name",
        )


class Participation(models.Model):
    """An actor's part in an instrument, with the dates a depositary would record."""

    class Role(models.TextChoices):
        PARTY = "party", _("party")
        SIGNATORY = "signatory", _("signatory (not bound)")
        PARTICIPATING_STATE = "participating_state", _("participating State")

    instrument = models.ForeignKey(
        Instrument, models.CASCADE, related_name="participations", verbose_name=_("instrument")
    )
    actor = models.ForeignKey(
        Actor, models.PROTECT, related_name="participations", verbose_name=_("actor")
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.PARTY)
    signed_on = models.DateField(_("signed or adopted on"), null=True, blank=True)
    joined_on = models.DateField(
        _("ratified or joined on"),
        null=True,
        blank=True,
        help_text=_("Ratification, accession or acceptance: when it became bound."),
    )
    succeeded_from = models.ForeignKey(
        Actor,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="successions",
        verbose_name=_("successor to"),
        help_text=_("The state it succeeded in this instrument (the Soviet Union …)."),
    )
    succeeded_on = models.DateField(_("succeeded on"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    withdrew_on = models.DateField(_("withdrew on"), null=True, blank=True)
    source_note = models.TextField(
        _("source"), blank=True, help_text=_("Where each date was read; why one is missing.")
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["instrument", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "actor"],
                name="participation_unique_actor",
                violation_error_message=_(
                    "This actor already has a participation in this instrument."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["party", "signatory", "participating_state"]),
                name="participation_role_valid",
                violation_error_message=_("Role must be one of the listed roles."),
            ),
            models.CheckConstraint(
                condition=~Q(succeeded_from=F("actor")),
                name="participation_not_own_successor",
                violation_error_message=_(
                    "A participant cannot succeed itself: choose another predecessor or none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrew_on=None)
                | Q(signed_on=None)
                | Q(withdrew_on__gte=F("signed_on")),
                name="participation_withdrew_after_signing",
                violation_error_message=_(
                    "The withdrawal date cannot be before the signature date."
                ),
            ),
        ]

    def __str__(self):
        # In the admin's language: the instrument's page lists its parties by these words.
        return gettext("%(instrument)s: %(actor)s") % {
            "instrument": display_name(self.instrument),
            "actor": display_name(self.actor),
        }

    def clean(self):
        errors = self.implausible_dates()
        if self.succeeded_from_id and self.succeeded_from_id == self.actor_id:
            errors["succeeded_from"] = _("An actor cannot succeed itself.")
        if self.withdrew_on and self.signed_on and self.withdrew_on < self.signed_on:
            errors.setdefault("withdrew_on", _("Withdrawal cannot precede signature."))
        if errors:
            raise ValidationError(errors)

    def implausible_dates(self) -> dict[str, str]:
        """{field: why} for each date no party can have: before the instrument was signed (or
        1900, if its signature date is unknown), or more than a year from today (a year 1066
        or 2209 typed for 2009)."""
        # The instrument as the form edits it (an inline's parent), unsaved or not yet chosen.
        instrument = getattr(self, "instrument", None)
        signed = instrument.signed_on if instrument is not None else None
        latest = timezone.localdate() + AHEAD
        errors = {}
        for field in PARTY_DATES:
            day = getattr(self, field)
            if day is None:
                continue
            if day > latest:
                message = gettext("%(date)s is more than a year in the future: check the year.")
            elif signed and day < signed:
                message = gettext(
                    "%(date)s is before the instrument was signed or adopted (%(signed)s)."
                )
            elif day < EARLIEST_PUBLISHED:
                message = gettext("%(date)s is before %(year)d: check the year.")
            else:
                continue
            errors[field] = message % {
                "date": day.isoformat(),
                "signed": signed.isoformat() if signed else "",
                "year": EARLIEST_PUBLISHED.year,
            }
        return errors


class InstrumentStatusChange(models.Model):
    """A dated change in an instrument's legal status, with its source."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("signed or adopted")
        IN_FORCE = "in_force", _("entered into force")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("a party withdrew")
        TERMINATED = "terminated", _("terminated")
        EXPIRED = "expired", _("expired")
        SUPERSEDED = "superseded", _("superseded")

    instrument = models.ForeignKey(
        Instrument, models.CASCADE, related_name="status_changes", verbose_name=_("instrument")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    source_note = models.TextField(_("source"), blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["instrument", "date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "status", "date"],
                name="statuschange_unique",
                violation_error_message=_(
                    "This instrument already has this status change on this date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "signed",
                        "in_force",
                        "suspended",
                        "withdrawn",
                        "terminated",
                        "expired",
                        "superseded",
                    ]
                ),
                name="statuschange_status_valid",
                violation_error_message=_("Status must be one of the listed statuses."),
            ),
        ]

    def __str__(self):
        return gettext("%(instrument)s: %(status)s on %(date)s") % {
            "instrument": display_name(self.instrument),
            "status": self.get_status_display(),
            "date": self.date,
        }

    # The instrument's status follows its history whichever way a change is written.
    def save(self, *args, **kwargs):
        from ..status import sync_status

        super().save(*args, **kwargs)
        sync_status(self.instrument)

    def delete(self, *args, **kwargs):
        from ..status import sync_status

        result = super().delete(*args, **kwargs)
        sync_status(self.instrument)
        return result

    @property
    def on_signature(self) -> bool:
        """Entered into force the day it was signed (said so on the page)."""
        return self.status == self.Status.IN_FORCE and self.date == self.instrument.signed_on
