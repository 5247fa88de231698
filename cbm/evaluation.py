"""Measure the suggestions against hand-labelled paragraphs, in memory (nothing is ingested).

Two formats are read:
- the evaluation set, fixtures/eval/<language>/*.yaml: a list of paragraphs, each with its text,
  split (dev | test), measure_types, instruments and optional links (see its README);
- the gold files, fixtures/gold and fixtures/heldout/gold: {document, passages: {ordinal: links}},
  the document's text read from the folder, its parent or ../articles and cut into passages as
  ingest cuts it. These have no split: they count as dev.

Scoring is per (paragraph, target), for measure types and instruments:
- a labelled target is a hit when the matcher suggests it or one of its sub-types (a sub-type
  is a more specific reading: the registry counts it for its parent); else a miss;
- a suggested target that is labelled, or is a sub-type of a labelled one, is right; one that is
  `optional`, or is the parent of a labelled sub-type (already implied by it), is neither right
  nor wrong; any other is a false hit.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .ingest import decode, read_metadata, split_passages
from .matching import Match, Matcher

MEASURE_TYPE, INSTRUMENT = "measure_type", "instrument"
Target = tuple[str, str]  # (kind, slug)


class EvaluationError(ValueError):
    """A file that cannot be read as labelled paragraphs; the message says where."""


@dataclass(frozen=True)
class Paragraph:
    id: str
    split: str
    text: str
    gold: frozenset[Target]
    optional: frozenset[Target] = frozenset()
    batch: str = ""  # the file it came from (its stem): the unit of leave-one-batch-out


def read_paragraphs(folder: Path | str, split: str = "all") -> list[Paragraph]:
    """The labelled paragraphs of every YAML file in folder, of one split (dev, test) or all."""
    folder = Path(folder)
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise EvaluationError(f"{folder}: no .yaml files")
    paragraphs = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise EvaluationError(f"{path}: {error}") from None
        if isinstance(data, list):
            paragraphs.extend(_eval_paragraph(path, entry) for entry in data)
        elif isinstance(data, dict) and "document" in data:
            paragraphs.extend(_gold_paragraphs(path, data))
        else:
            raise EvaluationError(f"{path}: neither a list of paragraphs nor a gold file")
    return [p for p in paragraphs if split == "all" or p.split == split]


def _targets(entry: dict, key_types: str, key_instruments: str) -> frozenset[Target]:
    return frozenset(
        [(MEASURE_TYPE, slug) for slug in entry.get(key_types) or []]
        + [(INSTRUMENT, slug) for slug in entry.get(key_instruments) or []]
    )


def _eval_paragraph(path: Path, entry: dict) -> Paragraph:
    if not isinstance(entry, dict):
        raise EvaluationError(f"{path}: entry {entry!r:.60} is not a labelled paragraph")
    try:
        optional = entry.get("optional") or []
        return Paragraph(
            id=str(entry["id"]),
            split=entry["split"],
            text=entry["text"],
            gold=_targets(entry, "measure_types", "instruments"),
            # an optional slug may name a measure type or an instrument
            optional=frozenset((kind, s) for s in optional for kind in (MEASURE_TYPE, INSTRUMENT)),
            batch=path.stem,
        )
    except (KeyError, TypeError) as error:
        raise EvaluationError(f"{path}: entry {entry!r:.60} lacks {error}") from None


def _gold_paragraphs(path: Path, data: dict) -> list[Paragraph]:
    document = data["document"]
    candidates = [path.parent, path.parent.parent, path.parent.parent / "articles"]
    source = next((c / document for c in candidates if (c / document).is_file()), None)
    if source is None:
        raise EvaluationError(f"{path}: document {document} not found beside it")
    body = decode(source.read_bytes())
    # labels count paragraphs as ingest does: a leading "date …" marker is not one
    spans = split_passages(body, read_metadata(body).content_start)
    paragraphs = []
    for ordinal, links in (data.get("passages") or {}).items():
        if not 1 <= int(ordinal) <= len(spans):
            raise EvaluationError(f"{path}: {document} has no paragraph {ordinal}")
        start, end = spans[int(ordinal) - 1]
        gold = frozenset(
            (kind, link[kind])
            for link in links or []
            for kind in (MEASURE_TYPE, INSTRUMENT)
            if kind in link
        )
        paragraphs.append(
            Paragraph(f"{document} ¶{ordinal}", "dev", body[start:end], gold, batch=path.stem)
        )
    return paragraphs


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def gold(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def found(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return (
            2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        )


@dataclass
class Error:
    paragraph: str
    target: Target
    kind: str  # "missed" | "false hit"
    quote: str = ""


@dataclass
class Evaluation:
    paragraphs: int = 0
    overall: Score = field(default_factory=Score)
    per_target: dict[Target, Score] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)
    # links the measure model added (None: no model), and the thresholds it used
    model_links: int | None = None
    model_thresholds: list[float] = field(default_factory=list)

    def score(self, target: Target) -> Score:
        return self.per_target.setdefault(target, Score())

    def table(self, errors: bool = True) -> str:
        def figure(value):
            return "    -" if value is None else f"{value:5.2f}"

        def row(label, s):
            return (
                f"{label:<44} {s.gold:>4} {s.found:>5} {s.true_positives:>3} {s.false_positives:>3}"
                f" {s.false_negatives:>3}  {figure(s.precision)} {figure(s.recall)} {figure(s.f1)}"
            )

        lines = [f"{'target':<44} {'gold':>4} {'found':>5}  tp  fp  fn  prec.  rec.    F1"]
        for (kind, slug), s in sorted(self.per_target.items()):
            lines.append(row(slug if kind == MEASURE_TYPE else f"[instrument] {slug}", s))
        lines.append(row(f"OVERALL ({self.paragraphs} paragraphs)", self.overall))
        if self.model_links is not None:
            lines.append(self.model_line())
        if errors:
            for e in sorted(self.errors, key=lambda e: (e.kind, e.target, e.paragraph)):
                where = f" “{e.quote}”" if e.quote else ""
                lines.append(f"  {e.kind}: {e.target[1]} in {e.paragraph}{where}")
        return "\n".join(lines)

    def model_line(self) -> str:
        counts = Counter(self.model_thresholds)
        chosen = ", ".join(
            f"{'none' if t > 1 else f'{t:.1f}'}" + (f" x{n}" if n > 1 else "")
            for t, n in sorted(counts.items())
        )
        return (
            f"{self.model_links} of the links found came from the measure model "
            f"(threshold chosen on its training paragraphs: {chosen or '-'})"
        )


def ancestors(slug: str, parents: dict[str, str | None]) -> list[str]:
    found = []
    while (slug := parents.get(slug)) and slug not in found:
        found.append(slug)
    return found


def evaluate(
    paragraphs: Iterable[Paragraph],
    matcher: Matcher,
    labels: Callable[[Match], Target],
    parents: dict[str, str | None],
    keep: Callable[[str, Match], bool] | None = None,
    add: Callable[[Paragraph, dict[Target, str]], dict[Target, str]] | None = None,
) -> Evaluation:
    """Score matcher on the paragraphs. labels(match) names a match's target as (kind, slug);
    parents maps a measure type's slug to its parent's; keep(text, match), if given, says
    whether a suggestion is shown (the ranker's threshold); add(paragraph, found), if given,
    returns links to add to the matcher's (the measure model's), counted in model_links."""
    result = Evaluation(model_links=None if add is None else 0)
    for paragraph in paragraphs:
        result.paragraphs += 1
        found = found_links(matcher, paragraph.text, labels, keep)
        if add is not None:
            extra = {t: q for t, q in add(paragraph, found).items() if t not in found}
            result.model_links += len(extra)
            found.update(extra)
        _score_paragraph(result, paragraph, found, parents)
    return result


def found_links(
    matcher: Matcher,
    text: str,
    labels: Callable[[Match], Target],
    keep: Callable[[str, Match], bool] | None = None,
) -> dict[Target, str]:
    """The links the matcher suggests in text, each target once with its first quote."""
    found: dict[Target, str] = {}
    for match in matcher.find(text):
        if keep is None or keep(text, match):
            found.setdefault(labels(match), text[match.start : match.end])
    return found


def _score_paragraph(result, paragraph: Paragraph, found: dict[Target, str], parents):
    def covers(gold: Target, suggested: Target) -> bool:
        return gold == suggested or (
            gold[0] == suggested[0] == MEASURE_TYPE and gold[1] in ancestors(suggested[1], parents)
        )

    for gold in paragraph.gold:
        if any(covers(gold, suggested) for suggested in found):
            result.score(gold).true_positives += 1
            result.overall.true_positives += 1
        else:
            result.score(gold).false_negatives += 1
            result.overall.false_negatives += 1
            result.errors.append(Error(paragraph.id, gold, "missed"))
    implied = {(MEASURE_TYPE, a) for kind, slug in paragraph.gold for a in ancestors(slug, parents)}
    for suggested, quote in found.items():
        if any(covers(gold, suggested) for gold in paragraph.gold):
            continue
        if suggested in paragraph.optional or suggested in implied:
            continue
        result.score(suggested).false_positives += 1
        result.overall.false_positives += 1
        result.errors.append(Error(paragraph.id, suggested, "false hit", quote))
