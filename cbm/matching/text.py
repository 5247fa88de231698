"""Text the matcher reads: folding (same length, so offsets carry over), the spaced copy of
the fast path, words and sentences."""

from __future__ import annotations

import re

# Folding keeps the length: each of these characters becomes one ASCII character.
_FOLD = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u02bc": "'",  # ʼ
    "\u2032": "'",  # ′
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus
    "\u00ad": "-",  # soft hyphen
    "\u00a0": " ",  # no-break space
    "\u00ab": '"',  # « (Russian quotes)
    "\u00bb": '"',  # »
    "\u0451": "\u0435",  # ё is е (Russian texts write either)
}
_NOT_SENTENCE_END = {
    *"abcdefghijklmnopqrstuvwxyz",
    *"абвгдеёжзийклмнопрстуфхцчшщэюя",  # Russian initials: "С. Лавров"
    *"mr mrs ms dr st no nos art arts para paras vol gen lt col maj sgt gov sen rep".split(),
    # ranks and titles before a name: "Adm. Koshelev", "Brig. Gen. Ryder"
    *"adm capt cmdr cdr brig pres prof amb sec cpl pvt".split(),
    *"u.s u.k u.n e.g i.e approx fig cf vs jan feb mar apr jun jul aug sep sept oct nov dec".split(),
}
# Words too frequent in the registry's texts to be good anchors: a phrase is looked for by one
_SENTENCE_BREAK = re.compile(r"""[.!?]+["'”’»)\]]*\s+(?=["“‘«„(\[]?[A-Z0-9А-ЯЁ])|\n\s*\n""")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case copy of text with unified quotes, dashes and spaces, of the same length."""
    folded = text.lower()
    if len(folded) != len(text):  # a few letters (İ) lower-case to two characters
        folded = "".join(c.lower()[0] for c in text)
    for char, replacement in _FOLD.items():
        if char in folded:
            folded = folded.replace(char, replacement)
    return folded


_OTHER_SPACE = re.compile(r"[^\S \n\t\r]")  # whitespace that _spaced does not rewrite


def _spaced(folded: str) -> str | None:
    """folded with each separator (whitespace, hyphen) made one space, same length; None if
    a run of separators or a rare space is left, since a key's single space cannot meet it."""
    spaced = folded.replace("-", " ").replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if "  " in spaced or _OTHER_SPACE.search(spaced):
        return None
    return spaced


# ASCII texts (most) are spaced in a few native passes: lower case, separators to spaces.
_SPACED_ASCII = bytes.maketrans(
    bytes(range(65, 91)) + b"-\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
    bytes(range(97, 123)) + b" " * 10,
)


def _spaced_copy(text: str) -> str | None:
    """_spaced(fold(text)), quickly for ASCII text."""
    if text.isascii():
        spaced = text.encode("ascii").translate(_SPACED_ASCII)
        return None if b"  " in spaced else spaced.decode("ascii")
    return _spaced(fold(text))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


_WORD_REST = re.compile(r"\w*")  # (\w is exactly _is_word: isalnum() or "_", in any script)


def _word_end(text: str, position: int) -> int:
    """Where the word that runs through position ends (position, if none does)."""
    return _WORD_REST.match(text, position).end()


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) that hold text[start:end]."""
    first, last = 0, len(text)
    for found in _SENTENCE_BREAK.finditer(text):
        if found.end() <= start and _crosses_sentence(text, found.start(), found.end()):
            first = found.end()
        elif found.start() >= end and _crosses_sentence(text, found.start(), found.end()):
            last = found.start() + 1
            break
    return first, last


def _crosses_sentence(text: str, start: int, end: int) -> bool:
    return next(_sentence_breaks(text, start, end), None) is not None


def _sentence_breaks(text: str, start: int, end: int):
    """The sentence breaks between start and end, each as True if it is a paragraph break
    (a blank line), else False."""
    for found in _SENTENCE_BREAK.finditer(text, start, end + 1):
        position = found.start()
        if text[position] == "\n":
            yield True
            continue
        word_start = position
        while word_start > 0 and (_is_word(text[word_start - 1]) or text[word_start - 1] == "."):
            word_start -= 1
        if text[word_start:position].lower() not in _NOT_SENTENCE_END:
            yield _PARAGRAPH_BREAK.search(found.group()) is not None


# The reach of a cue list: how far from a match one of its cues may occur.
SENTENCE, NEIGHBOURS, PARAGRAPH = "sentence", "neighbours", "paragraph"
REACHES = (SENTENCE, NEIGHBOURS, PARAGRAPH)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def within_reach(text: str, start: int, end: int, reach: str) -> bool:
    """True if text[start:end], the gap between a match and a cue, stays within reach: inside
    one sentence; crossing at most one sentence break but no blank line (the sentence before
    or after, in the same paragraph); or crossing no blank line (the same paragraph)."""
    if reach == PARAGRAPH:
        return _PARAGRAPH_BREAK.search(text, start, end + 1) is None
    for count, paragraph in enumerate(_sentence_breaks(text, start, end), 1):
        if paragraph or reach == SENTENCE or count > 1:
            return False
    return True
