"""Experiment (issue 11): can the words model add the instruments the lexicon misses?

The measure-type model (cbm.measure_model) proposes measure types only. On the frozen test split
the lexicon finds instruments at precision 1.00 and recall 0.80 (51 of 64), and on fresh batches
the misses are instruments told by description ("the 2018 pact" with the DMZ no-fly zone; a treaty
Moscow withdrew from over flight restrictions). The same model, one regression per instrument:
does it add them without costing precision?

Same code as the product's measure model (cbm.measure_model.fit / train: TF-IDF of word roots
and root bigrams, C=4, the language's class weights, the nested threshold keeping the union's
precision >= 0.90 on grouped inner folds), with instruments as the labels: a paragraph is an
example of an instrument it cites, left out where the link is optional. The union adds an
instrument the matcher did not find.

  dev     leave one batch out over the dev paragraphs of fixtures/eval/<language>
  --on F  trained on all dev paragraphs, scored on the dev paragraphs of folder F (a reserve)

Run (a fresh SQLite database with the registry loaded):

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/inst.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python -m bench.experiments.instrument_model en [--on /tmp/reserve/en]
"""

import argparse
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

import django

django.setup()

from cbm import measure_model  # noqa: E402
from cbm.evaluation import (  # noqa: E402
    INSTRUMENT,
    Evaluation,
    _score_paragraph,
    found_links,
    read_paragraphs,
)
from cbm.suggest import build_matcher  # noqa: E402
from cbm.training import EVAL_ROOT, parents, target_slugs  # noqa: E402


def example(paragraph, instruments) -> measure_model.Example:
    cited = {s for kind, s in paragraph.gold if kind == INSTRUMENT}
    labels = {
        s: s in cited
        for s in instruments
        if s in cited or (INSTRUMENT, s) not in paragraph.optional
    }
    return measure_model.Example(
        f"{paragraph.batch}/{paragraph.id}", paragraph.text, paragraph.batch, labels
    )


class Setup:
    def __init__(self, language: str):
        self.language = language
        self.family = parents()
        slugs = target_slugs()
        self.instruments = sorted(s for (kind, _), s in slugs.items() if kind == INSTRUMENT)
        self.matcher = build_matcher(language=language)
        self.label = lambda match: (match.target[0], slugs[match.target])

    def found(self, paragraphs):
        return [found_links(self.matcher, p.text, self.label) for p in paragraphs]

    def union(self, found, given, t):
        union = dict(found)
        covered = {s for kind, s in found if kind == INSTRUMENT}
        for slug, p in measure_model.additions(given, t, covered):
            union[INSTRUMENT, slug] = f"(model {p:.2f})"
        return union

    def score(self, paragraphs, found, given=None, t=None) -> Evaluation:
        result = Evaluation()
        for n, p in enumerate(paragraphs):
            links = found[n] if given is None else self.union(found[n], given[n], t)
            _score_paragraph(result, p, links, self.family)
        return result

    def train(self, paragraphs, found):
        examples = [example(p, self.instruments) for p in paragraphs]
        by_id = {e.id: n for n, e in enumerate(examples)}

        def precision(subset, probabilities, t):
            rows = [by_id[e.id] for e in subset]
            return self.score(
                [paragraphs[n] for n in rows], [found[n] for n in rows], probabilities, t
            ).overall.precision

        return measure_model.train(examples, precision, self.language)


def cell(score) -> str:
    p = "  -  " if score.precision is None else f"{score.precision:.3f}"
    r = "  -  " if score.recall is None else f"{score.recall:.3f}"
    return (
        f"{p} {r} ({score.true_positives:>4}/{score.false_positives:>3}/{score.false_negatives:>3})"
    )


def instruments_only(result: Evaluation):
    from cbm.evaluation import Score

    total = Score()
    for (kind, _), s in result.per_target.items():
        if kind == INSTRUMENT:
            total.true_positives += s.true_positives
            total.false_positives += s.false_positives
            total.false_negatives += s.false_negatives
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", choices=("en", "ru"))
    parser.add_argument("--on", type=Path, help="score on this folder's dev paragraphs")
    options = parser.parse_args()
    setup = Setup(options.language)
    dev = read_paragraphs(EVAL_ROOT / options.language, "dev")
    dev_found = setup.found(dev)
    if options.on:
        scored = read_paragraphs(options.on, "dev")
        found = setup.found(scored)
        model = setup.train(dev, dev_found)
        given = model.probabilities([p.text for p in scored])
        folds = [(options.on.name, model.threshold)]
    else:
        scored, found = dev, dev_found
        given = [None] * len(dev)
        folds = []
        for batch in sorted({p.batch for p in dev}):
            train = [n for n, p in enumerate(dev) if p.batch != batch]
            test = [n for n, p in enumerate(dev) if p.batch == batch]
            model = setup.train([dev[n] for n in train], [dev_found[n] for n in train])
            for n, g in zip(test, model.probabilities([dev[n].text for n in test]), strict=True):
                given[n] = (g, model.threshold)
            folds.append((batch, model.threshold))
    if options.on:
        given = [(g, model.threshold) for g in given]
    matcher = setup.score(scored, found)
    union = Evaluation()
    for n, p in enumerate(scored):
        g, t = given[n]
        _score_paragraph(union, p, setup.union(found[n], g, t), setup.family)
    print(f"# {options.language}: {len(scored)} paragraphs scored; thresholds {folds}")
    print(f"{'':<10} {'overall':^28} | {'instruments only':^28}")
    for name, result in (("matcher", matcher), ("union", union)):
        print(f"{name:<10} {cell(result.overall)} | {cell(instruments_only(result))}")
    print("# instruments the union adds (paragraph: instrument probability, right/wrong)")
    for n, p in enumerate(scored):
        g, t = given[n]
        covered = {s for kind, s in found[n] if kind == INSTRUMENT}
        for slug, prob in measure_model.additions(g, t, covered):
            right = (INSTRUMENT, slug) in p.gold
            optional = (INSTRUMENT, slug) in p.optional
            mark = "right" if right else ("optional" if optional else "WRONG")
            print(f"  {p.id}: {slug} {prob:.2f} {mark}")


if __name__ == "__main__":
    main()
