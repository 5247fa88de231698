"""A learned model of measure types, beside the curated lexicon (issue 11, section 3).

One logistic regression per measure type (scikit-learn, C=4; in English each type's positives
weighted up to its negatives) over the TF-IDF of a paragraph's word roots and root bigrams, as
bench/experiments/measure_model.py measured it. It
only adds: a type is proposed for a paragraph when its probability reaches the threshold and the
matcher gave neither that type nor one of its sub-types (the caller says which types are
covered). The threshold is the experiment's nested choice, made on the training paragraphs only:
the lowest grid value at which the matcher's links plus the model's keep precision >= 0.90 in
cross-validation grouped by batch (the caller measures that precision; 1.01 adds nothing).

No Django here: examples come in as plain rows, so the bench experiment, the evaluation and the
product can share it.
"""

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy

from . import morphology
from .matching.text import _SENTENCE_BREAK, _crosses_sentence, fold

C = 4.0
# English weighs each type's positives up to its negatives ("balanced"), so a type with few
# examples is still learned; the nested threshold is then chosen on those higher probabilities.
# On English batches no lexicon round had seen it gave +21 links for one false hit fewer; on
# Russian dev it cost precision (0.95 -> 0.91), so Russian stays unweighted
# (bench/reference/measure-model-2026-11-27.txt).
CLASS_WEIGHTS = {"en": "balanced"}
PRECISION_FLOOR = 0.90
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
NOTHING = 1.01  # a threshold no probability reaches
INNER_GROUPS = 4
MIN_POSITIVES = 2  # fewer examples than this and the type is not learned
_WORD = re.compile(r"[^\W\d_]+")


def analyse(text: str, language: str = "en") -> list[str]:
    """Word roots and root bigrams of a text."""
    roots = [morphology.root(w, language) for w in _WORD.findall(fold(text))]
    return roots + [f"{a} {b}" for a, b in itertools.pairwise(roots)]


@dataclass(frozen=True)
class Example:
    """A labelled paragraph: labels[slug] says whether it is an example of the type (a
    sub-type's paragraph is one of its parent's too); a type left out (optional) is absent."""

    id: str
    text: str
    batch: str
    labels: dict[str, bool] = field(default_factory=dict)


Probabilities = dict[str, float]  # slug -> probability, for one paragraph
# precision(examples, probabilities, threshold): the union's precision on those examples
PrecisionOf = Callable[[Sequence[Example], list[Probabilities], float], float | None]


class MeasureModel:
    """Fitted per-type regressions and the threshold their proposals must reach."""

    def __init__(self, words, regressions: dict, language: str = "en", threshold: float = 0.5):
        self.words = words
        self.regressions = regressions
        self.language = language
        self.threshold = threshold

    def probabilities(self, texts: Sequence[str]) -> list[Probabilities]:
        result = [{} for _ in texts]
        if not texts or not self.regressions:
            return result
        x = self.words.transform(list(texts))
        for slug, regression in self.regressions.items():
            for row, p in zip(result, regression.predict_proba(x)[:, 1], strict=True):
                row[slug] = float(p)
        return result

    def propose(self, text: str, covered: set[str]) -> list[tuple[str, float]]:
        """(slug, probability) for the types reaching the threshold that are not covered,
        most likely first."""
        return additions(self.probabilities([text])[0], self.threshold, covered)


def with_parents(slugs, family: dict[str, str | None]) -> set[str]:
    """The types given and all their parents (a sub-type covers its parent)."""
    result = set()
    for slug in slugs:
        while slug and slug not in result:
            result.add(slug)
            slug = family.get(slug)
    return result


def additions(probabilities: Probabilities, threshold: float, covered: set[str]):
    found = [(s, p) for s, p in probabilities.items() if p >= threshold and s not in covered]
    return sorted(found, key=lambda sp: (-sp[1], sp[0]))


def fit(examples: Sequence[Example], language: str = "en", c: float = C) -> MeasureModel:
    """The regressions of every type with at least MIN_POSITIVES examples (threshold 0.5)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(
        analyzer=lambda text: analyse(text, language), sublinear_tf=True, min_df=2
    )
    x = words.fit_transform([e.text for e in examples])
    regressions = {}
    for slug in sorted({s for e in examples for s in e.labels}):
        rows = [n for n, e in enumerate(examples) if slug in e.labels]
        y = [examples[n].labels[slug] for n in rows]
        if sum(y) < MIN_POSITIVES or all(y):
            continue
        regression = LogisticRegression(
            C=c, class_weight=CLASS_WEIGHTS.get(language), max_iter=2000, solver="liblinear"
        )
        regressions[slug] = regression.fit(x[rows], y)
    return MeasureModel(words, regressions, language)


def out_of_fold(
    examples: Sequence[Example], groups: int = INNER_GROUPS, language: str = "en"
) -> list[Probabilities]:
    """Each example's probabilities from a model fitted without its group of batches."""
    batches = sorted({e.batch for e in examples})
    result: list[Probabilities] = [{} for _ in examples]
    for g in range(groups):
        held = set(batches[g::groups])
        if not held:
            continue
        train = [e for e in examples if e.batch not in held]
        test = [n for n, e in enumerate(examples) if e.batch in held]
        if not train:
            continue
        predicted = fit(train, language).probabilities([examples[n].text for n in test])
        for n, p in zip(test, predicted, strict=True):
            result[n] = p
    return result


def choose_threshold(
    examples: Sequence[Example], precision: PrecisionOf, language: str = "en"
) -> float:
    """The lowest grid threshold whose union keeps precision >= the floor on grouped
    cross-validation of these examples (NOTHING when none does)."""
    inner = out_of_fold(examples, language=language)
    for t in THRESHOLDS:
        if (precision(examples, inner, t) or 0) >= PRECISION_FLOOR:
            return t
    return NOTHING


def train(examples: Sequence[Example], precision: PrecisionOf, language: str = "en"):
    """A model fitted on every example, at the threshold chosen on them by nested CV."""
    model = fit(examples, language)
    model.threshold = choose_threshold(examples, precision, language)
    return model


# -- stored weights: readable JSON, scored in plain Python ---------------------------------------

PRUNE = 0.005  # smaller weights are dropped when stored (their share of a score is negligible)


def to_weights(model: MeasureModel) -> dict:
    """{'idf': {feature: idf}, 'types': {slug: {'intercept': b, 'features': {feature: w}}}}:
    what probabilities() needs, as JSON."""
    names = model.words.get_feature_names_out()
    idf = dict(zip(names, (round(float(v), 4) for v in model.words.idf_), strict=True))
    types = {}
    for slug, regression in model.regressions.items():
        weights = {
            str(n): round(float(w), 4)
            for n, w in zip(names, regression.coef_[0], strict=True)
            if abs(w) >= PRUNE
        }
        types[slug] = {"intercept": round(float(regression.intercept_[0]), 4), "features": weights}
    used = {f for t in types.values() for f in t["features"]}
    return {"idf": {str(f): v for f, v in idf.items() if f in used}, "types": types}


def stored_probabilities(weights: dict, text: str, language: str = "en") -> Probabilities:
    """{slug: probability} of a text by stored weights (TF-IDF with sublinear tf and l2 norm,
    as scikit-learn computes it, over the features kept)."""
    counts: dict[str, int] = {}
    for feature in analyse(text, language):
        counts[feature] = counts.get(feature, 0) + 1
    slugs, row_of, idf, matrix, intercepts = _compiled(weights)
    rows = [row_of[f] for f in counts if f in row_of]
    x = numpy.array([(1 + math.log(counts[f])) * idf[f] for f in counts if f in row_of])
    norm = math.sqrt(float(x @ x)) or 1.0
    z = intercepts + (x / norm) @ matrix[rows] if rows else intercepts
    return {slug: 1 / (1 + math.exp(-float(v))) for slug, v in zip(slugs, z, strict=True)}


# Stored weights as a matrix (features x types), built once per weights dict: scoring a passage
# is then one product, not a dict lookup per feature and type (~20x faster in suggest).
_COMPILED: dict[int, tuple] = {}


def _compiled(weights: dict) -> tuple:
    key = id(weights)
    if key not in _COMPILED or _COMPILED[key][0] is not weights:
        slugs = list(weights["types"])
        features = list(weights["idf"])
        row_of = {f: n for n, f in enumerate(features)}
        matrix = numpy.zeros((len(features), len(slugs)))
        for column, slug in enumerate(slugs):
            for f, w in weights["types"][slug]["features"].items():
                matrix[row_of[f], column] = w
        intercepts = numpy.array([weights["types"][s]["intercept"] for s in slugs])
        if len(_COMPILED) > 8:  # a few models at most (one per language, and a retrained one)
            _COMPILED.clear()
        _COMPILED[key] = (weights, (slugs, row_of, weights["idf"], matrix, intercepts))
    return _COMPILED[key][1]


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a text, as the matcher cuts them, blanks trimmed."""
    spans, first = [], 0
    for found in _SENTENCE_BREAK.finditer(text):
        if _crosses_sentence(text, found.start(), found.end()):
            spans.append((first, found.start() + 1))
            first = found.end()
    spans.append((first, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def best_sentence(weights: dict, slug: str, text: str, language: str = "en"):
    """The sentence of text whose words the type's regression likes best: (start, end)."""
    spans = sentences(text) or [(0, len(text))]
    return max(
        spans, key=lambda s: stored_probabilities(weights, text[s[0] : s[1]], language)[slug]
    )
