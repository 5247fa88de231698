"""Hand-labelled gold links (fixtures/gold/*.yaml), loaded as accepted curator links for the
demo. (cbm.evaluation measures the matcher against them.)"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

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


def gold_files(folder: Path | str) -> list[Path]:
    """The .yaml files of a gold folder; a folder that is missing or holds none is an error
    (loading nothing from a mistyped path is no success)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise GoldError(f"{folder}: no .yaml files")
    return paths


def read_gold_file(path: Path) -> dict:
    """One gold file: {document: file name, passages: {ordinal: [label, …]}}, checked."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GoldError(f"{path}: {error}") from None
    document = data.get("document") if isinstance(data, dict) else None
    passages = data.get("passages") if isinstance(data, dict) else None
    labels = [entries or [] for entries in passages.values()] if isinstance(passages, dict) else []
    if (
        not isinstance(document, str)
        or not isinstance(passages, dict)
        or not all(isinstance(ordinal, int) for ordinal in passages)
        or not all(isinstance(e, list) and all(isinstance(x, dict) for x in e) for e in labels)
    ):
        raise GoldError(
            f"{path}: not a gold file (document: its file name, passages: a list of labels "
            "under each paragraph number)"
        )
    return data


def read_gold(folder: Path | str) -> tuple[list[GoldLink], set[tuple[str, int]]]:
    """The links, and every (document, paragraph) labelled, including those with no link."""
    links, labelled = [], set()
    for path in gold_files(folder):
        data = read_gold_file(path)
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
