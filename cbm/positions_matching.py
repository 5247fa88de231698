"""The position finder: in one sentence, an actor, a stance cue and a target (a measure type or
an instrument the link matcher found) make a position — "Russia suspended the CFE Treaty".

Plain Python with no Django import, like cbm/matching.py, whose Matcher finds the actors (by
their curated terms) and the cues (curated per stance). The words are all data; what lives here
is only how they combine:

- Who: the actor named nearest before the cue in its sentence, with those joined to it by
  "and" or a comma ("India and Pakistan signed"); else the first actor after it ("the
  invitation of the Russian Defence Ministry"); else the one the text last spoke of — the
  speaker of a quotation ("…, the official said" after a named US official) or the subject of
  the paragraph, carried over across sentences and paragraphs of one document. Reported speech
  needs nothing special: "according to the United States, these demands are unacceptable" has
  the United States nearest before the cue. Actors named inside a target's words ("the number
  of US troops") are not its subject.
- Which stance: the cue's; a negation just before a cue turns it into the cue's negated stance
  (or drops it when it has none): "does not want to discuss" rejects. A cue directly followed
  by "to" and another cue governs it ("agreed to halt drills" accepts, it does not suspend).
- On what: the targets after the cue up to the next cue of the sentence; a cue with none after
  it takes the nearest target before it ("the CFE Treaty, which Russia suspended").
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .matching import _NOT_SENTENCE_END, _SENTENCE_BREAK, Matcher, TermSpec, merge_overlapping

# Words that negate the cue they stand just before (within NEGATION_REACH words), English and
# Russian (a word of one never occurs in the other).
NEGATIONS = frozenset("not n't never no without neither nor cannot не ни нет никогда без".split())
NEGATION_REACH = 3
_TOKEN = re.compile(r"n't|\w+")
_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&|as well as)\s*(?:the\s+)?$", re.IGNORECASE)
# An actor right after one of these is the object of what precedes, not who acts ("notified
# the United States", "the invitation of Russia"); after the cue, "by"/"from" name the agent.
OBJECT_MARKERS = frozenset("to with of on in at for against between than about into".split())
# An instrument right after one of these is the frame of what is done, not its object
# ("inspected under the Vienna Document"): no position on it.
FRAME_MARKERS = frozenset("under with by to according within pursuant per".split())
_LAST_WORDS = re.compile(r"(\w+)\W*(?:the\s+)?\W*$", re.IGNORECASE)
_LINK_TO = re.compile(r"^\s*(?:\w+ly\s+)?to\s+(?:\w+ly\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CueSpec:
    """One curated stance cue: what the finder needs of a StanceCue row."""

    key: Hashable
    stance: str
    kind: str
    text: str
    near: str = ""
    window: int = 4
    negated_stance: str = ""


@dataclass(frozen=True)
class TargetSpan:
    start: int
    end: int
    target: Hashable  # e.g. ("measure_type", 7)


@dataclass(frozen=True)
class FoundPosition:
    actor: Hashable
    stance: str
    target: Hashable
    start: int  # the span from the cue (or the actor, when in the sentence) to the target
    end: int
    cue: Hashable


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    stance: str
    key: Hashable


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, with the matcher's notion of a sentence end."""
    spans, start = [], 0
    for found in _SENTENCE_BREAK.finditer(text):
        position = found.start()
        if text[position] != "\n":
            word_start = position
            while word_start > 0 and (
                text[word_start - 1].isalnum() or text[word_start - 1] in "._"
            ):
                word_start -= 1
            if text[word_start:position].lower() in _NOT_SENTENCE_END:
                continue
        spans.append((start, found.end()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class PositionFinder:
    """Compiled once from actor terms (TermSpec with an actor as target) and stance cues."""

    def __init__(
        self, actor_terms: Iterable[TermSpec], cues: Iterable[CueSpec], language: str = "en"
    ):
        self.actors = Matcher(actor_terms)
        self.cues = {cue.key: cue for cue in cues}
        self.cue_matcher = Matcher(
            TermSpec(c.key, c.key, c.kind, c.text, c.near, c.window, language=language)
            for c in self.cues.values()
        )

    def find_document(
        self, paragraphs: Sequence[tuple[str, Sequence[TargetSpan]]]
    ) -> list[list[FoundPosition]]:
        """Positions of each paragraph of one document, in order (the subject carries over)."""
        subject: list[Hashable] = []
        found = []
        for text, targets in paragraphs:
            positions, subject = self._paragraph(text, targets, subject)
            found.append(positions)
        return found

    def find(self, text: str, targets: Sequence[TargetSpan]) -> list[FoundPosition]:
        return self.find_document([(text, targets)])[0]

    # -- one paragraph ----------------------------------------------------------------------

    def _paragraph(self, text, targets, subject):
        actors = merge_overlapping(self.actors.find(text))
        cues = self._cues(text)
        results: dict[tuple, FoundPosition] = {}
        for s_start, s_end in sentence_spans(text):
            in_sentence = [
                t
                for t in targets
                if s_start <= t.start
                and t.end <= s_end
                and not (_is_instrument(t) and _word_before(text, t.start) in FRAME_MARKERS)
            ]
            sentence_actors = [
                a
                for a in actors
                if s_start <= a.start
                and a.end <= s_end
                and not any(t.start <= a.start and a.end <= t.end for t in in_sentence)
            ]
            sentence_cues = [c for c in cues if s_start <= c.start and c.end <= s_end]
            for number, cue in enumerate(sentence_cues):
                governed = self._governed(cue, sentence_cues[number + 1 :], in_sentence)
                if not governed:
                    continue
                ends = [c.end for c in sentence_cues]
                who = _actors_for(text, cue, sentence_actors, ends) or subject
                for actor in who:
                    for target in governed:
                        first = min([cue.start, target.start])
                        last = max([cue.end, target.end])
                        named = [a for a in sentence_actors if a.target == actor]
                        if named:
                            nearest = min(named, key=lambda a: abs(a.start - cue.start))
                            first, last = min(first, nearest.start), max(last, nearest.end)
                        key = (actor, cue.stance, target.target)
                        if key not in results:
                            results[key] = FoundPosition(
                                actor, cue.stance, target.target, first, last, cue.key
                            )
            if sentence_actors:
                subject = _subject_of(text, sentence_actors)
        return list(results.values()), subject

    def _cues(self, text) -> list[_Cue]:
        """Cue matches with their stance after negation; a cue inside a longer one gives way,
        and a cue joined by "to" to the cue before it is governed by it."""
        raw = sorted(self.cue_matcher.find(text), key=lambda m: (m.start, -m.end))
        kept = []
        for match in raw:
            if any(k.start <= match.start and match.end <= k.end for k in kept):
                continue
            kept.append(match)
        cues: list[_Cue] = []
        for match in kept:
            spec = self.cues[match.target]
            stance = spec.stance
            if _negated(text, match.start):
                stance = spec.negated_stance
                if not stance:
                    continue
            if cues and _LINK_TO.match(text[cues[-1].end : match.start]):
                continue  # "agreed to halt": the first verb says the stance
            cues.append(_Cue(match.start, match.end, stance, match.term))
        return cues

    @staticmethod
    def _governed(cue, later_cues, targets) -> list[TargetSpan]:
        stop = later_cues[0].start if later_cues else None
        after = [t for t in targets if t.start >= cue.end and (stop is None or t.start < stop)]
        if after:
            return after
        before = [t for t in targets if t.end <= cue.start]
        return [max(before, key=lambda t: t.end)] if before else []


def _is_instrument(target: TargetSpan) -> bool:
    kind = target.target[0] if isinstance(target.target, tuple) else None
    return kind == "instrument"


def _negated(text: str, start: int) -> bool:
    before = _TOKEN.findall(text[max(0, start - 40) : start].lower())
    return any(word in NEGATIONS for word in before[-NEGATION_REACH:])


def _word_before(text: str, start: int, cue_ends=()) -> str:
    """The word before position start (skipping "the"), or "<cue>" if a cue ends there."""
    head = text[max(0, start - 40) : start]
    found = _LAST_WORDS.search(head)
    if found is None:
        return ""
    if any(0 <= start - end <= 5 and not text[end:start].strip(" the") for end in cue_ends):
        return "<cue>"
    word = found.group(1).lower()
    if word == "to" and re.search(r"according\s+to\W*(?:the\s+)?\W*$", head, re.IGNORECASE):
        return "according"  # the source of what is reported: its speaker
    return word


def _actors_for(text, cue, actors, cue_ends=()) -> list[Hashable]:
    subjects = [a for a in actors if _word_before(text, a.start, cue_ends) not in OBJECT_MARKERS]
    subjects = [a for a in subjects if _word_before(text, a.start, cue_ends) != "<cue>"]
    before = [a for a in subjects if a.end <= cue.start]
    if before:
        group = [before[-1]]
        for previous in reversed(before[:-1]):
            same_words = previous.start == group[-1].start  # "the two Koreas": both
            if same_words or _JOINER.match(text[previous.end : group[-1].start]):
                group.append(previous)
            else:
                break
        return _unique(a.target for a in group)
    after = [a for a in subjects if a.start >= cue.end]
    return [after[0].target] if after else []


def _subject_of(text, actors) -> list[Hashable]:
    """Whom the next sentences speak of: the first actor named (with those joined to it)."""
    group = [actors[0]]
    for following in actors[1:]:
        same_words = following.start == group[-1].start
        if same_words or _JOINER.match(text[group[-1].end : following.start]):
            group.append(following)
        else:
            break
    return _unique(a.target for a in group)


def _unique(items) -> list:
    return list(dict.fromkeys(items))
