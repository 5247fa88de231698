"""How an accepted link came to be, as the public may see it: what found it, when it was
accepted and by whom (the curator's chosen public name, or "a curator")."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models.curators import ANONYMOUS_CURATOR, chosen_name
from .models.links import Span
from .translation import long_date

BY_HAND = "added by hand"
BY_MODEL = "the measure-type model"


def provenance(link) -> dict:
    """The same for mentions, citations (found by a term) and positions (by a stance cue).
    Needs link.term or link.cue and link.reviewed_by__curator_profile loaded to stay at
    one query per list."""
    kind, finder = _finder(link)
    # The reviewer is read only for an accepted link: nobody else is named.
    reviewer = link.reviewed_by if link.status == Span.Status.ACCEPTED else None
    profile = getattr(reviewer, "curator_profile", None) if reviewer is not None else None
    return provenance_of(
        origin=link.origin,
        by_model=getattr(link, "by_model", False),
        finder=kind,
        finder_text=finder.text if finder is not None else None,
        status=link.status,
        reviewed_at=link.reviewed_at,
        display_name=profile.display_name if profile is not None else None,
    )


def _finder(link):
    """("term", the term) for a mention or citation, ("cue", the stance cue) for a position
    (whose term column holds the actor term that named its actor, not what found it); the row
    is None once deleted."""
    if hasattr(link, "cue"):
        return "cue", link.cue
    return "term", getattr(link, "term", None)


def provenance_of(
    *, origin, finder, finder_text, status, reviewed_at, display_name, by_model=False
) -> dict:
    """provenance() from plain values (lists read without model instances): finder is "term"
    or "cue", finder_text its words (None if deleted), display_name the reviewer's chosen
    name (None without a profile), by_model whether the measure-type model suggested it."""
    if origin != Span.Origin.SUGGESTED:
        found_by = BY_HAND
    elif by_model:
        found_by = BY_MODEL
    elif finder_text is not None:
        found_by = f"the {finder} “{finder_text}”"
    elif finder == "cue":
        found_by = "the position finder (by a cue since deleted)"
    else:
        found_by = "the matcher (by a term since deleted)"
    accepted = status == Span.Status.ACCEPTED and reviewed_at is not None
    return {
        "found_by": found_by,
        "accepted_at": reviewed_at if accepted else None,
        "accepted_by": chosen_name(display_name) if accepted else None,
    }


def describe(link) -> str:
    """One sentence for the pages: "Found by the term “x”; accepted on 9 January 2026 by
    a curator." """
    facts = provenance(link)
    kind, link_finder = _finder(link)
    if facts["found_by"] == BY_HAND:
        found = _("Added by hand")
    elif facts["found_by"] == BY_MODEL:
        found = _("Suggested by the measure-type model")
    elif link_finder is None and kind == "cue":
        found = _("Found by the position finder (by a cue since deleted)")
    elif link_finder is None:
        found = _("Found by the matcher (by a term since deleted)")
    elif kind == "term":
        found = _("Found by the term “%(text)s”") % {"text": link_finder.text}
    else:
        found = _("Found by the cue “%(text)s”") % {"text": link_finder.text}
    if facts["accepted_at"] is None:
        return f"{found}."
    day = long_date(timezone.localdate(facts["accepted_at"]))
    by = facts["accepted_by"]
    if by == ANONYMOUS_CURATOR:
        by = _("a curator")
    return _("%(found)s; accepted on %(day)s by %(by)s.") % {"found": found, "day": day, "by": by}
