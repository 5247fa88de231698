"""Search in the passages' languages: which PostgreSQL text-search configuration reads a query,
and, on SQLite, the pattern that finds a query word's inflections.

PostgreSQL stores each passage's vector in its own language's configuration (migration
0013_ru_language); a query is read in the language it is written in (or the language the
search is filtered to), so "уведомления" finds "уведомление" and "уведомлением". Both
configurations stem Latin words alike (russian reads ASCII words with the English stemmer),
so an English query still finds the English words of a Russian text.

SQLite has no text search: a query word matches the words that begin with its root (the
matcher's stemmer: cbm/morphology.py), in either spelling of ё.
"""

import re

from . import morphology
from .language import detect_language

# The configuration of each language's stored vectors (as migration 0013 writes them).
CONFIGS = {"ru": "russian", "uk": "simple", "be": "simple"}
DEFAULT_CONFIG = "english"
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def query_config(q: str, language: str = "") -> str:
    """The configuration a query is read in: the language searched, else the query's own."""
    return CONFIGS.get(language or detect_language(q), DEFAULT_CONFIG)


def word_pattern(word: str) -> str:
    """A regular expression for the words a query word stands for: every word beginning with
    its root (in the language of its script), case-insensitive, ё and е alike."""
    word = word.lower().replace("ё", "е")
    language = "ru" if _CYRILLIC.search(word) else "en"
    prefix = word
    if word.isalpha():
        stem = morphology.root(word, language)
        prefix = stem if word.startswith(stem) else morphology.anchor(word, language)
    pattern = re.escape(prefix).replace("е", "[её]").replace("'", "['\u2019]")
    return rf"(?<!\w){pattern}\w*" if word[:1].isalnum() else pattern
