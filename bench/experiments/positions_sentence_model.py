"""Experiment (issue 12, the `targets` round): do the words model's measure types, scored per
sentence, give the position finder the targets the link matcher misses?

Most positions the finder misses for want of a target are measure types the link matcher does
not find in the paragraph (bench/reference/targets-2026-11-27-pm.txt). Here, where a sentence
holds no target of the link matcher, each measure type the words model (cbm.measure_model,
trained on paragraphs) finds at least t likely in that sentence alone, and that the
paragraph's links do not cover (the type or a sub-type), is given to the finder on the
sentence's last character, as `--oracle` places a labelled target the matcher misses: a cue
before it in the sentence governs it, and the finder still needs an actor and a cue there.

Training: the dev paragraphs of the TRAINING folder only (a copy of the dev batches without the
held-out ones); each batch of the evaluated folder that is among them is scored by a model
trained on the other batches (leave one batch out). The threshold is read off the training
folder's own lines (one per t) and then applied once to a held-out folder. Measured and not
built: the pre-registered bar and the figures are in the reference file above.

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/x.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python -m bench.experiments.positions_sentence_model TRAINING [EVALUATED] [t …] [-v]
"""

import os
import sys

GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def sentence_additions(scores, threshold: float, covered: set[str], taken) -> list[tuple]:
    """(start, end, slug, probability) of the types a sentence alone reaches the threshold for,
    in the sentences where no target of the link matcher starts (taken: their (start, end)),
    and that the paragraph's links do not cover. scores: [(start, end, probabilities)], one
    per sentence."""
    from cbm.measure_model import additions

    found = []
    for start, end, probabilities in scores:
        if any(start <= s < end for s, _ in taken):
            continue
        found += [(start, end, s, p) for s, p in additions(probabilities, threshold, covered)]
    return found


def sentence_scores(text: str, probabilities_of) -> list[tuple]:
    """(start, end, probabilities) of each sentence of text scored alone by probabilities_of
    (a list of texts → a list of {slug: probability}, as MeasureModel.probabilities)."""
    from cbm.measure_model import sentences

    spans = sentences(text)
    given = probabilities_of([text[s:e] for s, e in spans]) if spans else []
    return [(s, e, p) for (s, e), p in zip(spans, given, strict=True)]


def sentence_targets(paragraphs, link_matcher, scores: dict, threshold: float) -> dict:
    """{paragraph label: [TargetSpan]} for evaluate_positions(added=…): the sentence additions
    of each paragraph, each on its sentence's last character."""
    from cbm import measure_model
    from cbm import training as learned
    from cbm.positions_eval import target_maps, target_spans
    from cbm.positions_matching import TargetSpan
    from cbm.suggest import MEASURE_TYPE

    family = learned.parents()
    slugs, parents = target_maps()
    added = {}
    for paragraph in paragraphs:
        spans = target_spans(link_matcher, paragraph.text, slugs, parents)
        found = {t.target[1] for t in spans if t.target[0] == MEASURE_TYPE}
        covered = measure_model.with_parents(found, family)
        taken = [(t.start, t.end) for t in spans]
        added[paragraph.label] = [
            TargetSpan(
                end - 1,
                end,
                (MEASURE_TYPE, slug),
                frozenset({(MEASURE_TYPE, family[slug])}) if family.get(slug) else frozenset(),
            )
            for _, end, slug, _ in sentence_additions(
                scores.get(paragraph.label, ()), threshold, covered, taken
            )
        ]
    return added


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    import django

    django.setup()
    from cbm import measure_model
    from cbm import training as learned
    from cbm.positions import build_finder
    from cbm.positions_eval import evaluate_positions, read_eval_set
    from cbm.quality import set_language
    from cbm.suggest import build_matcher

    folders = [a for a in argv if not a.startswith("-") and not _number(a)]
    grid = [float(a) for a in argv if _number(a)] or GRID
    training, evaluated = folders[0], folders[-1]
    language = set_language(training)
    finder, matcher = build_finder(language, by_slug=True), build_matcher(language=language)
    documents = read_eval_set(evaluated, "dev")
    paragraphs = [p for d in documents for p in d]
    examples, _ = learned.model_training_set(training, matcher, language)
    scores = {}  # paragraph label → [(start, end, probabilities)] of its sentences
    same = {e.batch for e in examples} & {p.batch for p in paragraphs}
    for batch in sorted({p.batch for p in paragraphs}) if same else [None]:
        model = measure_model.fit([e for e in examples if e.batch != batch], language)
        for paragraph in paragraphs:
            if batch is None or paragraph.batch == batch:
                scores[paragraph.label] = sentence_scores(paragraph.text, model.probabilities)
    base = evaluate_positions(documents, finder, matcher)
    print(f"{'links only':<14} {_line(base.overall)}")
    for t in grid:
        added = sentence_targets(paragraphs, matcher, scores, t)
        result = evaluate_positions(documents, finder, matcher, added=added)
        count = sum(len(v) for v in added.values())
        print(f"t={t:<12} {_line(result.overall)}  ({count} sentence targets)")
        if "-v" in argv:
            print("\n".join(e for e in result.errors if e not in base.errors))
            print(
                "\n".join(
                    f"  now found:{e.split(':', 1)[1]}"
                    for e in base.errors
                    if e not in result.errors
                )
            )


def _number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _line(score):
    return (
        f"{score.true_positives:>4} tp {score.false_positives:>4} fp {score.false_negatives:>4} fn"
        f"  {score.precision or 0:.3f} / {score.recall or 0:.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
