"""Measure the position suggester against hand labels: the evaluation set (fixtures/eval, one
paragraph a document) and the seed articles' gold positions (fixtures/gold/positions).

Counted at the level of (passage, actor, stance, target), with rejects and denies as one class
(a denial is a refusal told in the past tense; labellers disagree on which). Runs in memory on
the texts, with the registry's current terms and cues; nothing is written.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from . import measure_model
from . import training as learned
from .evaluation import Score
from .gold import GoldError, read_gold_file
from .ingest import read_metadata, split_passages
from .matching import Matcher
from .models import Actor, Instrument, MeasureType, Passage, Position
from .positions import curators_readings, reading
from .positions_matching import PositionFinder, TargetSpan, sentence_spans
from .suggest import INSTRUMENT, MEASURE_TYPE

SAME_CLASS = {"denies": "rejects"}
SPLITS = ("dev", "test")


@dataclass
class Paragraph:
    label: str  # where it is, for error lines: an eval id, or "document ¶n"
    text: str
    positions: set  # {(actor slug, stance, target slug)}
    targets: set  # slugs of the measure types and instruments labelled (optional ones too)
    publisher: str = ""  # the document's, as ingest stores it (Document.publisher)
    # positions an analyst could defend either way (fixtures/eval/POSITIONS.md): neither a hit
    # nor a miss, as optional links are
    optional: set = field(default_factory=set)
    batch: str = ""  # the YAML file it comes from (the measure model leaves its batch out)
    published: datetime.date | None = None  # the document's date, as ingest stores it


@dataclass
class PositionEvaluation:
    overall: Score
    per_stance: dict[str, Score]
    errors: list[str] = field(default_factory=list)

    def table(self, *, details: bool = True) -> str:
        header = f"{'stance':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"
        rows = [(s, self.per_stance[s]) for s in sorted(self.per_stance)] if details else []
        lines = [header]
        for name, s in [*rows, ("OVERALL", self.overall)]:
            lines.append(
                f"{name:<12} {s.true_positives:>4} {s.false_positives:>4} {s.false_negatives:>4}"
                f" {_figure(s.precision):>9} {_figure(s.recall):>7}"
            )
        return "\n".join([*lines, *(self.errors if details else [])])


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def read_eval_set(folder: Path | str, split: str) -> list[list[Paragraph]]:
    """The paragraphs of one split, each its own document."""
    if split not in SPLITS:
        raise GoldError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    documents = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            raise GoldError(f"{path}: {error}") from None
        # a gold file (a mapping) or a stray list of words is no evaluation batch: say which file
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise GoldError(
                f"{path}: not an evaluation batch (a list of labelled paragraphs); the seed "
                "articles' positions are evaluated without a folder"
            )
        for entry in entries:
            # a batch collected for the matcher alone leaves `positions` out: not labelled
            if entry.get("split") != split or "positions" not in entry:
                continue
            targets = {*entry.get("measure_types", []), *entry.get("instruments", [])}
            targets |= set(entry.get("optional") or [])
            positions, optional = (
                {(p["actor"], p["stance"], p["target"]) for p in entry.get(key) or []}
                for key in ("positions", "optional_positions")
            )
            publisher = entry.get("publisher") or ""
            published = entry.get("date")
            paragraph = Paragraph(
                entry["id"],
                entry["text"],
                positions,
                targets,
                publisher,
                optional,
                path.stem,
                published if isinstance(published, datetime.date) else None,
            )
            documents.append([paragraph])
    if not documents:
        raise GoldError(f"no {split} paragraphs in {folder}")
    return documents


def read_seed_gold(folder: Path | str, articles: Path | str) -> list[list[Paragraph]]:
    """The seed articles, split into passages as ingest splits them, with their gold positions
    (fixtures/gold/positions/*.yaml) and gold links (fixtures/gold/*.yaml) as targets."""
    folder, documents = Path(folder), []
    for path in sorted((folder / "positions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        links = yaml.safe_load((folder / path.name).read_text(encoding="utf-8"))["passages"]
        body = (Path(articles) / data["document"]).read_text(encoding="utf-8")
        metadata = read_metadata(body)
        spans = split_passages(body, metadata.content_start)
        paragraphs = []
        for ordinal, (start, end) in enumerate(spans, start=1):
            entries = data["passages"].get(ordinal) or []
            positions = {(e["actor"], e["stance"], _target_of(e)) for e in entries}
            targets = {_target_of(e) for e in links.get(ordinal) or []}
            label = f"{data['document']} ¶{ordinal}"
            paragraphs.append(
                Paragraph(
                    label,
                    body[start:end],
                    positions,
                    targets,
                    metadata.publisher,
                    published=metadata.published_on,
                )
            )
        documents.append(paragraphs)
    return documents


def _target_of(entry: dict) -> str:
    return entry.get(MEASURE_TYPE) or entry[INSTRUMENT]


def target_maps() -> tuple[dict, dict]:
    """Each kind's slugs by pk, and each sub-type's parent as the finder wants it."""
    slugs = {
        MEASURE_TYPE: dict(MeasureType.objects.values_list("pk", "slug")),
        INSTRUMENT: dict(Instrument.objects.values_list("pk", "slug")),
    }
    parents = {
        (MEASURE_TYPE, pk): frozenset({(MEASURE_TYPE, slugs[MEASURE_TYPE][parent])})
        for pk, parent in MeasureType.objects.filter(parent__isnull=False).values_list(
            "pk", "parent_id"
        )
    }
    return slugs, parents


def target_spans(link_matcher: Matcher, text: str, slugs: dict, parents: dict):
    """The link matcher's merged matches in text as the finder's targets (target_maps())."""
    loose = link_matcher.proximity_keys
    return [
        TargetSpan(
            m.start,
            m.end,
            (m.target[0], slugs[m.target[0]][m.target[1]]),
            parents.get(tuple(m.target), frozenset()),
            m.term in loose,
        )
        for m in link_matcher.find_merged(text)
    ]


def model_targets(documents, link_matcher: Matcher, language: str) -> dict:
    """{paragraph label: [TargetSpan]}: the measure types the words model adds where the link
    matcher found none (cbm.measure_model), each on its best sentence, as suggest adds them in
    the product. Trained on the dev paragraphs of fixtures/eval/<language>; where the
    paragraphs evaluated are among them, each batch by a model trained on the other batches."""
    training = learned.EVAL_ROOT / language
    examples, precision = learned.model_training_set(training, link_matcher, language)
    family = learned.parents()
    slugs, parents = target_maps()
    paragraphs = [p for document in documents for p in document]
    trained_on = {e.id.split("/", 1)[1] for e in examples}
    same = any(p.label in trained_on for p in paragraphs)
    batches = sorted({p.batch for p in paragraphs}) if same else [None]
    added = {}
    for batch in batches:
        kept = [e for e in examples if batch is None or e.batch != batch]
        model = measure_model.train(kept, precision, language)
        weights = measure_model.to_weights(model)
        scored = [p for p in paragraphs if batch is None or p.batch == batch]
        for paragraph, given in zip(
            scored, model.probabilities([p.text for p in scored]), strict=True
        ):
            spans = target_spans(link_matcher, paragraph.text, slugs, parents)
            found = {t.target[1] for t in spans if t.target[0] == MEASURE_TYPE}
            covered = measure_model.with_parents(found, family)
            added[paragraph.label] = [
                TargetSpan(
                    *measure_model.best_sentence(weights, slug, paragraph.text, language),
                    (MEASURE_TYPE, slug),
                    frozenset({(MEASURE_TYPE, family[slug])}) if family.get(slug) else frozenset(),
                )
                for slug, _ in measure_model.additions(given, model.threshold, covered)
            ]
    return added


def evaluate_positions(
    documents: list[list[Paragraph]],
    finder: PositionFinder,
    link_matcher: Matcher,
    *,
    oracle: bool = False,
    added: dict | None = None,
) -> PositionEvaluation:
    """Precision and recall overall and per stance. With oracle, the targets are the labelled
    ones (where the link matcher finds one its span is used, otherwise it is placed at the end
    of every sentence), so the finder is measured apart from the link matcher. added: more
    targets per paragraph label (model_targets())."""
    actor_slugs = dict(Actor.objects.values_list("pk", "slug"))
    slugs, parents = target_maps()
    kinds = {slug: kind for kind, by_pk in slugs.items() for slug in by_pk.values()}
    gold, found, optional = set(), set(), set()
    for paragraphs in documents:
        inputs = []
        for paragraph in paragraphs:
            spans = target_spans(link_matcher, paragraph.text, slugs, parents)
            spans += (added or {}).get(paragraph.label, [])
            if oracle:
                spans = [t for t in spans if t.target[1] in paragraph.targets]
                missing = paragraph.targets - {t.target[1] for t in spans}
                missing = sorted((kinds.get(slug, MEASURE_TYPE), slug) for slug in missing)
                for _, end in sentence_spans(paragraph.text):
                    spans += [TargetSpan(end - 1, end, target) for target in missing]
            inputs.append((paragraph.text, sorted(spans, key=lambda t: (t.start, t.end))))
        first = paragraphs[0]
        found_positions = finder.find_document(inputs, first.publisher, first.published)
        for paragraph, positions in zip(paragraphs, found_positions, strict=True):
            for actor, stance, target in paragraph.positions:
                gold.add((paragraph.label, actor, SAME_CLASS.get(stance, stance), target))
            for actor, stance, target in paragraph.optional:
                optional.add((paragraph.label, actor, SAME_CLASS.get(stance, stance), target))
            for p in positions:
                stance = SAME_CLASS.get(p.stance, p.stance)
                found.add((paragraph.label, actor_slugs[p.actor], stance, p.target[1]))
    overall, per_stance, errors = Score(), defaultdict(Score), []
    # an optional position is neither a hit nor a miss, unless it is also labelled as gold
    for item in sorted(gold | (found - optional)):
        label, actor, stance, target = item
        for score in (overall, per_stance[stance]):
            if item in gold and item in found:
                score.true_positives += 1
            elif item in found:
                score.false_positives += 1
            else:
                score.false_negatives += 1
        if not (item in gold and item in found):
            what = "false positive" if item in found else "missed"
            errors.append(f"  {what}: {actor} {stance} {target} in {label}")
    return PositionEvaluation(overall, dict(per_stance), errors)


@transaction.atomic
def load_gold_positions(folder: Path | str, *, reviewer) -> Counter:
    """Store the seed articles' gold positions (folder/positions/*.yaml) as accepted curator
    positions reviewed by reviewer. A pending suggestion of the same position gives way; one a
    curator already decided is kept."""
    counts, now = Counter(), timezone.now()
    actors = {a.slug: a for a in Actor.objects.all()}
    targets = {
        MEASURE_TYPE: {m.slug: m for m in MeasureType.objects.all()},
        INSTRUMENT: {i.slug: i for i in Instrument.objects.all()},
    }
    for path in sorted((Path(folder) / "positions").glob("*.yaml")):
        data = read_gold_file(path)
        for ordinal, entries in data["passages"].items():
            where = f"{path.name} ¶{ordinal}"
            passage = Passage.objects.filter(
                document__source_name=data["document"], ordinal=ordinal
            ).first()
            if passage is None:
                raise GoldError(f"{where}: passage not ingested")
            decided = curators_readings(passage)
            for entry in entries or []:
                kind = MEASURE_TYPE if MEASURE_TYPE in entry else INSTRUMENT
                try:
                    actor, target = actors[entry["actor"]], targets[kind][entry[kind]]
                    entry["stance"], entry["quote"]  # (each label names both)
                except KeyError as error:
                    raise GoldError(f"{where}: unknown {error}") from None
                start = passage.text.find(entry["quote"])
                if start == -1:
                    raise GoldError(f"{where}: quote not in passage: {entry['quote']!r}")
                same = Position.objects.filter(
                    passage=passage, actor=actor, stance=entry["stance"], **{kind: target}
                )
                if same.decided().exists():
                    counts["kept"] += 1
                    continue
                ids = (target.pk, None) if kind == MEASURE_TYPE else (None, target.pk)
                if reading(passage.pk, actor.pk, entry["stance"], *ids) in decided:
                    counts["decided by a curator"] += 1  # corrected or deleted: theirs stands
                    continue
                same.undecided().delete()
                Position.objects.create(
                    passage=passage,
                    actor=actor,
                    stance=entry["stance"],
                    **{kind: target},
                    start=start,
                    end=start + len(entry["quote"]),
                    quote=entry["quote"],
                    origin=Position.Origin.CURATOR,
                    status=Position.Status.ACCEPTED,
                    reviewed_by=reviewer,
                    reviewed_at=now,
                    note="Gold label (fixtures/gold/positions).",
                )
                counts["created"] += 1
    return counts
