"""The ranker: how likely a suggestion is right, from its sentence's words and the term that
fired — a logistic regression, small enough to read (its weights are stored as a dict).

Scoring is plain Python over the stored weights; training (scikit-learn) happens only in
`manage.py train_ranker`. Features are binary: each word root of the sentence around the match
("w:inspect"), the term that fired ("t:phrase:inspection~") and its target ("g:inspection").
"""

import math
import re
from collections.abc import Iterable

from . import morphology
from .matching import fold, sentence_around

_WORD = re.compile(r"[^\W\d_]{2,}")


def term_label(kind: str, text: str, near: str = "") -> str:
    """A term's name in features: stable across databases (not its primary key)."""
    return f"{kind}:{text}" + (f" ~ {near}" if near else "")


def features(text: str, start: int, end: int, term: str, target: str, language="en") -> set[str]:
    first, last = sentence_around(text, start, end)
    words = {f"w:{morphology.root(w, language)}" for w in _WORD.findall(fold(text[first:last]))}
    return words | {f"t:{term}", f"g:{target}"}


def confidence(weights: dict, found: Iterable[str]) -> float:
    """The probability the stored model gives to a suggestion with these features."""
    table = weights["features"]
    z = weights["intercept"] + sum(table.get(f, 0.0) for f in found)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def train(examples: list[tuple[set[str], bool]], c: float = 1.0) -> dict:
    """Fit the weights on (features, right?) examples; both answers must occur."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [right for _, right in examples]
    if len(set(labels)) < 2:
        raise ValueError("the ranker needs examples of both right and wrong suggestions")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in examples])
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    table = {
        str(name): round(float(w), 4)
        for name, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return {"intercept": round(float(model.intercept_[0]), 4), "features": table}
