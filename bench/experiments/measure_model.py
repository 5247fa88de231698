"""Experiment (issue 11, section 3): can a small learned model add the measure types the curated
lexicon misses, on paragraphs it was not trained on, without costing precision?

Model: one logistic regression per measure type (one-vs-rest, scikit-learn, C=4, no class
weights, fixed in advance) over the TF-IDF of the paragraph's word roots and root bigrams
(cbm.morphology.root, as the matcher stems), with or without the matcher's own measure-type hits
as extra binary features ("hit:<slug>"). A paragraph labelled with a sub-type is a positive for
its parent too (the registry counts a sub-type for its parent); a paragraph where the type is
`optional` is left out of that type's training.

Folds: leave one batch out — a batch is one YAML file of fixtures/eval/en, dev paragraphs only
(the loader keeps `split: dev` and nothing else; the test split is never read into the
experiment). Per held-out batch B, trained on the other batches, scored on B, pooled over all B,
counted as evaluate_matcher counts (cbm.evaluation: per (paragraph, target), sub-types cover
their parents, optional links count neither way):
  (a) matcher  the curated lexicon alone (measure types and instruments, as evaluate_matcher);
  (b) model    the model alone (measure types only), every type with probability >= t;
  (c) union    the matcher's links plus the model's measure types with probability >= t that
               the matcher did not find (neither the type nor one of its sub-types).
The threshold is reported over a grid (the whole curve, chosen looking at the held-out folds:
optimistic) and chosen honestly per fold ("nested": on inner grouped cross-validation of the
training batches only, the lowest t whose union keeps overall precision >= 0.90 there).

Two matchers: today's lexicon was written looking at every dev batch but p, so it is not held
out on B while the model is, and only its hard misses are left. With --before DIR each batch is
matched instead by the lexicon of the commit that labelled it, before any round was tuned on it
(bench/experiments/lexicons_before.sh writes DIR; it reproduces the "before tuning" figures the
README records: e 11 of 20, o 12 of 18, p 3 of 8): what a new batch of writers meets, as the
frozen test split does. The model is the same in both (trained on the other batches' labels).

Run (a fresh SQLite database with the registry loaded):

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/clf-eval.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_registry
    .venv/bin/python -m bench.experiments.measure_model [--top 8]
    bench/experiments/lexicons_before.sh /tmp/lexicons-before          (about 17 min)
    .venv/bin/python -m bench.experiments.measure_model --before /tmp/lexicons-before

Figures of 2026-11-26: bench/reference/measure-model-2026-11-26.txt. --class-weight balanced
(the English product model since 2026-11-27) and --thresholds per-type (one nested choice per
type): bench/reference/measure-model-2026-11-27.txt.
"""

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

import django

django.setup()

import yaml  # noqa: E402

from cbm.evaluation import (  # noqa: E402
    MEASURE_TYPE,
    Evaluation,
    Paragraph,
    Score,
    _eval_paragraph,
    _score_paragraph,
    ancestors,
)
from cbm.measure_model import INNER_GROUPS, PRECISION_FLOOR, THRESHOLDS, analyse  # noqa: E402
from cbm.suggest import build_matcher  # noqa: E402
from cbm.training import parents as measure_parents  # noqa: E402
from cbm.training import target_slugs  # noqa: E402

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "en"
C = 4.0  # as cbm.measure_model.C; --c changes it for one run
CLASS_WEIGHT = None  # --class-weight balanced: each type's positives weighted up to its negatives
PER_TYPE = False  # --thresholds per-type: the nested choice made for each type on its own
NOTHING = 1.01
CHARS = False  # --chars: character 4-grams of each root beside the roots and bigrams


def features(text: str) -> list[str]:
    """The model's features of a text: word roots and root bigrams, and with --chars the
    character 4-grams of each root (padded), which a new writer's other forms of a word share."""
    found = analyse(text)
    if not CHARS:
        return found
    roots = [f for f in found if " " not in f]
    grams = [f"#{r[n : n + 4]}" for root in roots for r in [f"<{root}>"] for n in range(len(r) - 3)]
    return found + grams


def read_dev(folder: Path = FOLDER) -> list[tuple[str, Paragraph]]:
    """(batch, paragraph) for every `split: dev` paragraph of folder's batch files; entries of
    any other split are dropped before they are parsed."""
    rows = []
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry.get("split") != "dev":
                continue
            paragraph = _eval_paragraph(path, entry)
            assert paragraph.split == "dev"
            rows.append((path.stem, paragraph))
    return rows


def matcher_found(paragraphs) -> list[dict]:
    """Per paragraph, {target: quote} as evaluate() collects it, by the lexicon in the database."""
    slugs = target_slugs()
    matcher = build_matcher(language="en")
    result = []
    for p in paragraphs:
        found = {}
        for m in matcher.find(p.text):
            found.setdefault((m.target[0], slugs[m.target]), p.text[m.start : m.end])
        result.append(found)
    return result


def dump_found(path: str):
    """Write the database lexicon's findings on every dev paragraph (a lexicon of the past,
    loaded from the commit that labelled a batch, i.e. before any round was tuned on it)."""
    paragraphs = [p for _, p in read_dev()]
    found = matcher_found(paragraphs)
    rows = {p.id: [[*t, q] for t, q in f.items()] for p, f in zip(paragraphs, found, strict=True)}
    Path(path).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


class Data:
    """The dev paragraphs, their batches, the matcher's findings on each, the taxonomy."""

    def __init__(self, before: str | None = None):
        rows = read_dev()
        if before is not None:  # batches whose old lexicon could not be loaded are left out
            self.missing = sorted(
                {b for b, _ in rows if not (Path(before) / f"{b}.json").is_file()}
            )
            rows = [(b, p) for b, p in rows if b not in self.missing]
        self.batches = [b for b, _ in rows]
        self.paragraphs = [p for _, p in rows]
        self.parents = measure_parents()
        if before is None:
            self.found = matcher_found(self.paragraphs)
        else:  # each batch as the lexicon of the commit that labelled it found it
            self.found = []
            for batch, p in rows:
                stored = json.loads((Path(before) / f"{batch}.json").read_text(encoding="utf-8"))
                self.found.append({(k, s): q for k, s, q in stored[p.id]})
        self.types = sorted(self.parents)

    def positive(self, i: int, slug: str) -> bool | None:
        """Is paragraph i an example of slug (True/False), or left out (optional: None)?"""
        p = self.paragraphs[i]
        labelled = {s for kind, s in p.gold if kind == MEASURE_TYPE}
        if slug in labelled or any(slug in ancestors(s, self.parents) for s in labelled):
            return True
        if (MEASURE_TYPE, slug) in p.optional:
            return None
        return False

    def hits(self, i: int) -> list[str]:
        return [f"hit:{slug}" for kind, slug in self.found[i] if kind == MEASURE_TYPE]


def fit_predict(data: Data, train: list[int], test: list[int], with_hits: bool) -> dict:
    """{paragraph index: {slug: probability}} for the test paragraphs."""
    import scipy.sparse as sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
    x_train = words.fit_transform([data.paragraphs[i].text for i in train])
    x_test = words.transform([data.paragraphs[i].text for i in test])
    if with_hits:
        hits = DictVectorizer()
        h_train = hits.fit_transform([dict.fromkeys(data.hits(i), 1) for i in train])
        h_test = hits.transform([dict.fromkeys(data.hits(i), 1) for i in test])
        x_train = sparse.hstack([x_train, h_train]).tocsr()
        x_test = sparse.hstack([x_test, h_test]).tocsr()
    return fit_types(data, train, test, x_train, x_test)


def fit_types(data: Data, train: list[int], test: list[int], x_train, x_test) -> dict:
    """One regression per type on the training rows' features: {test index: {slug: p}}."""
    from sklearn.linear_model import LogisticRegression

    probabilities = {i: {} for i in test}
    for slug in data.types:
        labels = [data.positive(i, slug) for i in train]
        rows = [n for n, y in enumerate(labels) if y is not None]
        y = [labels[n] for n in rows]
        if sum(y) < 2:
            continue  # too few examples to learn the type from
        model = LogisticRegression(
            C=C, class_weight=CLASS_WEIGHT, max_iter=2000, solver="liblinear"
        )
        model.fit(x_train[rows], y)
        for i, p in zip(test, model.predict_proba(x_test)[:, 1], strict=True):
            probabilities[i][slug] = float(p)
    return probabilities


def covered(found: dict, slug: str, parents) -> bool:
    """Does the matcher already give slug or one of its sub-types?"""
    return any(
        kind == MEASURE_TYPE and (s == slug or slug in ancestors(s, parents)) for kind, s in found
    )


def score(data: Data, indices, probabilities: dict, mode: str, t=0.5) -> Evaluation:
    """t: one threshold for every type, or {slug: threshold} (a type absent adds nothing)."""
    result = Evaluation()
    for i in indices:
        paragraph = data.paragraphs[i]
        result.paragraphs += 1
        given = probabilities.get(i, {})
        model = {
            (MEASURE_TYPE, slug): "(model)"
            for slug, p in given.items()
            if p >= (t.get(slug, NOTHING) if isinstance(t, dict) else t)
        }
        if mode == "matcher":
            found = data.found[i]
        elif mode == "model":
            found = model
            paragraph = Paragraph(
                paragraph.id,
                paragraph.split,
                paragraph.text,
                frozenset(g for g in paragraph.gold if g[0] == MEASURE_TYPE),
                paragraph.optional,
            )
        else:
            found = dict(data.found[i])
            for target, quote in model.items():
                if not covered(data.found[i], target[1], data.parents):
                    found[target] = quote
        _score_paragraph(result, paragraph, found, data.parents)
    return result


def add(total: Evaluation, part: Evaluation):
    """Pool part's counts into total."""
    total.paragraphs += part.paragraphs
    for target, s in [(None, part.overall), *part.per_target.items()]:
        into = total.overall if target is None else total.score(target)
        into.true_positives += s.true_positives
        into.false_positives += s.false_positives
        into.false_negatives += s.false_negatives


def measure_types_only(result: Evaluation) -> Score:
    total = Score()
    for (kind, _), s in result.per_target.items():
        if kind == MEASURE_TYPE:
            total.true_positives += s.true_positives
            total.false_positives += s.false_positives
            total.false_negatives += s.false_negatives
    return total


def cell(s: Score) -> str:
    def f(v):
        return "  -  " if v is None else f"{v:.3f}"

    return (
        f"{f(s.precision)} {f(s.recall)} {f(s.f1)} ({s.true_positives:>3}/{s.false_positives:>3})"
    )


def nested_threshold(data: Data, train: list[int], with_hits: bool, predict=None) -> float:
    """The lowest grid threshold whose union keeps overall precision >= the floor on inner
    grouped cross-validation predictions over the training batches (1.01: add nothing).
    predict(data, train, test) -> probabilities replaces fit_predict (other features)."""
    if predict is None:

        def predict(data, train, test):
            return fit_predict(data, train, test, with_hits)

    batches = sorted({data.batches[i] for i in train})
    groups = [batches[g::INNER_GROUPS] for g in range(INNER_GROUPS)]
    inner = {}
    for held in groups:
        fit_on = [i for i in train if data.batches[i] not in held]
        score_on = [i for i in train if data.batches[i] in held]
        inner.update(predict(data, fit_on, score_on))
    if PER_TYPE:
        return per_type_thresholds(data, train, inner)
    for t in THRESHOLDS:
        result = score(data, train, inner, "union", t)
        if (result.overall.precision or 0) >= PRECISION_FLOOR:
            return t
    return NOTHING


def per_type_thresholds(data: Data, train: list[int], inner: dict) -> dict:
    """{slug: the lowest grid threshold at which that type's own precision (its true and false
    links, the matcher's and the model's of that type alone) keeps >= the floor on the inner
    predictions}; a type never reaching it is left out (adds nothing). Each type then holds the
    floor, so the union as a whole does too."""
    base = score(data, train, {}, "matcher")
    chosen = {}
    for slug in data.types:
        target = (MEASURE_TYPE, slug)
        for t in THRESHOLDS:
            # only paragraphs where the type reaches t change; count them with and without it
            changed = [i for i in train if inner.get(i, {}).get(slug, 0) >= t]
            if not changed:
                continue
            union = score(data, changed, inner, "union", {slug: t}).per_target.get(target)
            alone = score(data, changed, {}, "matcher").per_target.get(target)
            s = base.per_target.get(target, Score())
            tp = s.true_positives + _tp(union) - _tp(alone)
            fp = s.false_positives + _fp(union) - _fp(alone)
            if tp + fp and tp / (tp + fp) >= PRECISION_FLOOR:
                chosen[slug] = t
                break
    return chosen


def _tp(s):
    return s.true_positives if s else 0


def _fp(s):
    return s.false_positives if s else 0


def shown(t) -> str:
    """A fold's threshold(s), briefly."""
    if not isinstance(t, dict):
        return f"t={t:.2f}"
    mc = t.get("military-contacts")
    return f"{len(t)} types, min {min(t.values(), default=NOTHING):.1f}, mil.c. {mc or '-'}"


def run(data: Data, with_hits: bool, top: int, predict=None, name: str | None = None):
    """Print the tables; return the matcher's and the nested union's pooled evaluations.
    predict(data, train, test) -> probabilities replaces fit_predict (other features)."""
    if predict is None:

        def predict(data, train, test):
            return fit_predict(data, train, test, with_hits)

    if name is None:
        name = "text + matcher hits" if with_hits else "text only"
    batches = sorted(set(data.batches))
    n_gold = sum(len(p.gold) for p in data.paragraphs)
    print(f"# model features: {name}{' + char 4-grams' if CHARS else ''}; C={C};", end=" ")
    print(f"class weights {CLASS_WEIGHT};", end=" ")
    print(
        f"thresholds {'per type' if PER_TYPE else 'global'}; {len(data.paragraphs)} dev paragraphs in"
    )
    print(f"# {len(batches)} batches ({', '.join(batches)}), {n_gold} labelled links")
    held_out = {}  # i -> {slug: probability}, each paragraph predicted by the fold leaving it out
    chosen = {}
    for batch in batches:
        test = [i for i, b in enumerate(data.batches) if b == batch]
        train = [i for i, b in enumerate(data.batches) if b != batch]
        held_out.update(predict(data, train, test))
        chosen[batch] = nested_threshold(data, train, with_hits, predict)
    everything = range(len(data.paragraphs))
    matcher = score(data, everything, {}, "matcher")

    print(f"\n{'':<22} {'overall (types + instruments)':^32} | {'measure types only':^32}")
    print(f"{'':<22} {'P     R     F1    (tp/fp)':^32} | {'P     R     F1    (tp/fp)':^32}")
    print(f"{'(a) matcher':<22} {cell(matcher.overall)} | {cell(measure_types_only(matcher))}")
    for t in THRESHOLDS:
        model = score(data, everything, held_out, "model", t)
        print(f"{f'(b) model p>={t:.1f}':<22} {'':^32} | {cell(measure_types_only(model))}")
    for t in THRESHOLDS:
        union = score(data, everything, held_out, "union", t)
        print(
            f"{f'(c) union p>={t:.1f}':<22} {cell(union.overall)} | {cell(measure_types_only(union))}"
        )

    # The honest figure: each fold at the threshold its own training batches chose.
    nested = Evaluation()
    print("\n# per held-out batch: matcher | union at the threshold chosen on the training batches")
    for batch in batches:
        test = [i for i, b in enumerate(data.batches) if b == batch]
        a = score(data, test, {}, "matcher")
        c = score(data, test, held_out, "union", chosen[batch])
        add(nested, c)
        print(
            f"{batch:<6} {len(test):>4} ¶  {cell(a.overall)} | {cell(c.overall)} {shown(chosen[batch])}"
        )
    print(
        f"{'POOLED':<6} {len(data.paragraphs):>4} ¶  {cell(matcher.overall)} | {cell(nested.overall)}"
    )

    print("\n# per measure type (gold, then P/R of: matcher | model p>=0.5 | union nested)")
    model = score(data, everything, held_out, "model", 0.5)
    for slug in data.types:
        target = (MEASURE_TYPE, slug)
        g = matcher.per_target.get(target, Score())
        if not g.gold and not g.found and target not in nested.per_target:
            continue
        rows = [
            matcher.per_target.get(target),
            model.per_target.get(target),
            nested.per_target.get(target),
        ]

        def pr(s):
            if s is None:
                return "  -    -  "
            p = "  - " if s.precision is None else f"{s.precision:.2f}"
            r = "  - " if s.recall is None else f"{s.recall:.2f}"
            return f"{p} {r}"

        print(f"{slug:<34} {g.gold:>4}  {' | '.join(pr(s) for s in rows)}")

    if top:
        everyone = list(everything)
        print("\n# top weights per measure type, text-only model trained on all dev batches")
        _top_weights(data, everyone, with_hits, top)
    return matcher, nested


def _top_weights(data: Data, train: list[int], with_hits: bool, top: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
    x = words.fit_transform([data.paragraphs[i].text for i in train])
    names = list(words.get_feature_names_out())
    for slug in data.types:
        labels = [data.positive(i, slug) for i in train]
        rows = [n for n, y in enumerate(labels) if y is not None]
        y = [labels[n] for n in rows]
        if sum(y) < 2:
            continue
        model = LogisticRegression(
            C=C, class_weight=CLASS_WEIGHT, max_iter=2000, solver="liblinear"
        ).fit(x[rows], y)
        best = sorted(zip(model.coef_[0], names, strict=True), reverse=True)[:top]
        print(f"{slug} ({sum(y)}): " + ", ".join(f"{n} {w:+.1f}" for w, n in best))


def main():
    global C, CLASS_WEIGHT, PER_TYPE, CHARS  # one setting for every fit of the run
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=8, help="top weights to print per type")
    parser.add_argument("--features", choices=("text", "hits", "both"), default="both")
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation")
    parser.add_argument("--dump-found", metavar="FILE", help="only write the matcher's findings")
    parser.add_argument(
        "--before", metavar="DIR", help="<batch>.json findings of the lexicon before each batch"
    )
    parser.add_argument("--class-weight", choices=("none", "balanced"), default="none")
    parser.add_argument("--thresholds", choices=("global", "per-type"), default="global")
    parser.add_argument("--chars", action="store_true", help="character 4-grams of roots too")
    options = parser.parse_args()
    C = options.c
    CLASS_WEIGHT = None if options.class_weight == "none" else options.class_weight
    PER_TYPE = options.thresholds == "per-type"
    CHARS = options.chars
    if options.dump_found:
        dump_found(options.dump_found)
        return
    variants = {"text": [False], "hits": [True], "both": [False, True]}[options.features]
    data = Data(options.before)
    if options.before:
        print("# matcher: each batch as the lexicon of the commit that labelled it found it;")
        print(f"# left out (that lexicon could not be loaded): {', '.join(data.missing) or 'none'}")
    for number, with_hits in enumerate(variants):
        run(data, with_hits, options.top if number == len(variants) - 1 else 0)
        print()


if __name__ == "__main__":
    main()
