"""What the matcher cannot read, for curators to see.

A term, cue, stance cue or actor name stored before a rule it breaks (a word of punctuation
alone, an abbreviation of two words) cannot be compiled: the matcher leaves it out
(Matcher(skip_invalid=True) lists it in its skipped) and everything else still matches. Its
curator sees it here: the admin's "cannot be matched" filters and columns, and the result of a
suggest run. The rule is the matcher's own, in one place: each row's match_problem() is
cbm.matching.problem, which checks the row as the matcher does before compiling it (memoised:
a list of rows asks once per row and once per filter count).
"""

import logging
from collections.abc import Hashable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Actor, Cue, StanceCue, Term

logger = logging.getLogger(__name__)

# What each kind of skipped row is called, for the messages (the matcher's skipped names rows
# by key: a term's or stance cue's pk, (cue list pk, cue text), ("name", actor pk)).
WHAT = {
    "term": gettext_lazy("term"),
    "stance cue": gettext_lazy("stance cue"),
    "cue": gettext_lazy("cue"),
    "actor name": gettext_lazy("actor name"),
}


def unmatched(queryset) -> dict[int, str]:
    """{pk: why the matcher leaves it out} for the rows of queryset (Terms, Cues, StanceCues
    or Actors) it cannot compile."""
    if queryset.model is Cue:
        queryset = queryset.select_related("cue_list")
    return {
        row.pk: reason
        for row in queryset.iterator(chunk_size=2000)
        if (reason := row.match_problem())
    }


@dataclass(frozen=True)
class Skipped:
    """One row a matcher left out, named as a curator finds it in the admin."""

    what: str  # a key of WHAT
    id: int | None
    text: str
    reason: str

    def __str__(self):
        return _("%(what)s #%(id)s “%(text)s”: %(reason)s") % {
            "what": WHAT.get(self.what, self.what),
            "id": self.id if self.id is not None else "?",
            "text": self.text,
            "reason": self.reason,
        }

    def as_dict(self) -> dict:
        return asdict(self)


def skipped_rows(pairs: list[tuple[Hashable, str]], what: str) -> list[Skipped]:
    """The rows a matcher's skipped (key, reason) pairs name. what: what an int key is a pk
    of ("term" for the link and actor matchers, "stance cue" for the finder's cues)."""
    model = {"term": Term, "stance cue": StanceCue}[what]
    ids = [key for key, _reason in pairs if not isinstance(key, tuple)]
    names = [key[1] for key, _reason in pairs if isinstance(key, tuple) and key[0] == "name"]
    cue_keys = {key for key, _reason in pairs if isinstance(key, tuple) and key[0] != "name"}
    # One query for each kind of row, however many were skipped.
    texts = dict(model.objects.filter(pk__in=ids).values_list("pk", "text")) if ids else {}
    actor_names = (
        dict(Actor.objects.filter(pk__in=names).values_list("pk", "name")) if names else {}
    )
    cue_ids = {}
    if cue_keys:
        rows = Cue.objects.filter(
            cue_list__in={cue_list for cue_list, _text in cue_keys},
            text__in={text for _cue_list, text in cue_keys},
        ).order_by("-pk")  # the first of twins wins, as .first() chose
        cue_ids = {
            (cue_list, text): pk
            for pk, cue_list, text in rows.values_list("pk", "cue_list", "text")
        }
    found = []
    for key, reason in pairs:
        if isinstance(key, tuple) and key[0] == "name":
            found.append(Skipped("actor name", key[1], actor_names.get(key[1], ""), reason))
        elif isinstance(key, tuple):  # (cue list, the cue's text)
            found.append(Skipped("cue", cue_ids.get(key), key[1], reason))
        else:
            found.append(Skipped(what, key, texts.get(key, ""), reason))
    return found


def report(skipped: list[Skipped]) -> list[Skipped]:
    """Log each row left out (and give them back): it matches nothing until a curator corrects
    or deactivates it, and every other row still matches."""
    for row in skipped:
        logger.warning("Not matched: %s. Correct or deactivate it in the admin.", row)
    return skipped


def unique(skipped) -> list[Skipped]:
    """Each row once (a run builds a matcher per language and per batch of targets)."""
    return list(dict.fromkeys(skipped))


def not_matched_summary(skipped: list[Skipped]) -> str:
    """One sentence for a run's outcome: how many rows it could not match, and what to do."""
    return ngettext(
        "%(n)s term or cue cannot be matched (it finds nothing): correct or deactivate it in "
        "the admin (filter “cannot be matched”).",
        "%(n)s terms or cues cannot be matched (they find nothing): correct or deactivate "
        "them in the admin (filter “cannot be matched”).",
        len(skipped),
    ) % {"n": len(skipped)}
