"""Which language a text is written in: enough to choose the terms, the stemmer and the search
configuration. Pure Python, no Django.

Cyrillic texts are told apart by what only one language uses: letters (Ukrainian і ї є ґ,
Belarusian ў, Russian ы э ъ ё) and short function words, which outnumber the few foreign
letters of a quoted name ("учения в Івано-Франківській області" is still Russian). Latin texts
are taken as English, the only Latin-script language the registry has terms for.
"""

import re
from collections import Counter

LETTERS = {"uk": set("ґєії"), "ru": set("ыэъё"), "be": set("ў")}
WORDS = {
    "ru": {"и", "что", "это", "как", "от", "об", "был", "была", "были", "также", "его", "она"},
    "uk": {"і", "й", "та", "що", "це", "як", "від", "про", "був", "була", "також", "його", "вона"},
    "be": {"і", "што", "гэта", "як", "ад", "пра", "быў", "таксама", "яго"},
}
WORD = re.compile(r"\w+")
CYRILLIC = re.compile("[\u0400-\u04ff]")
# The languages the registry knows: code → name, for choices and labels.
LANGUAGES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian"}


def detect_language(text: str, default: str = "en") -> str:
    lowered = text.lower()
    if not CYRILLIC.search(lowered):  # the usual case, decided without counting every letter
        return "en" if re.search("[a-z]", lowered) else default
    letters = Counter(char for char in lowered if char.isalpha())
    cyrillic = sum(n for char, n in letters.items() if "\u0400" <= char <= "\u04ff")
    latin = sum(n for char, n in letters.items() if char.isascii())
    if cyrillic == 0 and latin == 0:
        return default
    if latin >= cyrillic:
        return "en"
    words = Counter(WORD.findall(lowered))
    scores = {
        language: sum(letters[char] for char in LETTERS[language])
        + 3 * sum(words[word] for word in WORDS[language])
        for language in ("ru", "uk", "be")
    }
    if letters["ў"]:  # only Belarusian has it
        return "be"
    return "uk" if scores["uk"] > scores["ru"] else "ru"
