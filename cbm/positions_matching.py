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

# Words, with "n't" a word of its own ("can't" → can, n't); ’ is read as ' for negations.
_TOKEN = re.compile(r"n't|\w+?(?=n't)|\w+")
_JOIN_TOKEN = re.compile(r"&|,|\w+")
# The word before a name, skipping "the" and a year or number ("under the 2011 Vienna Document").
_LAST_WORDS = re.compile(r"(\w+)\W*(?:the\s+)?\W*(?:\d[\d.]*\s+)?$", re.IGNORECASE)
# How far from a cue, in characters, the target before it ("the CFE Treaty, which Russia
# suspended") or the actor after it ("the invitation of the Russian Defence Ministry") it takes
# when it has none on the usual side may be; one further away is seldom what it speaks of.
_REACH = 60
_PLAIN_WORDS = re.compile(r"[\w\s'’-]*")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_LINK_TO = re.compile(r"^\s*(?:\w+ly\s+)?to\s+(?:\w+ly\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class PositionWords:
    """The small words that decide how an actor, a cue and a target combine; curated per
    language (PositionWord rows, fixtures/registry/stance_cues.yaml), never constants here.

    - negations: turn the cue they stand just before (within negation_reach words) into its
      negated stance ("not ready to discuss" rejects);
    - objects: an actor right after one is the object of what precedes, not who acts
      ("notified the United States"), unless it is a possessive ("with Russia's suspension");
    - frames: an instrument right after one is the frame of what is done, not its object
      ("inspected under the Vienna Document");
    - agents: an actor right after one, after the cue, is who acts ("proposed by Eisenhower");
    - pronouns: a pronoun just before the cue stands for the sentence's (or the text's) subject
      ("it refused");
    - passives: right before a cue that ends as a participle does (participles: word endings
      such as "ed"), make the actor before it its object ("Latvia was invited"): who acts is the
      agent after it, or the text's subject; "is ready", "is against" are no passives;
    - members: words right after an actor's name that make it name its members, who are not
      the actor ("OSCE participating States");
    - anaphors: nouns that, after one of the determiners (when the language has them), stand
      for the instrument the text named last ("the treaty", "this agreement", "договор");
    - groups: one of the two words before an actor named in an oblique case that make it act
      through its people ("группа специалистов из Канады", "представители США");
    - barriers: words a negation does not reach across ("не ответил на инициативу");
    - joiners: words that join two actors acting together ("India and Pakistan"; with commas);
    - nominative, oblique, instrumental: word endings that tell an actor's case in an inflected
      language (Russian). An actor in an oblique case ("разрешение России", "из Латвии") is not
      who acts, unless a speaker word stands before it ("по словам Лаврова"); one in the
      instrumental after the cue is its agent ("инициированные Украиной"). The ending is what
      the text's word adds to the term's written word (Росси|я → Росси|ей; Путин* → Путин|а);
      the longest ending listed decides, nominative first when both list it.
    """

    negations: frozenset = frozenset()
    objects: frozenset = frozenset()
    frames: frozenset = frozenset()
    agents: frozenset = frozenset()
    pronouns: frozenset = frozenset()
    passives: frozenset = frozenset()
    participles: frozenset = frozenset()
    nominative: frozenset = frozenset()
    oblique: frozenset = frozenset()
    instrumental: frozenset = frozenset()
    joiners: frozenset = frozenset()
    barriers: frozenset = frozenset()
    members: frozenset = frozenset()
    anaphors: frozenset = frozenset()
    determiners: frozenset = frozenset()
    groups: frozenset = frozenset()
    negation_reach: int = 3

    @classmethod
    def from_lists(cls, lists: dict, negation_reach: int = 3) -> PositionWords:
        """From {role: [word, …]}, roles named as the fields."""
        words = {role: frozenset(w.lower() for w in lists.get(role, ())) for role in ROLES}
        return cls(**words, negation_reach=negation_reach)


ROLES = (
    "negations",
    "objects",
    "frames",
    "agents",
    "pronouns",
    "passives",
    "participles",
    "nominative",
    "oblique",
    "instrumental",
    "joiners",
    "barriers",
    "members",
    "anaphors",
    "determiners",
    "groups",
)


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
    """Compiled once from actor terms (TermSpec with an actor as target), stance cues and the
    curated small words of their language."""

    def __init__(
        self,
        actor_terms: Iterable[TermSpec],
        cues: Iterable[CueSpec],
        words: PositionWords | None = None,
        language: str = "en",
    ):
        actor_terms = list(actor_terms)
        self.actors = Matcher(actor_terms)
        self.written = {t.key: _written_words(t.text) for t in actor_terms}
        self.capitals = {t.key for t in actor_terms if t.kind == "abbreviation" or t.text.isupper()}
        self.words = words or PositionWords()
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
        instrument: TargetSpan | None = None
        found = []
        for text, targets in paragraphs:
            targets, instrument = self._with_anaphors(text, targets, instrument)
            positions, subject = self._paragraph(text, targets, subject)
            found.append(positions)
        return found

    def _with_anaphors(self, text, targets, last):
        """The targets, with "the treaty", "this agreement", "договор" standing for the
        instrument the text named last (in this paragraph or one before); and that one."""
        words = self.words
        targets = sorted(targets, key=lambda t: (t.start, t.end))
        if not words.anaphors:
            return targets, last
        named = [t for t in targets if _is_instrument(t)]
        added = []
        for found in _TOKEN.finditer(text):
            if found.group().lower() not in words.anaphors:
                continue
            start, end = found.span()
            if any(t.start < end and start < t.end for t in targets):
                continue  # part of a name the matcher found ("the CFE Treaty")
            before = _TOKEN.findall(text[max(0, start - 20) : start].lower())[-1:]
            if words.determiners and not (before and before[0] in words.determiners):
                continue  # "a new treaty" is another one
            earlier = [t for t in named if t.end <= start]
            source = earlier[-1] if earlier else last
            if source is not None:
                added.append(TargetSpan(start, end, source.target))
        if named:
            last = named[-1]
        if not added:
            return targets, last
        return sorted([*targets, *added], key=lambda t: (t.start, t.end)), last

    def find(self, text: str, targets: Sequence[TargetSpan]) -> list[FoundPosition]:
        return self.find_document([(text, targets)])[0]

    # -- one paragraph ----------------------------------------------------------------------

    def _paragraph(self, text, targets, subject):
        # A name in capitals that its term does not write so is a dateline ("РИГА, 22 авг —",
        # "GENEVA --"): a place, not an actor.
        actors = [
            a
            for a in _without_repeats(text, merge_overlapping(self.actors.find(text)))
            if (a.term in self.capitals or not text[a.start : a.end].isupper())
            and not self._names_members(text, a)
        ]
        cues = self._cues(text)
        results: dict[tuple, FoundPosition] = {}
        for s_start, s_end in sentence_spans(text):
            acted: list[Hashable] = []
            in_sentence = [
                t
                for t in targets
                if s_start <= t.start
                and t.end <= s_end
                and not (_is_instrument(t) and _word_before(text, t.start) in self.words.frames)
            ]
            sentence_actors = [
                a
                for a in actors
                if s_start <= a.start
                and a.end <= s_end
                and not any(t.start <= a.start and a.end <= t.end for t in in_sentence)
            ]
            # A cue inside a target's words is part of its name ("restrictions on the conduct
            # of exercises"); one the target starts with governs it ("invited observers").
            sentence_cues = [
                c
                for c in cues
                if s_start <= c.start
                and c.end <= s_end
                and not any(t.start < c.start and c.end <= t.end for t in in_sentence)
            ]
            # "accusations that Moscow was the first to violate the agreement": what an
            # accusation says the accused did is no accusation of the accused's own
            merged = []
            for cue in sentence_cues:
                previous = merged[-1] if merged else None
                if (
                    previous is not None
                    and previous.stance == cue.stance == "accuses"
                    and not any(previous.end <= t.start < cue.start for t in in_sentence)
                ):
                    continue
                merged.append(cue)
            sentence_cues = merged
            ends = [c.end for c in sentence_cues]

            for number, cue in enumerate(sentence_cues):
                later = sentence_cues[number + 1 :]
                governed = self._targets_of(text, sentence_cues, number, in_sentence)
                if not governed and later and self._close(text[cue.end : later[0].start]):
                    # "will reject Moscow's proposal of a moratorium": what the next cue is about
                    governed = self._targets_of(text, sentence_cues, number + 1, in_sentence)
                if not governed:
                    continue
                stop = later[0].start if later else s_end
                who = (
                    self._actors_for(text, cue, sentence_actors, ends, stop, in_sentence) or subject
                )
                if who:
                    acted = who
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
            if acted:
                subject = acted  # who took a stance last is whom the text goes on about
            elif sentence_actors:
                subject = self._subject_of(text, sentence_actors) or subject
        return list(results.values()), subject

    def _targets_of(self, text, cues, number, in_sentence) -> list[TargetSpan]:
        """What the sentence's cue number speaks of, of the sentence's targets."""
        cue, later = cues[number], cues[number + 1 :]
        governed = self._governed(cue, later, in_sentence)
        # Where a sentence names a measure, what is implemented is the measure; the
        # instrument is its frame ("notified … under the Vienna Document").
        if cue.stance == "implements" and any(not _is_instrument(t) for t in in_sentence):
            governed = [t for t in governed if not _is_instrument(t)]
            if not governed:  # "will visit the exercise by Lithuania’s invitation"
                governed = self._governed(cue, later, in_sentence, before_only=True)
        # "a moratorium on missiles formerly banned by the INF Treaty": an instrument after the
        # measure the cue governs qualifies it; the measure is the target (one in brackets
        # right after it is the measure's own name: "… на море (INCSEA)")
        measures = [t.end for t in governed if not _is_instrument(t)]
        if measures and governed[0].start >= cue.start:
            first = min(measures)
            governed = [
                t
                for t in governed
                if not (
                    _is_instrument(t) and t.start >= first and text[first : t.start].strip() != "("
                )
            ]
        return governed

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
            if self._negated(text, match.start):
                stance = spec.negated_stance
                if not stance:
                    continue
            between = text[cues[-1].end : match.start] if cues else ""
            if cues and (_LINK_TO.match(between) or (between and not between.strip())):
                continue  # "agreed to halt", "обязуются сообщать": the first verb says the stance
            cues.append(_Cue(match.start, match.end, stance, match.term))
        return cues

    def _negated(self, text: str, start: int) -> bool:
        """A negation within reach before the cue, with no barrier between ("не ответил на
        инициативу": the initiative stands)."""
        before = _TOKEN.findall(text[max(0, start - 40) : start].lower().replace("’", "'"))
        for word in reversed(before[-self.words.negation_reach :]):
            if word in self.words.negations:
                return True
            if word in self.words.barriers:
                return False
        return False

    @staticmethod
    def _close(between: str) -> bool:
        """At most three plain words between two cues ("reject Moscow's proposal")."""
        return bool(_PLAIN_WORDS.fullmatch(between)) and len(_TOKEN.findall(between)) <= 3

    @staticmethod
    def _governed(cue, later_cues, targets, before_only=False) -> list[TargetSpan]:
        """The targets the cue speaks of: those overlapping it ("invited observers") or after
        it up to the next cue; else the nearest before it."""
        stop = later_cues[0].start if later_cues else None
        governed = [
            t
            for t in targets
            if not before_only
            and (
                (t.start < cue.end and t.end > cue.start)
                or (t.start >= cue.end and (stop is None or t.start < stop))
            )
        ]
        if governed:
            # "notify each other in advance of missile tests": the most specific target only
            return [
                t
                for t in governed
                if not any(
                    o is not t
                    and o.start <= t.start
                    and t.end <= o.end
                    and (o.end - o.start) > (t.end - t.start)
                    and _is_instrument(o) == _is_instrument(t)
                    for o in governed
                )
            ]
        before = [
            t
            for t in targets
            if t.end <= cue.start and cue.start - t.end <= _REACH and not _is_instrument(t)
        ]
        if not before_only:
            before = [t for t in targets if t.end <= cue.start and cue.start - t.end <= _REACH]
        return [max(before, key=lambda t: t.end)] if before else []

    def _actors_for(self, text, cue, actors, cue_ends, stop, targets=()) -> list[Hashable]:
        words = self.words

        def before_word(actor):
            return _word_before(text, actor.start, cue_ends)

        def possessive(actor):
            return bool(_POSSESSIVE.match(text[actor.end : actor.end + 2]))

        def acts(actor):
            word = before_word(actor)
            if word in words.agents:
                return True  # "по словам Лаврова": the speaker, whatever the case
            if self._case(text, actor) in ("oblique", "instrumental"):
                # "разрешение России", "из Латвии" do not act; "группа специалистов из
                # Канады", "представители США" do: the group acts for its country
                near = _TOKEN.findall(text[max(0, actor.start - 40) : actor.start].lower())
                return any(w in words.groups for w in near[-2:])
            return possessive(actor) or (word not in words.objects and word != "<cue>")

        # "proposed … by U.S. President Eisenhower": the agent of a passive, up to the next cue
        agents = [a for a in actors if cue.end <= a.start < stop and before_word(a) in words.agents]
        if agents:
            return [agents[0].target]
        subjects = [a for a in actors if acts(a)]
        before = [a for a in subjects if a.end <= cue.start]
        if before and self._pronoun_before(text, before[-1].end, cue.start):
            return self._subject_of(text, before)  # "Russia ignored …, and it refused"
        if self._passive(text, cue, targets):
            before = []  # "observers from Latvia were invited": Latvia did not invite
        if before:
            group = [before[-1]]
            for previous in reversed(before[:-1]):
                same_words = previous.start == group[-1].start  # "the two Koreas": both
                if same_words or self._joined(text[previous.end : group[-1].start]):
                    group.append(previous)
                else:
                    break
            return _unique(a.target for a in group)
        # "инициированные Украиной": an actor in the instrumental after the cue is its agent
        after = [
            a
            for a in actors
            if cue.end <= a.start <= cue.end + _REACH
            and (
                acts(a)
                or (self._case(text, a) == "instrumental" and before_word(a) not in words.objects)
            )
        ]
        return [after[0].target] if after else []

    def _names_members(self, text, actor) -> bool:
        """ "each OSCE state pledged", "OSCE participating States": the organisation's members,
        not the organisation (a members word right after the name)."""
        following = _TOKEN.findall(text[actor.end : actor.end + 30].lower())[:1]
        return bool(following) and following[0] in self.words.members

    def _joined(self, between: str) -> bool:
        """Two actors with only a comma or joining words between them act together ("India
        and Pakistan", "Москва и Пекин")."""
        tokens = _JOIN_TOKEN.findall(between.lower())
        if not tokens or len(between) > 20 or _JOIN_TOKEN.sub("", between).strip():
            return False  # "STOCKHOLM, SWEDEN — The United States": no joining
        return all(t == "," or t in self.words.joiners for t in tokens)

    def _passive(self, text, cue, targets=()) -> bool:
        verb = _TOKEN.findall(text[cue.start : cue.end].lower())[:1]
        if not verb or not verb[0].endswith(tuple(self.words.participles)):
            return False
        if any(t.end <= cue.start and not text[t.end : cue.start].strip() for t in targets):
            return True  # "any military exercises organized in Crimea": who organised is not said
        words = _TOKEN.findall(text[max(0, cue.start - 30) : cue.start].lower())[-2:]
        return any(word in self.words.passives for word in words)

    def _pronoun_before(self, text, start, cue_start) -> bool:
        """A pronoun among the three words before the cue, after the actor named last."""
        words = _TOKEN.findall(text[start:cue_start].lower())[-3:]
        return any(word in self.words.pronouns for word in words)

    def _subject_of(self, text, actors) -> list[Hashable]:
        """Whom the next sentences speak of: the first actor named as one who acts (with those
        joined to it)."""
        acting = [
            a
            for a in actors
            if _word_before(text, a.start) not in self.words.objects
            and self._case(text, a) not in ("oblique", "instrumental")
        ]
        if not acting:
            return []
        group = [acting[0]]
        for following in acting[1:]:
            same_words = following.start == group[-1].start
            if same_words or self._joined(text[group[-1].end : following.start]):
                group.append(following)
            else:
                break
        return _unique(a.target for a in group)

    def _case(self, text, actor) -> str:
        """The case an inflected language's actor is named in: "nominative", "oblique",
        "instrumental", or "" when its endings do not tell (and in languages without them)."""
        words = self.words
        if not (words.oblique or words.nominative or words.instrumental):
            return ""
        written = self.written.get(actor.term, ())
        for word in _TOKEN.findall(text[actor.start : actor.end].lower()):
            best = None
            for literal, mark in written:
                common = _common_prefix(word, literal)
                if common >= min(3, len(literal)) and (best is None or common > best[0]):
                    best = (common, literal, mark)
            if best is None:
                continue
            common, literal, mark = best
            stemmed = mark == "~"
            if mark != "*" and word == literal:
                continue  # as written: tells nothing ("Минобороны", "США")
            ending = word[len(literal) :] if word.startswith(literal) else word[common:]
            if not ending:
                return "nominative"  # "Путин" for Путин*
            for size in range(len(ending), 0, -1):
                tail = ending[-size:]
                if tail in words.nominative:
                    return "nominative"
                if tail in words.instrumental:
                    return "instrumental"
                if tail in words.oblique:
                    return "oblique"
            if stemmed:
                return "oblique"  # Москв|ы for Москва~: not as written
        return ""


def _common_prefix(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


def _written_words(term_text: str) -> list[tuple[str, str]]:
    """The words of an actor term as written, lower case, each with its mark: "~" (stands for
    its inflections; written in the nominative), "*" (a prefix) or "" (exact)."""
    words = []
    for chunk in term_text.lower().replace("[", " ").replace("]", " ").split():
        for alternative in chunk.split("/"):
            literal = alternative.rstrip("*~")
            if literal:
                words.append((literal, alternative[len(literal) :][:1]))
    return words


def _without_repeats(text, actors):
    """An abbreviation in brackets after the full name ("the Organization for Security and
    Co-operation in Europe (OSCE)") is the same mention: it takes no role of its own."""
    kept = []
    for actor in actors:
        if kept and kept[-1].target == actor.target and text[kept[-1].end : actor.start] == " (":
            continue
        kept.append(actor)
    return kept


def _is_instrument(target: TargetSpan) -> bool:
    kind = target.target[0] if isinstance(target.target, tuple) else None
    return kind == "instrument"


def _word_before(text: str, start: int, cue_ends=()) -> str:
    """The word before position start (skipping "the" and a year), or "<cue>" if a cue ends
    there."""
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


def _unique(items) -> list:
    return list(dict.fromkeys(items))
