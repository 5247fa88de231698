"""Suggest positions: run the position finder over documents and keep the pending Positions in
step with it, never touching what a curator decided (the same rules as cbm/suggest.py):

- a position a curator decided (accepted, rejected, reviewed, edited, or made by hand) is never
  altered, duplicated or re-created: its (passage, actor, stance, target) is not suggested
  again, so a rejected one does not come back, nor is any reading it had before a curator
  corrected its actor, stance or target (read from its history);
- a pending suggestion the finder no longer makes is withdrawn, by a delete that only ever
  removes rows still pending, unreviewed and suggested (a curator's concurrent decision wins);
- running it twice in a row changes nothing.

The targets are the passage's mentions and citations that are not rejected: a position is on
what the registry says the passage mentions. A measure type only the words model proposes
(by_model) is a target once a curator accepted it, not before: a guess on a guess added 3 true
positions for 30 false across six sets (evaluate_positions --measure-model; per set in
bench/reference/positions-2026-11-28d.txt).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from .matching import TermSpec
from .models import (
    DECIDED,
    Actor,
    Citation,
    Document,
    MeasureType,
    Mention,
    Passage,
    Position,
    PositionWord,
    Span,
    StanceCue,
    Term,
    is_decided,
)
from .positions_matching import CueSpec, PositionFinder, PositionWords, TargetSpan
from .suggest import INSTRUMENT, MEASURE_TYPE, report_skipped
from .unmatched import Skipped, skipped_rows, unique


def actor_specs(
    actors: Iterable[Actor] | None = None,
    terms: Iterable[Term] | None = None,
    *,
    language: str = "en",
):
    """Each actor's name, and its active curated terms of the language, as matcher terms."""
    actors = Actor.objects.all() if actors is None else actors
    if terms is None:
        terms = Term.objects.active().for_actors().in_language(language)
    specs = [TermSpec(("name", a.pk), a.pk, "phrase", a.name) for a in actors]
    specs += [
        TermSpec(t.pk, t.actor_id, t.kind, t.text, t.near, t.window, language=t.language)
        for t in terms
    ]
    return specs


def position_words(language: str = "en") -> PositionWords:
    """The curated small words of one language (PositionWord rows), by role."""
    lists = defaultdict(list)
    rows = PositionWord.objects.active().filter(language=language).values_list("role", "word")
    for role, word in rows:
        lists[role].append(word)
    return PositionWords.from_lists(lists)


def build_finder(language: str = "en", *, by_slug: bool = False) -> PositionFinder:
    """The finder of one language's curated words. Its targets are ("measure_type", pk) as
    suggest gives them, or ("measure_type", slug) with by_slug, as the evaluation does."""
    cues = []
    rows = StanceCue.objects.active().filter(language=language).select_related("measure_type")
    for c in rows:
        only = None
        if c.measure_type_id is not None:
            only = (MEASURE_TYPE, c.measure_type.slug if by_slug else c.measure_type_id)
        spec = (c.pk, c.stance, c.kind, c.text, c.near, c.window, c.negated_stance, only)
        cues.append(CueSpec(*spec))
    continued = Actor.objects.filter(continues__isnull=False)
    continuations = {
        pk: (predecessor, since)
        for pk, predecessor, since in continued.values_list("pk", "continues", "continues_since")
    }
    finder = PositionFinder(
        actor_specs(language=language), cues, position_words(language), language, continuations
    )
    report_skipped(finder.actors, "term")
    report_skipped(finder.cue_matcher, "stance cue")
    return finder


def finder_skipped(finder: PositionFinder) -> list[Skipped]:
    """The actor terms and names and the stance cues the finder left out."""
    return skipped_rows(finder.actors.skipped, "term") + skipped_rows(
        finder.cue_matcher.skipped, "stance cue"
    )


@dataclass
class PositionResult:
    documents: int = 0
    created: int = 0
    kept: int = 0
    withdrawn: int = 0
    # the actor terms and names and the stance cues the finders left out (see cbm.unmatched)
    skipped: list[Skipped] = field(default_factory=list)

    def __str__(self):
        return gettext(
            "%(documents)s document(s): %(created)s position(s) suggested, %(kept)s kept, "
            "%(withdrawn)s withdrawn."
        ) % {
            "documents": self.documents,
            "created": self.created,
            "kept": self.kept,
            "withdrawn": self.withdrawn,
        }


def _targets(passage_ids) -> dict[int, list[TargetSpan]]:
    targets = defaultdict(list)
    parents = {
        (MEASURE_TYPE, pk): frozenset({(MEASURE_TYPE, parent)})
        for pk, parent in MeasureType.objects.filter(parent__isnull=False).values_list(
            "pk", "parent_id"
        )
    }
    for model, kind in ((Mention, MEASURE_TYPE), (Citation, INSTRUMENT)):
        rows = (
            model.objects.filter(passage_id__in=passage_ids)
            .exclude(status=Span.Status.REJECTED)
            .exclude(by_model=True, status=Span.Status.PENDING)
            .values_list("passage_id", "start", "end", f"{kind}_id", "term__kind")
        )
        for passage, start, end, target, term_kind in rows:
            key = (kind, target)
            loose = term_kind == Term.Kind.PROXIMITY
            targets[passage].append(
                TargetSpan(start, end, key, parents.get(key, frozenset()), loose)
            )
    for spans in targets.values():
        spans.sort(key=lambda t: (t.start, t.end))
    return targets


def suggest_positions(documents, *, finder: PositionFinder | None = None) -> PositionResult:
    """Suggest positions for the documents given (a queryset of Documents), one transaction
    per document."""
    finders = {}  # by language: each document is read with its language's words
    result = PositionResult()
    for document_id, language in documents.order_by("pk").values_list("pk", "language"):
        if finder is None and language not in finders:
            finders[language] = build_finder(language)
            result.skipped = unique([*result.skipped, *finder_skipped(finders[language])])
        _suggest_document(document_id, finder or finders[language], result)
        result.documents += 1
    return result


def _term_id(found) -> int | None:
    """The curated actor term that named the position's actor, kept in its term column (an
    actor's own name is no Term row: its key is ("name", pk))."""
    return found.actor_term if isinstance(found.actor_term, int) else None


def _earlier_readings(decided_pks) -> set[tuple]:
    """Every (passage, actor, stance, target) the decided positions ever had: a curator who
    corrected a suggestion's actor, stance or target said its old reading was wrong, so that
    reading is not suggested again."""
    return _readings(Position.history.filter(id__in=decided_pks))


def curators_readings(passage) -> set[tuple]:
    """Every reading a curator has decided on in a passage, from the history: those of its
    decided positions now and before any correction (as suggest reads them), and those of
    decided positions since deleted. Loaders of gold must not bring any of them back."""
    decided = Position.objects.filter(passage=passage).decided().values_list("pk", flat=True)
    deleted = Position.history.filter(passage_id=passage.pk, history_type="-").filter(DECIDED)
    return _earlier_readings(list(decided)) | _readings(deleted)


def reading(passage_id, actor_id, stance, measure_type_id, instrument_id) -> tuple:
    """(passage, actor, stance, kind, target): a position's reading, as the finder keys it."""
    if measure_type_id:
        return (passage_id, actor_id, stance, MEASURE_TYPE, measure_type_id)
    return (passage_id, actor_id, stance, INSTRUMENT, instrument_id)


def _readings(history) -> set[tuple]:
    rows = history.values_list(
        "passage_id", "actor_id", "stance", "measure_type_id", "instrument_id"
    )
    return {reading(*row) for row in rows}


@transaction.atomic
def _suggest_document(document_id: int, finder: PositionFinder, result: PositionResult):
    passages = list(
        Passage.objects.filter(document_id=document_id)
        .order_by("ordinal")
        .values_list("pk", "text")
    )
    targets = _targets([pk for pk, _ in passages])
    publisher, published = (
        Document.objects.filter(pk=document_id).values_list("publisher", "published_on").get()
    )
    found = finder.find_document(
        [(text, targets.get(pk, [])) for pk, text in passages], publisher or "", published
    )
    texts = dict(passages)
    proposed = {}
    for (pk, _), positions in zip(passages, found, strict=True):
        for p in positions:
            kind, target = p.target
            proposed[pk, p.actor, p.stance, kind, target] = p

    existing = Position.objects.filter(passage_id__in=list(texts)).values_list(
        "pk",
        "passage_id",
        "actor_id",
        "stance",
        "measure_type_id",
        "instrument_id",
        "status",
        "origin",
        "reviewed_at",
        "start",
        "end",
        "cue_id",
        "term_id",
    )
    decided, decided_pks, pending = set(), [], {}
    for (
        pk,
        passage,
        actor,
        stance,
        measure,
        instrument,
        status,
        origin,
        reviewed,
        *span,
    ) in existing:
        kind, target = (MEASURE_TYPE, measure) if measure else (INSTRUMENT, instrument)
        key = (passage, actor, stance, kind, target)
        if is_decided(status, origin, reviewed):
            decided.add(key)
            decided_pks.append(pk)
        else:
            pending[key] = (pk, tuple(span))
    decided |= _earlier_readings(decided_pks)

    to_create, to_update = [], []
    for key, p in proposed.items():
        if key in decided:
            continue  # a curator has spoken on this position
        if key in pending:
            pk, span = pending.pop(key)
            result.kept += 1
            if span != (p.start, p.end, p.cue, _term_id(p)):
                quote = texts[key[0]][p.start : p.end]
                to_update.append(
                    Position(
                        pk=pk,
                        start=p.start,
                        end=p.end,
                        quote=quote,
                        cue_id=p.cue,
                        term_id=_term_id(p),
                    )
                )
            continue
        to_create.append(key)

    if pending:
        # Only rows still the finder's own once locked (a curator's decision made meanwhile
        # stands; a row a curator holds is skipped). delete() alone would select, then delete
        # by id, with a window between the two.
        ours = list(
            Position.objects.filter(pk__in=[pk for pk, _ in pending.values()])
            .undecided()
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        _, deleted = Position.objects.filter(pk__in=ours).delete()
        result.withdrawn += deleted.get(Position._meta.label, 0)
    for position in to_update:
        Position.objects.filter(pk=position.pk).undecided().update(
            **{
                field: getattr(position, field)
                for field in ("start", "end", "quote", "cue_id", "term_id")
            }
        )
    if to_create:
        rows = []
        for passage, actor, stance, kind, target in to_create:
            p = proposed[passage, actor, stance, kind, target]
            rows.append(
                Position(
                    passage_id=passage,
                    actor_id=actor,
                    stance=stance,
                    **{f"{kind}_id": target},
                    start=p.start,
                    end=p.end,
                    quote=texts[passage][p.start : p.end],
                    cue_id=p.cue,
                    term_id=_term_id(p),
                )
            )
        bulk_create_with_history(rows, Position, default_change_reason="suggested by the finder")
        result.created += len(rows)
