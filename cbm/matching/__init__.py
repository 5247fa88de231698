"""The matcher: finds where curated terms occur in a text, in offsets of the original text.

Plain Python with no Django import, so it can be tested and benchmarked alone.

Term kinds and their notation (the same notation curators write in the admin):

phrase        Words matched case-insensitively as whole words. A space in the term matches any
              run of spaces, line breaks or hyphens; a hyphen also matches nothing ("on-site"
              matches "on site", "onsite"). ``word*`` matches the word and any ending
              (exercise* → exercises); ``a/b`` matches either word in that place
              (notify/notification); ``[word]`` may be absent; ``word~`` matches the word's
              inflections and close derivations (notify~ → notified, notification; see
              cbm/morphology.py), in the term's language; ``verb+`` an English verb's
              inflections only (suspend+ → suspends, suspended, suspending). Curly and
              straight quotes and apostrophes are the same.
abbreviation  Matched exactly as written, case-sensitive, as a whole word, with an optional
              plural s: "INF" matches "INF" and "INFs" but never "information" or "Inf".
proximity     Two word groups, each a list of phrases separated by ";", within ``window`` words
              of each other, in either order, inside one sentence. The span runs from the first
              to the last of the two.

Any term may name a *cue list* (phrases and abbreviations in the same notation): it then only
matches where one of those cues occurs in the same sentence, so a generic word ("inspection")
can be a term in an arms-control context without matching a tax inspection. A list's *reach*
may be widened: NEIGHBOURS also accepts a cue in the sentence just before or after (in the
same paragraph: a report names the Vienna Document in one sentence and the inspection in the
next), PARAGRAPH one anywhere before the next blank line. Offsets never change.

A term may also name an *unless* list (TermSpec.unless): the opposite, it does not match where
a cue of that list occurs within the list's reach, read exactly as for a needed cue (a cue that
overlaps the match counts): "advance notice" unless strategic forces are named in its sentence
(their exercises are another measure). A term may need one list and be stopped by another. A term without one matches as it always did.

How it is fast: every pattern contributes an *anchor* (its rarest literal word, or the stem
before a ``*``). One Aho-Corasick automaton finds all anchors in one pass over a folded copy
of the text (lower-cased, quotes and dashes unified, same length, so offsets carry over); a
second one finds abbreviations in the original text. Only where an anchor occurs is the
pattern verified, by a boundary check or an anchored regular expression.

The fast path, taken by every text whose separators are single characters (nearly all): a
*spaced* copy (folded, each separator one space) is scanned by one automaton whose keys run
from the anchor over the words that must follow it ("military information exchange", not
"information"), abbreviations and second groups included, so far fewer hits reach Python. A
hit is checked exactly as the portable path checks its anchor; find_portable() takes that path
alone, and the tests prove both return the same matches.

The fastest path, where Hyperscan is installed (see prefilter.py): Hyperscan databases of an
expression per pattern, and one per proximity term (its two groups within its window), report
which patterns and terms may occur in a text; a text where no phrase or abbreviation may, nor a
proximity term, is done (so is one where no such term's cue list may), and in the others only
the patterns a result reads are verified, as above. find() takes it; find_automaton() is the
Aho-Corasick path where Hyperscan is missing; find_portable() the portable path. The tests
(tests/test_matching_paths.py) prove the three return the same matches in the same order:
by span, equal spans in the order the terms were given.

Modules: text (folding, the spaced copy, words and sentences), notation (the term notation
compiled into anchors, keys and checks), scan (finding anchors and verifying them), prefilter
(the Hyperscan path: its expressions, its databases in presence, and verify, the verification of
what they report), matcher (the Matcher). Everything a caller needs is imported from
cbm.matching.
"""

from .finding import Match, merge_overlapping
from .matcher import Matcher, problem, validate
from .notation import (
    ABBREVIATION,
    PHRASE,
    PROXIMITY,
    TermSpec,
    TermSyntaxError,
    split_group,
)
from .text import (
    _NOT_SENTENCE_END,
    _SENTENCE_BREAK,
    NEIGHBOURS,
    PARAGRAPH,
    REACHES,
    SENTENCE,
    fold,
    sentence_around,
)

__all__ = [
    "ABBREVIATION",
    "NEIGHBOURS",
    "PARAGRAPH",
    "PHRASE",
    "PROXIMITY",
    "REACHES",
    "SENTENCE",
    "_NOT_SENTENCE_END",
    "_SENTENCE_BREAK",
    "Match",
    "Matcher",
    "TermSpec",
    "TermSyntaxError",
    "fold",
    "merge_overlapping",
    "problem",
    "sentence_around",
    "split_group",
    "validate",
]
