"""Experiment (issue 12): can a small learned model read positions the curated rules miss, on
paragraphs it was not trained on, without costing precision?

Candidates: every (actor, target) pair of a paragraph that one sentence names together (the
finder's actors, the link matcher's targets), and every pair the rule finder gives a position.
Features of a candidate (strings, one-hot): the stance(s) the rules give the pair ("rule:…"),
the word roots between its closest actor mention and target span ("b:…"), a few before and
after ("p:…", "a:…"), the stances of the cues between and in the sentence, a negation between,
the order, the distance, whether another actor stands between, the target's kind.
Model: one logistic regression per stance (one-vs-rest, C fixed), rejects and denies as one.
A stance is suggested where its probability reaches t.

Folds: leave batches out (4 groups of the YAML files of <folder>, dev paragraphs only), pooled,
counted as evaluate_positions counts (optional positions neither way). Compared on the same
paragraphs with the rules alone. With --reserve DIR: trained on all of <folder>'s dev
paragraphs, scored on DIR's paragraphs (a reserve batch nobody tuned on).

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/ev.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python -m bench.experiments.positions_model fixtures/eval/en [--reserve DIR] [--oracle]
"""

import argparse
import os
from collections import defaultdict

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

import django

django.setup()

from cbm import morphology  # noqa: E402
from cbm.matching import merge_overlapping  # noqa: E402
from cbm.models import Actor  # noqa: E402
from cbm.positions import build_finder  # noqa: E402
from cbm.positions_eval import (  # noqa: E402
    SAME_CLASS,
    read_eval_set,
    target_maps,
    target_spans,
)
from cbm.positions_matching import TargetSpan, sentence_spans  # noqa: E402
from cbm.positions_matching.words import _TOKEN  # noqa: E402
from cbm.quality import set_language  # noqa: E402
from cbm.suggest import build_matcher  # noqa: E402

STANCES = ("proposes", "demands", "accepts", "rejects", "accuses", "implements", "suspends")
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def bucket(n):
    return "0" if n <= 2 else "1" if n <= 5 else "2" if n <= 10 else "3" if n <= 20 else "4"


class Reader:
    def __init__(self, language, oracle=False):
        self.language = language
        self.oracle = oracle
        self.finder = build_finder(language, by_slug=True)
        self.matcher = build_matcher(language=language)
        self.actor_slugs = dict(Actor.objects.values_list("pk", "slug"))
        self.slugs, self.parents = target_maps()
        self.kinds = {s: k for k, by_pk in self.slugs.items() for s in by_pk.values()}

    def roots(self, text):
        return [morphology.root(w.lower(), self.language) for w in _TOKEN.findall(text)]

    def paragraph(self, paragraph):
        """[(candidate key (actor, target), features, gold stances)], rules' found set."""
        text, finder = paragraph.text, self.finder
        spans = target_spans(self.matcher, text, self.slugs, self.parents)
        if self.oracle:
            spans = [t for t in spans if t.target[1] in paragraph.targets]
            missing = sorted(
                (self.kinds.get(s, "measure_type"), s)
                for s in paragraph.targets - {t.target[1] for t in spans}
            )
            for _, end in sentence_spans(text):
                spans += [TargetSpan(end - 1, end, target) for target in missing]
        spans.sort(key=lambda t: (t.start, t.end))
        rules = defaultdict(set)
        for p in finder.find_document([(text, spans)], paragraph.publisher, paragraph.published)[0]:
            rules[(self.actor_slugs[p.actor], p.target[1])].add(SAME_CLASS.get(p.stance, p.stance))
        named = finder.with_adjectives(text, merge_overlapping(finder.actors.find(text)))
        cues = [(SAME_CLASS.get(c.stance, c.stance), c.start, c.end) for c in finder._cues(text)]
        negations = finder.words.negations
        sentences = sentence_spans(text)
        pairs = {}  # (actor, target) -> (distance, actor span, target span, sentence)
        for s_start, s_end in sentences:
            in_actors = [a for a in named if s_start <= a.start and a.end <= s_end]
            in_targets = [t for t in spans if s_start <= t.start and t.end <= s_end]
            for a in in_actors:
                for t in in_targets:
                    if t.start <= a.start and a.end <= t.end:
                        continue  # the actor is inside the measure's name
                    gap = t.start - a.end if a.end <= t.start else a.start - t.end
                    key = (self.actor_slugs[a.target], t.target[1])
                    if key not in pairs or gap < pairs[key][0]:
                        pairs[key] = (gap, a, t, (s_start, s_end), in_actors)
        rows = []
        gold = defaultdict(set)
        for a, s, t in paragraph.positions:
            gold[(a, t)].add(SAME_CLASS.get(s, s))
        for key in sorted(set(pairs) | set(rules)):
            features = [f"rule:{s}" for s in sorted(rules.get(key, ()))] or ["rule:none"]
            features.append(f"kind:{self.kinds.get(key[1], 'measure_type')}")
            if key in pairs:
                gap, a, t, (s_start, s_end), in_actors = pairs[key]
                first, last = (a, t) if a.end <= t.start else (t, a)
                between = text[first.end : last.start]
                words = self.roots(between)
                features.append("order:" + ("AT" if first is a else "TA"))
                features.append("gap:" + bucket(len(words)))
                features += [f"b:{w}" for w in words[:15]]
                features += [f"p:{w}" for w in self.roots(text[s_start : first.start])[-4:]]
                features += [f"a:{w}" for w in self.roots(text[last.end : s_end])[:3]]
                lowered = set(_TOKEN.findall(between.lower()))
                if lowered & negations:
                    features.append("neg")
                if any(first.end <= o.start and o.end <= last.start for o in in_actors):
                    features.append("other-actor-between")
                for stance, c_start, c_end in cues:
                    if first.end <= c_start and c_end <= last.start:
                        features.append(f"cb:{stance}")
                    elif s_start <= c_start and c_end <= s_end:
                        features.append(f"cs:{stance}")
            else:
                features.append("cross")
            rows.append((key, features, gold.get(key, set())))
        return rows, gold, {(a, s, t) for (a, t), ss in rules.items() for s in ss}


def read(reader, folder):
    out = []
    for (paragraph,) in read_eval_set(folder, "dev"):
        rows, gold, rules = reader.paragraph(paragraph)
        optional = {(a, SAME_CLASS.get(s, s), t) for a, s, t in paragraph.optional}
        gold_set = {(a, s, t) for (a, t), ss in gold.items() for s in ss}
        out.append((paragraph, rows, gold_set, rules, optional))
    return out


def fit(items, c):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    x_rows = [{f: 1 for f in features} for _, rows, *_ in items for _, features, _ in rows]
    labels = [stances for _, rows, *_ in items for _, _, stances in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(x_rows)
    models = {}
    for stance in STANCES:
        y = [stance in s for s in labels]
        if sum(y) >= 3:
            models[stance] = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return vectorizer, models


def predict(model, items):
    vectorizer, models = model
    out = []
    for _paragraph, rows, *_ in items:
        if not rows:
            out.append([])
            continue
        x = vectorizer.transform([{f: 1 for f in features} for _, features, _ in rows])
        probs = {s: m.predict_proba(x)[:, 1] for s, m in models.items()}
        out.append(
            [
                (key, {s: float(p[n]) for s, p in probs.items()})
                for n, (key, _, _) in enumerate(rows)
            ]
        )
    return out


def score(items, found_per):
    tp = fp = fn = 0
    for (_paragraph, _rows, gold, _rules, optional), found in zip(items, found_per, strict=True):
        found = found - (optional - gold)
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    return f"{tp:>4} {fp:>4} {fn:>4}   {p:.2f} {r:.2f}"


def found_at(predictions, t):
    return [
        {(a, s, tg) for (a, tg), probs in pred for s, p in probs.items() if p >= t}
        for pred in predictions
    ]


def report(items, predictions, label):
    print(f"== {label}")
    print(f"  rules          {score(items, [i[3] for i in items])}")
    candidates = [{(a, s, t) for (a, t), *_ in rows for s in STANCES} for _, rows, *_ in items]
    covered = [c & i[2] for c, i in zip(candidates, items, strict=True)]
    print(f"  ceiling (candidates hold the gold) {score(items, covered)}")
    for t in THRESHOLDS:
        model = found_at(predictions, t)
        union = [m | i[3] for m, i in zip(model, items, strict=True)]
        print(f"  t={t:.1f} model  {score(items, model)}   union {score(items, union)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--reserve")
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("-c", type=float, default=1.0)
    parser.add_argument("--groups", type=int, default=4)
    args = parser.parse_args()
    language = set_language(args.folder)
    reader = Reader(language, args.oracle)
    items = read(reader, args.folder)
    batches = sorted({i[0].batch for i in items})
    predictions = [None] * len(items)
    for g in range(args.groups):
        held = set(batches[g :: args.groups])
        train = [i for i in items if i[0].batch not in held]
        test = [n for n, i in enumerate(items) if i[0].batch in held]
        for n, pred in zip(
            test, predict(fit(train, args.c), [items[n] for n in test]), strict=True
        ):
            predictions[n] = pred
    report(items, predictions, f"{args.folder} dev, {args.groups} batch groups held out in turn")
    if args.reserve:
        reserve = read(reader, args.reserve)
        report(reserve, predict(fit(items, args.c), reserve), f"{args.reserve}, trained on all dev")


if __name__ == "__main__":
    main()
