"""The position finder's data: its curated small words, the specs it is compiled from,
what it finds, and the text helpers its rules share. Plain Python, no Django."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass

from ..matching import _NOT_SENTENCE_END, _SENTENCE_BREAK

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
      for the instrument the text named last ("the treaty", "this agreement", "договор"), or
      for the one the paragraph names next when the text has named none before;
    - groups: one of the two words before an actor named in an oblique case that make it act
      through its people ("группа специалистов из Канады", "представители США");
    - barriers: words a negation does not reach across ("не ответил на инициативу");
    - joiners: words that join two actors acting together ("India and Pakistan"; with commas);
    - speakers: words that attribute what is said ("said", "сказал", "заявил", "сообщает"):
      an actor right next to one, after a cue that has no actor of its own in its sentence, is
      who takes the stance ("… приглашены на учения, сообщает Минобороны Белоруссии");
    - accused: words of accusation cues whose subject is the accused, not the accuser
      ("Poland failed to notify", "NATO's breach of the Treaty", "Действия США наносят ущерб"):
      the accuser is the speaker, else the sentence's other actor who acts, else the subject
      carried over — never the accused; an actor with a speaker word between it and the cue is
      the accuser as usual ("Moscow has claimed this would violate");
    - modals: words of duty, possibility or threat ("shall", "must", "obliged", "обязаны",
      "может", "пригрозила"): a cue within reach after one states a duty, not a deed ("are
      obliged to invite observers"), or a possibility, not a position ("может выйти");
    - addressed: words of demand cues whose subject is the one asked, not who asks ("Russia
      needs to provide an explanation", "НАТО должно отказаться", "… Kuleba said"): who
      demands is found as for an accused subject — the speaker, else another actor who acts,
      else the subject carried over — never the one asked;
    - organs: words that make a document's publisher an actor's own organ ("ministry",
      "department", "mission", "МИД"): the actor its name names next to one ("U.S. Department
      of State", "Ministry of Defence of Serbia") is the document's own voice;
    - selves: words by which a publisher speaks of itself ("we", "our", "the ministry"): a
      cue with no actor of its own after one in its sentence is the publisher's, when the
      publisher is an actor's organ ("We have invited observers", in a ministry's statement);
    - clauses: words that open another clause ("which", "while", "after", "but", "который"):
      an actor named before one is not the subject of a cue after it ("the pact, signed by the
      United States and the Soviet Union, was terminated after the country suspended …"); the
      cue's subject is then a pronoun's (the text's subject) or an actor of its own clause, and
      no subject is carried over to it. A sentence that names no actor takes the text's subject
      only through a pronoun or a self word before its cue ("It refused"), never a bare cue
      ("The treaty was signed in 2010");
    - plurals: words by which a clause speaks of several parties it does not name ("both
      sides", "the two leaders", "each other", "обе стороны"): the one subject the text spoke of
      before is not carried over to a cue in it (nor is it to a clause about an instrument,
      one with an anaphor: "The treaty requires …");
    - infinitives: word endings of an infinitive in a language that marks it so (Russian
      "-ть", "-ться"): a cue in the infinitive after a proposal or a demand is what is proposed
      or demanded, not a stance of its own ("предложила членам НАТО присоединиться"), as a cue
      after "to" is in English;
    - heads: nouns an actor's adjective is named with in its curated terms ("side", "officials",
      "сторона"): a word before "and" (or after it) that, with one of them, makes an actor's
      term is that actor's adjective, and names it when joined to another actor's ("Russian and
      US servicemen", "Chinese and Indian troops", "российские и американские военные");
      alone, one written with a capital names its actor before a head, group or organ word
      within four words, before any cue ("Chinese troops", "Russian arms control inspectors");
    - partners: words before an actor after an agreeing or implementing cue that make it a
      party to the act ("China established a red phone with Russia", "signed an agreement
      with the Turkish army"): it takes the stance too, with the actors joined to it ("with
      China and Russia"), up to the next cue (POSITIONS.md rules 6-9, "each named party");
    - intents: words of threats, vows, warnings and things under consideration ("threatened",
      "vowed", "is considering", "may", "could"): a cue within reach after one is no position
      (POSITIONS.md rule 10: "threatened to scrap the pact", "may withdraw"), whatever its
      stance but an accusation ("could violate the treaty" still accuses);
    - pairs: words right after the object of an agreeing or implementing cue whose sentence names
      no one who acts ("Agreement was reached to set up a hotline between Peking and Moscow",
      "a direct line between Ankara and Athens"): the actors after one, with those joined to
      them, are the act's parties and take its stance (POSITIONS.md rules 6-9);
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
    speakers: frozenset = frozenset()
    accused: frozenset = frozenset()
    modals: frozenset = frozenset()
    addressed: frozenset = frozenset()
    organs: frozenset = frozenset()
    selves: frozenset = frozenset()
    clauses: frozenset = frozenset()
    plurals: frozenset = frozenset()
    infinitives: frozenset = frozenset()
    heads: frozenset = frozenset()
    partners: frozenset = frozenset()
    intents: frozenset = frozenset()
    pairs: frozenset = frozenset()
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
    "speakers",
    "accused",
    "modals",
    "addressed",
    "organs",
    "selves",
    "clauses",
    "plurals",
    "infinitives",
    "heads",
    "partners",
    "intents",
    "pairs",
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
    # the target (as TargetSpan.target) whose own act the cue is ("met" for military
    # contacts), or None: a cue of every target
    only: Hashable | None = None


@dataclass(frozen=True)
class TargetSpan:
    start: int
    end: int
    target: Hashable  # e.g. ("measure_type", 7)
    # the broader targets this one is a kind of (its parent measure types): an actor's stance on
    # "a challenge inspection" is not also one on "inspection", when both are named
    broader: frozenset = frozenset()
    # a proximity term's match ("the Treaty … will conduct an inspection"): the words between its
    # two groups are the sentence's own, so a cue among them is an act, not part of a name
    loose: bool = False


@dataclass(frozen=True)
class FoundPosition:
    actor: Hashable
    stance: str
    target: Hashable
    start: int  # the span from the cue (or the actor, when in the sentence) to the target
    end: int
    cue: Hashable
    # the actor term that named the actor in the sentence (None: the subject carried over, the
    # publisher, or the actor's own name), for a curator to see which words were read as whom
    actor_term: Hashable = None


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


def _capital_words(term_text: str) -> set[str]:
    """The words a term writes in capitals ("МИД" and "РФ" of "МИД России/РФ"): a name the
    text writes so is no dateline."""
    words = set()
    for chunk in term_text.replace("[", " ").replace("]", " ").split():
        for alternative in chunk.split("/"):
            literal = alternative.rstrip("*~")
            if literal.isupper():
                words.add(literal)
    return words


def _without_repeats(text, actors):
    """An abbreviation in brackets after the full name ("the Organization for Security and
    Co-operation in Europe (OSCE)") is the same mention: it takes no role of its own. Nor does
    a name inside another actor's longer name ("Sudan" in "South Sudan")."""
    kept = []
    for actor in actors:
        if kept and kept[-1].target == actor.target and text[kept[-1].end : actor.start] == " (":
            continue
        kept.append(actor)
    return [
        a
        for a in kept
        if not any(
            o.start <= a.start and a.end <= o.end and o.end - o.start > a.end - a.start
            for o in kept
            if o.target != a.target
        )
    ]


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
