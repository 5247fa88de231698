"""Experiment (issue 12): does a small learned model beat the rule position finder on paragraphs
it was not trained on?

Candidates: on each dev paragraph of fixtures/eval/en and fixtures/eval/ru, every (actor
mention, target span) pair in the same or neighbouring sentence — actors found by the curated
actor terms the finder uses, targets either the labelled ones (oracle, placed as
evaluate_positions --oracle places them) or the link matcher's. Each pair is labelled with the
gold stance of (actor, target) in that paragraph (denies counts as rejects) or "none".

A multinomial logistic regression (scikit-learn) over binary features (stemmed words between
actor and target, the curated cues in the pair's sentences and where they stand, negations, the
rule finder's own answer, distance, first actor, language, …) is scored by leave-one-batch-out
cross-validation (a batch is one YAML file, en a…l, pos-a and ru a…h; both languages train
together), on the same folds as the rules, counted as evaluate_positions counts (passage,
actor, stance, target). Settings are fixed in advance: C=1, no class weights; the model emits
the argmax stance of a pair when it is not "none"; "rerank" keeps a rule position whose model
probability is at least the threshold that keeps 90% of the rules' true positives in the
training batches (threshold chosen on inner grouped cross-validation predictions, never on the
held-out batch). Dev split only; the test split is never read.

Run (a fresh SQLite database with the registry loaded):

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/posml-eval.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_registry
    .venv/bin/python -m bench.experiments.positions_model [--targets oracle|matcher] [--top 25]

(about 80 s; OMP_NUM_THREADS=1 matters on a shared machine: 8 min without it). Figures of
2026-11-26: bench/reference/positions-model-2026-11-26.txt.
"""

import argparse
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

import django

django.setup()

import yaml  # noqa: E402

from cbm import morphology  # noqa: E402
from cbm.matching import fold, merge_overlapping  # noqa: E402
from cbm.models import Actor, Instrument, MeasureType  # noqa: E402
from cbm.positions import build_finder  # noqa: E402
from cbm.positions_matching import TargetSpan, sentence_spans  # noqa: E402
from cbm.suggest import INSTRUMENT, MEASURE_TYPE, build_matcher  # noqa: E402

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "eval"
SAME_CLASS = {"denies": "rejects"}
NONE = "none"
_WORD = re.compile(r"[^\W\d_]+")
RERANK_RECALL = 0.9


@dataclass
class Paragraph:
    language: str
    batch: str  # "en/a"
    label: str
    text: str
    publisher: str
    gold: set  # {(actor, stance, target)}
    targets: set


@dataclass
class Pair:
    paragraph: str
    actor: str
    target: str
    features: set
    labels: list  # gold stances, or [NONE]


@dataclass
class Fold:
    batch: str
    gold: set = field(default_factory=set)
    rules: set = field(default_factory=set)
    model: set = field(default_factory=set)
    union: set = field(default_factory=set)
    rerank: set = field(default_factory=set)
    reachable: int = 0  # gold positions some candidate pair could give
    best: dict = field(default_factory=dict)  # the model's probability of each position


def read_dev(language: str) -> list[Paragraph]:
    paragraphs = []
    for path in sorted((ROOT / language).glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry.get("split") != "dev" or "positions" not in entry:
                continue
            targets = {*entry.get("measure_types", []), *entry.get("instruments", [])}
            targets |= set(entry.get("optional") or [])
            gold = {
                (p["actor"], SAME_CLASS.get(p["stance"], p["stance"]), p["target"])
                for p in entry.get("positions") or []
            }
            paragraphs.append(
                Paragraph(
                    language,
                    f"{language}/{path.stem}",
                    entry["id"],
                    entry["text"],
                    entry.get("publisher") or "",
                    gold,
                    targets,
                )
            )
    return paragraphs


class Candidates:
    """The pairs of one language's paragraphs, and the rule finder's answer on each."""

    def __init__(self, language: str, oracle: bool):
        self.language, self.oracle = language, oracle
        self.finder = build_finder(language, by_slug=True)
        self.matcher = build_matcher(language=language)
        self.actor_slugs = dict(Actor.objects.values_list("pk", "slug"))
        self.slugs = {
            MEASURE_TYPE: dict(MeasureType.objects.values_list("pk", "slug")),
            INSTRUMENT: dict(Instrument.objects.values_list("pk", "slug")),
        }
        self.kinds = {slug: kind for kind, pks in self.slugs.items() for slug in pks.values()}
        self.parents = {
            (MEASURE_TYPE, pk): frozenset({(MEASURE_TYPE, self.slugs[MEASURE_TYPE][parent])})
            for pk, parent in MeasureType.objects.filter(parent__isnull=False).values_list(
                "pk", "parent_id"
            )
        }
        self.cue_text = {k: c.text for k, c in self.finder.cues.items()}
        self.negations = self.finder.words.negations
        self.speakers = self.finder.words.speakers

    def target_spans(self, paragraph: Paragraph) -> list[TargetSpan]:
        """As evaluate_positions builds them (targets keyed by slug)."""
        spans = [
            TargetSpan(
                m.start,
                m.end,
                (m.target[0], self.slugs[m.target[0]][m.target[1]]),
                self.parents.get(tuple(m.target), frozenset()),
            )
            for m in self.matcher.find_merged(paragraph.text)
        ]
        if self.oracle:
            spans = [t for t in spans if t.target[1] in paragraph.targets]
            missing = paragraph.targets - {t.target[1] for t in spans}
            missing = sorted((self.kinds.get(slug, MEASURE_TYPE), slug) for slug in missing)
            for _, end in sentence_spans(paragraph.text):
                spans += [TargetSpan(end - 1, end, target) for target in missing]
        return sorted(spans, key=lambda t: (t.start, t.end))

    def rules(self, paragraph: Paragraph, spans) -> set:
        found = self.finder.find_document([(paragraph.text, spans)], paragraph.publisher)[0]
        return {
            (self.actor_slugs[p.actor], SAME_CLASS.get(p.stance, p.stance), p.target[1])
            for p in found
        }

    def words(self, text: str) -> list[str]:
        return [morphology.root(w, self.language) for w in _WORD.findall(fold(text))]

    def pairs(self, paragraph: Paragraph) -> tuple[list[Pair], set]:
        text, lang = paragraph.text, self.language
        spans = self.target_spans(paragraph)
        rules = self.rules(paragraph, spans)
        sentences = sentence_spans(text)

        def sentence_of(position):
            return next(
                (n for n, (s, e) in enumerate(sentences) if s <= position < e), len(sentences) - 1
            )

        actors = merge_overlapping(self.finder.actors.find(text))
        cues = self.finder._cues(text)
        by_sentence = defaultdict(list)
        for a in actors:
            by_sentence[sentence_of(a.start)].append(a)
        rule_stances = defaultdict(set)
        for actor, stance, target in rules:
            rule_stances[actor, target].add(stance)
        gold = defaultdict(list)
        for actor, stance, target in paragraph.gold:
            gold[actor, target].append(stance)

        pairs = []
        for a in actors:
            actor = self.actor_slugs[a.target]
            sa = sentence_of(a.start)
            first_in_sentence = by_sentence[sa][0] is a
            for t in spans:
                st = sentence_of(t.start)
                if abs(st - sa) > 1:
                    continue
                target = t.target[1]
                if a.start >= t.start and a.end <= t.end:
                    continue  # an actor named inside the target's words ("US troops")
                lo, hi = (a.end, t.start) if a.end <= t.start else (t.end, a.start)
                between = self.words(text[lo:hi]) if hi > lo else []
                f = {f"lang:{lang}", f"kind:{t.target[0]}"}
                f.add("order:actor_first" if a.end <= t.start else "order:target_first")
                f.add("sentence:same" if sa == st else "sentence:neighbour")
                f.add(f"dist:{min(len(between) // 3, 8)}")
                f.add(f"first_actor:{first_in_sentence}")
                f.add(f"actors_in_sentence:{min(len(by_sentence[sa]), 4)}")
                if self.oracle and t.end - t.start == 1:
                    f.add("target:placed")
                f |= {f"{lang}:b:{w}" for w in between}
                before = self.words(text[max(0, a.start - 30) : a.start])[-2:]
                after = self.words(text[a.end : a.end + 30])[:2]
                f |= {f"{lang}:pre:{w}" for w in before} | {f"{lang}:post:{w}" for w in after}
                if any(w in self.negations for w in _WORD.findall(text[lo:hi].lower())):
                    f.add("neg:between")
                if any(w in self.speakers for w in _WORD.findall(text[lo:hi].lower())):
                    f.add("speaker:between")
                s_lo = sentences[min(sa, st)][0]
                s_hi = sentences[max(sa, st)][1]
                for c in cues:
                    if not (s_lo <= c.start and c.end <= s_hi):
                        continue
                    if lo <= c.start and c.end <= hi:
                        where = "between"
                    elif c.end <= min(a.start, t.start):
                        where = "before"
                    elif c.start >= max(a.end, t.end):
                        where = "after"
                    else:
                        where = "overlap"
                    f.add(f"cue:{c.stance}:{where}")
                    f.add(f"cue:{c.stance}")
                    f.add(f"{lang}:cuetext:{self.cue_text.get(c.key, '')}:{where}")
                stances = rule_stances.get((actor, target), set())
                f |= {f"rule:{s}" for s in stances} or {"rule:none"}
                pairs.append(
                    Pair(paragraph.label, actor, target, f, gold.get((actor, target), [NONE]))
                )
        return pairs, rules


def vectorise(pairs, vectoriser=None):
    from sklearn.feature_extraction import DictVectorizer

    rows = [dict.fromkeys(p.features, 1) for p in pairs]
    if vectoriser is None:
        vectoriser = DictVectorizer()
        return vectoriser.fit_transform(rows), vectoriser
    return vectoriser.transform(rows), vectoriser


def expand(pairs):
    """One training row per gold stance of a pair."""
    rows, labels = [], []
    for p in pairs:
        for label in p.labels:
            rows.append(p)
            labels.append(label)
    return rows, labels


def fit(pairs):
    from sklearn.linear_model import LogisticRegression

    rows, labels = expand(pairs)
    x, vectoriser = vectorise(rows)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x, labels)
    return model, vectoriser


def scores(model, vectoriser, pairs) -> dict:
    """{(paragraph, actor, stance, target): best probability}, and argmax picks."""
    if not pairs:
        return {}, set()
    x, _ = vectorise(pairs, vectoriser)
    probabilities = model.predict_proba(x)
    classes = list(model.classes_)
    best, picked = {}, set()
    for pair, row in zip(pairs, probabilities, strict=True):
        for stance, p in zip(classes, row, strict=True):
            if stance == NONE:
                continue
            key = (pair.paragraph, pair.actor, stance, pair.target)
            best[key] = max(best.get(key, 0.0), p)
        top = classes[row.argmax()]
        if top != NONE:
            picked.add((pair.paragraph, pair.actor, top, pair.target))
    return best, picked


def rerank_threshold(train_pairs, train_rules, train_gold, batches) -> float:
    """The highest threshold keeping RERANK_RECALL of the rules' true positives in the
    training batches, on inner grouped cross-validation predictions."""
    inner = sorted(set(batches.values()))
    groups = [inner[i::3] for i in range(3)]
    best = {}
    for held in groups:
        fit_on = [p for p in train_pairs if batches[p.paragraph] not in held]
        score_on = [p for p in train_pairs if batches[p.paragraph] in held]
        if not fit_on or not score_on:
            continue
        model, vectoriser = fit(fit_on)
        best.update(scores(model, vectoriser, score_on)[0])
    kept_tp = sorted(
        (best.get(k, 1.0) for k in train_rules if k in train_gold),
        reverse=True,
    )
    if not kept_tp:
        return 0.0
    return kept_tp[max(0, int(len(kept_tp) * RERANK_RECALL) - 1)]


def prf(gold, found):
    tp, fp, fn = len(gold & found), len(found - gold), len(gold - found)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return tp, fp, fn, p, r, f1


def run(oracle: bool, top: int, fraction: float = 1.0):
    paragraphs, pairs, rules = [], [], set()
    for language in ("en", "ru"):
        candidates = Candidates(language, oracle)
        for paragraph in read_dev(language):
            found_pairs, found_rules = candidates.pairs(paragraph)
            paragraphs.append(paragraph)
            pairs += found_pairs
            rules |= {(paragraph.label, *r) for r in found_rules}
    batches = {p.label: p.batch for p in paragraphs}
    gold = {(p.label, *g) for p in paragraphs for g in p.gold}
    mode = "oracle (labelled) targets" if oracle else "link matcher targets"
    print(f"# targets: {mode}; training on {fraction:.0%} of each training batch's paragraphs")
    print(
        f"# {len(paragraphs)} dev paragraphs, {len(gold)} gold positions, {len(pairs)} candidate "
        f"pairs ({sum(p.labels != [NONE] for p in pairs)} with a gold stance)"
    )
    reachable = {(p.paragraph, p.actor, s, p.target) for p in pairs for s in p.labels}
    print(f"# gold positions a candidate pair can give: {len(gold & reachable)} of {len(gold)}")
    folds = []
    for batch in sorted(set(batches.values())):
        held = [p for p in pairs if batches[p.paragraph] == batch]
        train = [p for p in pairs if batches[p.paragraph] != batch]
        if fraction < 1:  # a learning curve: the first paragraphs of each training batch
            kept = _first_paragraphs(paragraphs, batch, fraction)
            train = [p for p in train if p.paragraph in kept]
        fold = Fold(batch)
        fold.gold = {g for g in gold if batches[g[0]] == batch}
        fold.rules = {r for r in rules if batches[r[0]] == batch}
        if not fold.gold and not fold.rules:
            continue
        model, vectoriser = fit(train)
        best, picked = scores(model, vectoriser, held)
        fold.model, fold.best = picked, best
        fold.union = fold.rules | picked
        train_batches = {k: v for k, v in batches.items() if v != batch}
        threshold = rerank_threshold(
            train,
            {r for r in rules if batches[r[0]] != batch},
            {g for g in gold if batches[g[0]] != batch},
            train_batches,
        )
        fold.rerank = {r for r in fold.rules if best.get(r, 1.0) >= threshold}
        fold.reachable = len(fold.gold & reachable)
        folds.append((fold, threshold))

    header = (
        f"{'fold':<9} {'gold':>4} {'reach':>5} | "
        + " | ".join(f"{n:^24}" for n in ("rules P/R/F1", "model P/R/F1", "union P/R/F1"))
        + f" | {'rerank P/R/F1 (t)':^30}"
    )
    print(header)

    def cell(g, f):
        tp, fp, _, p, r, f1 = prf(g, f)
        return f"{p:.2f} {r:.2f} {f1:.2f} ({tp:>3}/{fp:>3})"

    totals = defaultdict(lambda: defaultdict(set))
    for fold, threshold in folds:
        language = fold.batch.split("/")[0]
        for scope in (language, "all"):
            for name in ("gold", "rules", "model", "union", "rerank"):
                totals[scope][name] |= getattr(fold, name)
            totals[scope]["reach"] |= fold.gold & reachable
        print(
            f"{fold.batch:<9} {len(fold.gold):>4} {fold.reachable:>5} | "
            f"{cell(fold.gold, fold.rules)} | {cell(fold.gold, fold.model)} | "
            f"{cell(fold.gold, fold.union)} | {cell(fold.gold, fold.rerank)} t={threshold:.2f}"
        )
    print("-" * len(header))
    for scope in ("en", "ru", "all"):
        t = totals[scope]
        print(
            f"{scope.upper():<9} {len(t['gold']):>4} {len(t['reach']):>5} | "
            f"{cell(t['gold'], t['rules'])} | {cell(t['gold'], t['model'])} | "
            f"{cell(t['gold'], t['union'])} | {cell(t['gold'], t['rerank'])}"
        )
    print("(cells: precision recall F1 (tp/fp); micro-averaged over the held-out folds)")
    # Where the false positives are: the right actor and target with a wrong stance, or none
    gold_all = totals["all"]["gold"]
    pairs_gold = {(g[0], g[1], g[3]) for g in gold_all}
    for name in ("rules", "model"):
        wrong = totals["all"][name] - gold_all
        stance = sum((w[0], w[1], w[3]) in pairs_gold for w in wrong)
        print(f"# {name}: {len(wrong)} false positives, {stance} of them a wrong stance only")
    # The whole curve, not a choice: every threshold of the model's probability, alone and
    # added to the rules, on the same held-out folds (argmax above is the one fixed in advance).
    print("\n# sensitivity: model emits every stance with probability >= p (held-out, all folds)")
    for cut in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        alone = {k for fold, _ in folds for k, v in fold.best.items() if v >= cut}
        union = alone | totals["all"]["rules"]
        print(f"p>={cut:.1f}   model {cell(gold_all, alone)} | rules+model {cell(gold_all, union)}")

    if top:
        model, vectoriser = fit(pairs)
        names = vectoriser.get_feature_names_out()
        print(f"\n# top weights of the model trained on all dev batches ({mode})")
        for number, stance in enumerate(model.classes_):
            weights = sorted(zip(model.coef_[number], names, strict=True), reverse=True)[:top]
            listed = ", ".join(f"{n} {w:+.2f}" for w, n in weights)
            print(f"{stance}: {listed}")


def _first_paragraphs(paragraphs, held_out, fraction) -> set:
    by_batch = defaultdict(list)
    for paragraph in paragraphs:
        if paragraph.batch != held_out:
            by_batch[paragraph.batch].append(paragraph.label)
    return {
        label
        for labels in by_batch.values()
        for label in labels[: max(1, round(len(labels) * fraction))]
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", choices=("oracle", "matcher", "both"), default="both")
    parser.add_argument("--top", type=int, default=12, help="top weights to print per class")
    parser.add_argument(
        "--fraction", type=float, default=1.0, help="train on this share of each batch (0-1]"
    )
    options = parser.parse_args()
    modes = {"oracle": [True], "matcher": [False], "both": [False, True]}[options.targets]
    for oracle in modes:
        run(oracle, options.top, options.fraction)
        print()


if __name__ == "__main__":
    main()
