"""Run the matcher over passages and keep the pending Mentions and Citations in step with it.

The rules that protect curators' work, in one place:

- A link a curator decided (accepted, rejected, reviewed or edited, or made by hand) is never
  altered, duplicated or re-created: no suggestion is made that overlaps it, for the same
  passage and target. So a rejected suggestion does not come back.
- Pending suggestions are the matcher's own: one that the matcher no longer finds (its term was
  deleted, deactivated or edited) is withdrawn, a new one is created, an unchanged one is kept.
- Overlapping matches of one target in one passage become one suggestion.
- Running it twice in a row changes nothing.
- It is safe while curators work: each batch locks its passages (as a curator's hand-made link
  does), and withdraws or retags only rows that are still untouched suggestions when it locks
  them, skipping any a curator holds; a link a curator accepted a moment ago is never deleted.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from . import measure_model
from .curation import set_lock_timeout
from .matching import Matcher
from .models import (
    Citation,
    Cue,
    CueList,
    MeasureType,
    MeasureTypeModel,
    Mention,
    Passage,
    Term,
    is_decided,
)
from .unmatched import Skipped, report, skipped_rows, unique

MEASURE_TYPE, INSTRUMENT = "measure_type", "instrument"
LINK_MODELS = {MEASURE_TYPE: Mention, INSTRUMENT: Citation}


def report_skipped(matcher: Matcher, what: str) -> list[Skipped]:
    """Log each term or cue the matcher left out (see cbm.unmatched), and give them back: one
    stored before the rule it breaks matches nothing until a curator corrects it, and every
    other term still matches. what names the rows whose keys are primary keys ("term",
    "stance cue")."""
    return report(skipped_rows(matcher.skipped, what))


def build_matcher(terms: Iterable[Term] | None = None, *, language: str = "en") -> Matcher:
    """A matcher over the active curated terms of one language (or over the terms given),
    with the cue lists of that language and those its terms name (needed or unless)."""
    if terms is None:
        terms = Term.objects.active().for_links().in_language(language)
    specs = []
    for term in terms:
        if term.measure_type_id:
            target = (MEASURE_TYPE, term.measure_type_id)
        else:
            target = (INSTRUMENT, term.instrument_id)
        specs.append(term.spec(target))
    named = {cue for spec in specs for cue in (spec.cue, spec.unless) if cue is not None}
    cues = {}
    rows = Cue.objects.filter(is_active=True).filter(
        Q(cue_list__language=language) | Q(cue_list__in=named)
    )
    for cue_list, kind, text in rows.values_list("cue_list_id", "kind", "text"):
        cues.setdefault(cue_list, []).append((kind, text))
    for (
        cue_list
    ) in named:  # a list whose cues are all retired still exists: its terms match nothing
        cues.setdefault(cue_list, [])
    reach = dict(CueList.objects.filter(pk__in=cues).values_list("pk", "reach"))
    matcher = Matcher(specs, cues, language=language, reach=reach, skip_invalid=True)
    report_skipped(matcher, "term")
    return matcher


class Matchers:
    """The matcher of each language, built when a passage in it first needs it: a document is
    matched with the terms of its own language."""

    def __init__(self):
        self._built: dict[str, Matcher] = {}
        self._skipped: list[Skipped] = []

    def __call__(self, language: str) -> Matcher:
        if language not in self._built:
            self._built[language] = matcher = build_matcher(language=language)
            self._skipped += skipped_rows(matcher.skipped, "term")
        return self._built[language]

    @property
    def skipped(self) -> list[Skipped]:
        """The terms and cues left out of the matchers built so far (they match nothing)."""
        return unique(self._skipped)

    @property
    def term_count(self) -> int:
        return sum(matcher.term_count for matcher in self._built.values())


def matchers_for(matcher: "Matcher | Matchers | None") -> Callable[[str], Matcher]:
    """A matcher given is used for every language (as tests and evaluations ask)."""
    if matcher is None:
        return Matchers()
    if isinstance(matcher, Matcher):
        return lambda language: matcher
    return matcher


class ModelProposals:
    """The active measure-type model of each language (cbm.measure_model): for a passage, the
    likely types it has no link of (nor of a sub-type), each on its best-scoring sentence."""

    NOTE = "Suggested by the measure-type model, not by a term (likelihood %s)."

    def __init__(self):
        rows = list(MeasureType.objects.values_list("pk", "slug", "parent__slug"))
        self.pks = {slug: pk for pk, slug, _ in rows}
        self.slugs = {pk: slug for pk, slug, _ in rows}
        self.family = {slug: parent for _, slug, parent in rows}
        self._stored: dict[str, MeasureTypeModel | None] = {}

    @staticmethod
    def any_active() -> bool:
        return MeasureTypeModel.objects.filter(is_active=True).exists()

    def __call__(self, text: str, language: str, linked: set[int]):
        """(measure type pk, start, end, likelihood) for each type to suggest."""
        if language not in self._stored:
            self._stored[language] = MeasureTypeModel.objects.current(language)
        stored = self._stored[language]
        if stored is None:
            return []
        given = {self.slugs[pk] for pk in linked if pk in self.slugs}
        covered = measure_model.with_parents(given, self.family)
        weights = stored.weights
        probabilities = measure_model.stored_probabilities(weights, text, language)
        found = []
        for slug, p in measure_model.additions(probabilities, stored.threshold, covered):
            if slug in self.pks:
                start, end = measure_model.best_sentence(weights, slug, text, language)
                found.append((self.pks[slug], start, end, round(p, 4)))
        return found


@dataclass
class SuggestResult:
    passages: int = 0
    created: int = 0
    kept: int = 0
    withdrawn: int = 0
    # the terms and cues the matchers left out, where the caller gathers them (see cbm.unmatched)
    skipped: list[Skipped] = dataclass_field(default_factory=list)

    def add(self, other: "SuggestResult"):
        for field in ("passages", "created", "kept", "withdrawn"):
            setattr(self, field, getattr(self, field) + getattr(other, field))
        self.skipped = unique([*self.skipped, *other.skipped])

    def __str__(self):
        # In the language active (the curator's, for a job started in /ru/admin/).
        return gettext(
            "%(passages)s passage(s): %(created)s suggestion(s) created, %(kept)s kept, "
            "%(withdrawn)s withdrawn."
        ) % {
            "passages": self.passages,
            "created": self.created,
            "kept": self.kept,
            "withdrawn": self.withdrawn,
        }


def suggest(
    passages=None,
    *,
    matcher: Matcher | Matchers | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> SuggestResult:
    """Suggest links for the passages given (a queryset; default: all), a batch per transaction.

    progress, if given, is called with the number of passages done after each batch. Each
    passage is matched with the matcher of its language, unless one matcher is given.
    """
    matcher = matchers_for(matcher)
    from .training import scorer  # (training builds its matchers with this module)

    ranker = scorer()
    # Nothing changes unless a curator trained a measure-type model (train_measure_model).
    proposer = ModelProposals() if ModelProposals.any_active() else None
    queryset = Passage.objects.all() if passages is None else passages
    queryset = queryset.order_by("pk").values_list("pk", "text", "language")
    total, last_pk = SuggestResult(), 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return total
        total.add(_suggest_batch(batch, matcher, ranker, proposer))
        last_pk = batch[-1][0]
        if progress:
            progress(len(batch))


def suggest_for_document(document, *, matcher: Matcher | Matchers | None = None) -> SuggestResult:
    return suggest(Passage.objects.filter(document=document), matcher=matcher)


@transaction.atomic
def _suggest_batch(
    batch, matcher: Callable[[str], Matcher], ranker=None, proposer: ModelProposals | None = None
) -> SuggestResult:
    result = SuggestResult(passages=len(batch))
    # Lock the passages before reading their links: a curator's link_create waits for this
    # batch (bounded by the lock timeout), so no suggestion is made beside a hand-made link
    # this batch cannot see. Ordered by pk, so two batches never deadlock.
    set_lock_timeout(settings.CBM_SUGGEST_LOCK_TIMEOUT_MS)
    list(
        Passage.objects.select_for_update()
        .filter(pk__in=[pk for pk, *_ in batch])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    proposals = {MEASURE_TYPE: {}, INSTRUMENT: {}}  # kind → {(passage, target, start, end): term}
    confidence = {}  # (kind, passage, target, start, end) → the ranker's confidence
    for pk, text, language in batch:
        for match in matcher(language).find_merged(text):
            kind, target = match.target
            proposals[kind][pk, target, match.start, match.end] = match.term
            if ranker is not None:
                confidence[kind, pk, target, match.start, match.end] = ranker.confidence(
                    text, match
                )
    notes = {}
    if proposer is not None:
        _propose_by_model(batch, proposer, proposals[MEASURE_TYPE], confidence, notes)
    texts = {pk: text for pk, text, _ in batch}
    for kind, model in LINK_MODELS.items():
        _reconcile(model, kind, texts, proposals[kind], result, confidence, notes)
    return result


def _propose_by_model(batch, proposer: ModelProposals, proposed: dict, confidence, notes):
    """Add the model's types to the matcher's proposals (term None), for the types a passage
    has no link of: none proposed by the matcher, none a curator decided (accepted, rejected or
    made), so a rejected one does not come back elsewhere in the passage."""
    linked: dict[int, set[int]] = {}
    for passage, target, *_ in proposed:
        linked.setdefault(passage, set()).add(target)
    decided = Mention.objects.decided().filter(passage_id__in=[pk for pk, *_ in batch])
    # (and every type they had before a curator corrected it, from their history)
    earlier = Mention.history.filter(id__in=decided.values("pk"))
    for rows in (decided, earlier):
        for passage, target in rows.values_list("passage_id", "measure_type_id"):
            linked.setdefault(passage, set()).add(target)
    for pk, text, language in batch:
        for target, start, end, p in proposer(text, language, linked.get(pk, set())):
            proposed[pk, target, start, end] = None
            confidence[MEASURE_TYPE, pk, target, start, end] = p
            notes[MEASURE_TYPE, pk, target, start, end] = ModelProposals.NOTE % f"{p:.2f}"


def _reconcile(
    model,
    kind,
    texts: dict[int, str],
    proposed: dict,
    result: SuggestResult,
    confidence: dict,
    notes: dict | None = None,
):
    target_id = f"{kind}_id"
    existing = model.objects.filter(passage_id__in=list(texts)).values_list(
        "pk", "passage_id", target_id, "start", "end", "status", "origin", "reviewed_at", "term_id"
    )
    decided: dict[tuple, list[tuple[int, int]]] = {}
    pending: dict[tuple, tuple[int, int | None]] = {}
    decided_pks = []
    for pk, passage, target, start, end, status, origin, reviewed_at, term in existing:
        if is_decided(status, origin, reviewed_at):
            decided.setdefault((passage, target), []).append((start, end))
            decided_pks.append(pk)
        else:
            pending[passage, target, start, end] = (pk, term)
    # Every target and span a decided link ever had, from its history: a curator who moved a
    # suggestion's span or changed its target said its old reading was wrong (as for positions).
    earlier = model.history.filter(id__in=decided_pks).values_list(
        "passage_id", target_id, "start", "end"
    )
    for passage, target, start, end in earlier:
        decided.setdefault((passage, target), []).append((start, end))

    to_create, to_retag = [], []
    for key, term in proposed.items():
        passage, target, start, end = key
        spans = decided.get((passage, target), ())
        if any(start < d_end and d_start < end for d_start, d_end in spans):
            continue  # a curator has spoken on these words
        if key in pending:
            pk, old_term = pending.pop(key)
            result.kept += 1
            if old_term != term:
                to_retag.append(model(pk=pk, term_id=term, by_model=term is None))
            continue
        to_create.append(key)

    # Withdraw and retag only what is, once locked, still an untouched suggestion: a row a
    # curator decided since it was read is left alone, and one a curator holds is skipped.
    touch = [pk for pk, _ in pending.values()] + [link.pk for link in to_retag]
    still_ours = set(
        model.objects.undecided()
        .select_for_update(skip_locked=True)
        .filter(pk__in=touch)
        .values_list("pk", flat=True)
    )
    withdrawn = [pk for pk, _ in pending.values() if pk in still_ours]
    if withdrawn:
        model.objects.filter(pk__in=withdrawn).delete()
        result.withdrawn += len(withdrawn)
    to_retag = [link for link in to_retag if link.pk in still_ours]
    if to_retag:
        model.objects.bulk_update(to_retag, ["term", "by_model"])
    if to_create:
        links = [
            model(
                passage_id=passage,
                **{target_id: target},
                start=start,
                end=end,
                quote=texts[passage][start:end],
                term_id=proposed[passage, target, start, end],
                by_model=proposed[passage, target, start, end] is None,
                confidence=confidence.get((kind, passage, target, start, end)),
                note=(notes or {}).get((kind, passage, target, start, end), ""),
            )
            for passage, target, start, end in to_create
        ]
        # History starts here, so a curator's later decision shows as a change from this.
        for by_model in (False, True):  # the model's suggestions have no term
            some = [link for link in links if link.by_model == by_model]
            reason = (
                "suggested by the measure-type model" if by_model else "suggested by the matcher"
            )
            if some:
                bulk_create_with_history(some, model, default_change_reason=reason)
        result.created += len(to_create)
