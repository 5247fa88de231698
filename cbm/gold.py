"""Hand-labelled gold links (fixtures/gold/*.yaml): measure the matcher against them, and load
them as accepted curator links for the demo."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from .matching import Matcher
from .models import Instrument, MeasureType, Passage
from .suggest import INSTRUMENT, LINK_MODELS, MEASURE_TYPE


class GoldError(ValueError):
    """A gold file that does not fit the documents; the message says where."""


@dataclass(frozen=True)
class GoldLink:
    document: str  # the source file name the document was ingested from
    ordinal: int
    kind: str  # measure_type | instrument
    slug: str
    quote: str


def read_gold(folder: Path | str) -> tuple[list[GoldLink], set[tuple[str, int]]]:
    """The links, and every (document, paragraph) labelled, including those with no link."""
    links, labelled = [], set()
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = data["document"]
        for ordinal, entries in data["passages"].items():
            labelled.add((document, int(ordinal)))
            for entry in entries or []:
                kind = MEASURE_TYPE if MEASURE_TYPE in entry else INSTRUMENT
                if set(entry) != {kind, "quote"}:
                    raise GoldError(
                        f"{path.name} ¶{ordinal}: expected {kind} and quote, got {entry}"
                    )
                links.append(GoldLink(document, int(ordinal), kind, entry[kind], entry["quote"]))
    return links, labelled


def _passages(labelled) -> dict[tuple[str, int], Passage]:
    names = {document for document, _ in labelled}
    passages = Passage.objects.filter(document__source_name__in=names).select_related("document")
    found = {(p.document.source_name, p.ordinal): p for p in passages}
    missing = sorted(labelled - found.keys())
    if missing:
        raise GoldError(f"gold labels for passages that are not ingested: {missing[:5]}")
    return found


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        relevant = self.true_positives + self.false_negatives
        return self.true_positives / relevant if relevant else 1.0


@dataclass
class Evaluation:
    per_target: dict[tuple[str, str], Score]
    overall: Score
    errors: list[str]  # one line per false positive or negative, for a curator to read

    def table(self) -> str:
        lines = [f"{'target':<42} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>7}"]
        for (kind, slug), s in sorted(self.per_target.items()):
            label = slug if kind == MEASURE_TYPE else f"[instrument] {slug}"
            lines.append(
                f"{label:<42} {s.true_positives:>3} {s.false_positives:>3} {s.false_negatives:>3}"
                f" {s.precision:>9.2f} {s.recall:>7.2f}"
            )
        o = self.overall
        lines.append(
            f"{'OVERALL':<42} {o.true_positives:>3} {o.false_positives:>3} {o.false_negatives:>3}"
            f" {o.precision:>9.2f} {o.recall:>7.2f}"
        )
        return "\n".join([*lines, *self.errors])


def evaluate(matcher: Matcher, folder: Path | str) -> Evaluation:
    """Precision and recall of the matcher at the level of (passage, target), per target."""
    links, labelled = read_gold(folder)
    passages = _passages(labelled)
    slugs = {
        MEASURE_TYPE: dict(MeasureType.objects.values_list("pk", "slug")),
        INSTRUMENT: dict(Instrument.objects.values_list("pk", "slug")),
    }
    gold = {(link.document, link.ordinal, link.kind, link.slug) for link in links}
    found = set()
    for key, passage in passages.items():
        for match in matcher.find(passage.text):
            kind, pk = match.target
            found.add((*key, kind, slugs[kind][pk]))
    per_target: dict[tuple[str, str], Score] = {}
    overall, errors = Score(), []
    for item in sorted(gold | found):
        document, ordinal, kind, slug = item
        score = per_target.setdefault((kind, slug), Score())
        if item in gold and item in found:
            score.true_positives += 1
            overall.true_positives += 1
        elif item in found:
            score.false_positives += 1
            overall.false_positives += 1
            errors.append(f"  false positive: {slug} in {document} ¶{ordinal}")
        else:
            score.false_negatives += 1
            overall.false_negatives += 1
            errors.append(f"  missed: {slug} in {document} ¶{ordinal}")
    return Evaluation(per_target, overall, errors)


@transaction.atomic
def load_gold(folder: Path | str, *, reviewer) -> Counter:
    """Store the gold links as accepted curator links reviewed by reviewer. A pending
    suggestion on the same words gives way; a link a curator already decided is kept."""
    links, labelled = read_gold(folder)
    passages = _passages(labelled)
    targets = {
        MEASURE_TYPE: {m.slug: m for m in MeasureType.objects.all()},
        INSTRUMENT: {i.slug: i for i in Instrument.objects.all()},
    }
    counts, now = Counter(), timezone.now()
    for link in links:
        passage = passages[link.document, link.ordinal]
        start = passage.text.find(link.quote)
        if start == -1:
            raise GoldError(
                f"{link.document} ¶{link.ordinal}: quote not in passage: {link.quote!r}"
            )
        try:
            target = targets[link.kind][link.slug]
        except KeyError:
            raise GoldError(
                f"{link.document} ¶{link.ordinal}: no {link.kind} {link.slug!r}"
            ) from None
        model = LINK_MODELS[link.kind]
        same_words = model.objects.filter(
            passage=passage, **{link.kind: target}, start=start, end=start + len(link.quote)
        )
        if same_words.decided().exists():
            counts["kept"] += 1
            continue
        same_words.undecided().delete()
        model.objects.create(
            passage=passage,
            **{link.kind: target},
            start=start,
            end=start + len(link.quote),
            quote=link.quote,
            origin=model.Origin.CURATOR,
            status=model.Status.ACCEPTED,
            reviewed_by=reviewer,
            reviewed_at=now,
            note="Gold label (fixtures/gold).",
        )
        counts["created"] += 1
    return counts
