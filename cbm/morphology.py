"""Word roots for the matcher's ``word~`` notation: a term word marked ~ matches its inflections
and close derivations (notify~ → notified, notifying, notification; inspect~ → inspection,
inspectors).

Plain Python, no Django import. Both sides — the curator's word and the text's word — are reduced
the same way: the Snowball stemmer of the term's language, then a few derivational endings of
that language taken off the stem, so that an agent noun or a verb meets its noun (Snowball
leaves "inspector" and "notifi" apart from "inspect" and "notif"). Two words match when their
roots are equal. Adding a language is one line in each table below.
"""

import re
from functools import cache, lru_cache

import snowballstemmer

_STEMMERS = {"en": "english", "ru": "russian"}
# Endings taken off a stem, in this order, each at most once, when the root left is long enough.
_DERIVATIONS = {"en": ("or", "i"), "ru": ()}
_SHORTEST_ROOT = 4


class UnknownLanguage(ValueError):
    pass


@cache
def _stemmer(language: str):
    try:
        return snowballstemmer.stemmer(_STEMMERS[language])
    except KeyError:
        known = ", ".join(sorted(_STEMMERS))
        raise UnknownLanguage(f"no stemmer for language {language!r} (known: {known})") from None


@lru_cache(maxsize=100_000)
def root(word: str, language: str = "en") -> str:
    """The root of a lower-case word: equal roots mean the same word for a term."""
    stem = _stemmer(language).stemWord(word)
    for ending in _DERIVATIONS[language]:
        if stem.endswith(ending) and len(stem) - len(ending) >= _SHORTEST_ROOT:
            stem = stem[: -len(ending)]
    return stem


def anchor(word: str, language: str = "en") -> str:
    """A literal that every word with the same root begins with, as far as the stemmer's
    rewrites go: the part the word shares with its root, less the last letter, which stemmers
    rewrite (notify → notifi, possible → possibility)."""
    stem = root(word, language)
    shared = 0
    while shared < min(len(word), len(stem)) and word[shared] == stem[shared]:
        shared += 1
    return word[: max(min(shared, 3), shared - 1)] or word


# A plain word of a lexicon written for a stemming matcher: letters of the language's script,
# four or more (shorter ones are prepositions and conjunctions, kept literal), not all capitals
# (abbreviations inside a phrase are written as they occur).
_PLAIN_WORDS = {"ru": re.compile(r"(?<![\w*~])([а-яёА-ЯЁ]{4,})(?![\w*~])")}


def inflected(text: str, language: str) -> str:
    """A term in a lexicon whose plain words stand for their inflections (the Russian one:
    уведомление = уведомления, уведомлением …), in the registry's notation: each such word
    marked ~. Unchanged for a language that writes ~ itself."""
    pattern = _PLAIN_WORDS.get(language)
    if pattern is None:
        return text
    return pattern.sub(lambda m: m[0] if m[0].isupper() else m[0] + "~", text)


# English verb endings, for the notation's ``verb+``: a consonant, a vowel and a consonant at
# the end are doubled before -ed and -ing in a verb of one syllable (stop → stopped); in a
# longer one both are made (commit → committed, offer → offered: the wrong form never occurs);
# w, x and y are never doubled.
_EN_DOUBLED = re.compile(r"[^aeiou][aeiou][^aeiouwxy]$")
_EN_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")


def verb_forms(verb: str, language: str = "en") -> tuple[str, ...]:
    """A verb and its regular inflections, for the notation's ``verb+`` (suspend+ → suspend,
    suspends, suspended, suspending; notify+ → notifies, notified; stop+ → stopped, stopping).
    Only inflections, unlike ``~``, which also takes derivations ("organize~" is also
    "organization", "sever~" also "several"); irregular forms are written whole ("withdrew")."""
    if language != "en":
        raise UnknownLanguage(f"no verb inflections for language {language!r} (known: en)")
    forms = [verb]
    if re.search(r"[^aeiou]y$", verb):
        forms += [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
        return tuple(forms)
    forms.append(verb + ("es" if _EN_SIBILANT.search(verb) else "s"))
    if verb.endswith("ie"):
        return (*forms, verb + "d", verb[:-2] + "ying")
    if verb.endswith("e"):
        ing = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing"
        return (*forms, verb + "d", ing)
    if _EN_DOUBLED.search(verb):
        forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
        if len(re.findall(r"[aeiou]+", verb)) == 1:
            return tuple(forms)  # stop: "stoped" is no form, "scraped" another verb's
    return (*forms, verb + "ed", verb + "ing")
