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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date

from ..matching import Matcher, TermSpec, merge_overlapping
from .actors import ActorRules
from .acts import _SPREAD, ActRules
from .clauses import ClauseRules
from .history import as_of
from .owners import OwnerRules
from .stances import _INFINITIVE, StanceRules, _accepts_a_refusal
from .words import (
    _TOKEN,
    CueSpec,
    FoundPosition,
    PositionWords,
    TargetSpan,
    _capital_words,
    _is_instrument,
    _unique,
    _without_repeats,
    _written_words,
    sentence_spans,
)

# Stances of what another cue right before responds to ("rejected the proposal"): not the
# responder's own
_RESPONDED_TO = ("proposes", "demands")
# Stances of a decision an implementing cue before it may announce ("notified allies he will
# withdraw"): the announcement implements nothing
_ANNOUNCED = ("suspends", "accepts", "rejects")
# Stances whose cue may take another's deed as its object ("accepted the invitation")
_ANSWERS = ("accepts", "rejects")
# Stances every party an act is done with shares ("agreed with", "set up a hotline with")
_SHARED = ("accepts", "implements")


class PositionFinder(ActorRules, ActRules, ClauseRules, OwnerRules, StanceRules):
    """Compiled once from actor terms (TermSpec with an actor as target), stance cues and the
    curated small words of their language."""

    def __init__(
        self,
        actor_terms: Iterable[TermSpec],
        cues: Iterable[CueSpec],
        words: PositionWords | None = None,
        language: str = "en",
        continuations: Mapping[Hashable, tuple[Hashable, date]] | None = None,
    ):
        actor_terms = list(actor_terms)
        # {actor: (the state it continues, since when)}: Russia continues the Soviet Union
        self.continuations = dict(continuations or {})
        # A name, term or cue stored before a rule it breaks is left out (listed in the
        # matcher's skipped), not a failure of every document's positions.
        self.actors = Matcher(actor_terms, skip_invalid=True)
        self.written = {t.key: _written_words(t.text) for t in actor_terms}
        self.capitals = {t.key for t in actor_terms if t.kind == "abbreviation" or t.text.isupper()}
        # the words each term writes in capitals itself ("МИД", "РФ" of "МИД России/РФ")
        self.capital_words = {t.key: _capital_words(t.text) for t in actor_terms}
        self.words = words or PositionWords()
        self._adjectives: dict = {}  # word → (actor, term) of an actor's adjective, as read
        self.cues = {cue.key: cue for cue in cues}
        self.cue_matcher = Matcher(
            (
                TermSpec(c.key, c.key, c.kind, c.text, c.near, c.window, language=language)
                for c in self.cues.values()
            ),
            skip_invalid=True,
        )

    def find_document(
        self,
        paragraphs: Sequence[tuple[str, Sequence[TargetSpan]]],
        publisher: str = "",
        published: date | None = None,
    ) -> list[list[FoundPosition]]:
        """Positions of each paragraph of one document, in order (the subject carries over).
        A publisher that is an actor's own organ takes the stances of sentences that speak of
        it as themselves ("We invited …", "The ministry notified …" in a statement of the
        Ministry of Defence of Serbia) and name no actor who takes them. A continuing state's
        act dated before it took over is its predecessor's (history.as_of; published: the
        document's date, for sentences that write no year)."""
        subject: list[Hashable] = []
        publisher_actors = self.publisher_actors(publisher)
        instrument: TargetSpan | None = None
        found = []
        for text, targets in paragraphs:
            targets, instrument = self._with_anaphors(text, targets, instrument)
            positions, subject = self._paragraph(text, targets, subject, publisher_actors)
            if self.continuations:
                positions = as_of(positions, text, targets, self.continuations, published)
            found.append(positions)
        return found

    def _with_anaphors(self, text, targets, last):
        """The targets, with "the treaty", "this agreement", "договор" standing for the
        instrument the text named last (in this paragraph or one before), or, when it has named
        none yet, the one this paragraph names next; and the last one named."""
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
            # a lead that names it only later ("The decision to withdraw from the treaty was
            # made … the Open Sky Treaty"): the text has named none it could stand for
            later = [t for t in named if t.start >= end][:1]
            source = earlier[-1] if earlier else last or (later[0] if later else None)
            if source is not None:
                added.append(TargetSpan(start, end, source.target, source.broader))
        if named:
            last = named[-1]
        if not added:
            return targets, last
        return sorted([*targets, *added], key=lambda t: (t.start, t.end)), last

    def find(
        self, text: str, targets: Sequence[TargetSpan], publisher: str = ""
    ) -> list[FoundPosition]:
        return self.find_document([(text, targets)], publisher)[0]

    # -- one paragraph ----------------------------------------------------------------------

    def _paragraph(self, text, targets, subject, publisher=()):
        matches = self.cue_matcher.find(text)  # once a paragraph: actors and cues read them
        # A name in capitals that its term does not write so is a dateline ("РИГА, 22 авг —",
        # "GENEVA --"): a place, not an actor.
        named = merge_overlapping(self.actors.find(text))
        actors = [
            a
            for a in _without_repeats(text, self.with_adjectives(text, named, matches))
            if (
                a.term in self.capitals
                or not text[a.start : a.end].isupper()
                or set(_TOKEN.findall(text[a.start : a.end])) <= self.capital_words[a.term]
            )
            and not self._names_members(text, a)
        ]
        cues, acts = self._cues(text, matches), self._act_cues(text, matches)
        results: dict[tuple, FoundPosition] = {}
        spans = sentence_spans(text)
        for number, (s_start, s_end) in enumerate(spans):
            acted: list[Hashable] = []
            said_to = self._speech_end(text, spans, number)
            in_sentence = [
                t
                for t in targets
                if s_start <= t.start and t.end <= s_end and not self._frame(text, t, cues)
            ]
            # Words a target spans are its name ("the number of US troops"), unless the span
            # holds an actor and a cue after it: a clause the matcher's word groups reach across
            # ("… Российская Федерация планирует выполнить наблюдательный полет").
            # What such a clause is about starts after its last cue: the cue governs it.
            names = []
            for number, target in enumerate(in_sentence):
                inner = self._clause_cues(text, target, actors, cues)
                if inner:
                    in_sentence[number] = TargetSpan(inner[-1].end, target.end, target.target)
                else:
                    names.append(target)
            sentence_actors = [
                a
                for a in actors
                if s_start <= a.start
                and a.end <= s_end
                # one that starts the target's words is its subject ("американские
                # инспекторы проведут", where the matcher read "inspectors" as the measure)
                and not any(
                    t.start <= a.start and a.end <= t.end and a.start > t.start for t in names
                )
            ]
            # A cue inside a target's words is part of its name ("restrictions on the conduct
            # of exercises"); one the target starts with governs it ("invited observers"); one
            # between a proximity term's two groups is the sentence's act ("… по открытому небу
            # с 27 февраля проведут наблюдательный полет").
            sentence_cues = [
                c
                for c in cues
                if s_start <= c.start
                and c.end <= s_end
                and not any(
                    t.start < c.start and c.end <= t.end and not self._act_in(text, t, c)
                    for t in names
                )
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
            sentence_cues = self._infinitives_governed(text, merged, in_sentence)
            ends = [c.end for c in sentence_cues]
            # the actors of the next sentence when it only says who said this one
            following = [a for a in actors if s_end <= a.start and a.end <= said_to]

            for index, cue in enumerate(sentence_cues):
                later = sentence_cues[index + 1 :]
                governed = self._targets_of(text, sentence_cues, index, in_sentence)
                if (
                    not governed
                    and later
                    and self._close(text[cue.end : later[0].start])
                    # "notified allies he will withdraw from the treaty": what is announced is
                    # the other act; the announcement implements nothing
                    and not (cue.stance == "implements" and later[0].stance in _ANNOUNCED)
                ):
                    # "will reject Moscow's proposal of a moratorium": what the next cue is about;
                    # but "signed a decree on suspending the treaty" does not accept the treaty
                    governed = [
                        t
                        for t in self._targets_of(text, sentence_cues, index + 1, in_sentence)
                        if not _accepts_a_refusal(cue, later[0], t)
                    ]
                if not governed and cue.stance in _ANSWERS and later:
                    # "The Trump administration rejected the initiative": an offer told before
                    governed = self._answered(text, cue, later[0], results, targets, s_start)
                stop = later[0].start if later else s_end
                if not governed and cue.stance != "implements":
                    # "suspend Russia's obligations under the New START treaty", "urged Russia
                    # to return to compliance with the treaty": with nothing else to speak of,
                    # a stance other than doing speaks of the instrument framed after it
                    governed = [
                        t
                        for t in targets
                        if cue.end <= t.start
                        and t.end <= stop
                        and self._frame(text, t, cues)
                        and len(_TOKEN.findall(text[cue.end : t.start])) <= 6
                    ][:1]
                if not governed:
                    continue
                who = (
                    self._actors_for(
                        text, cue, sentence_actors, ends, stop, in_sentence, said_to, following
                    )
                    or (publisher and self._self_before(text, s_start, cue) and list(publisher))
                    # "The treaty, which was signed in 2010, …": a passive that names no agent
                    # says nothing of who acted, whoever the text spoke of before; and a clause
                    # speaks of the text's subject only through a pronoun ("It refused")
                    or (
                        []
                        if self._passive(text, cue, in_sentence, sentence_actors)
                        or self._other_subject(text, s_start, cue, sentence_actors, sentence_cues)
                        else subject
                    )
                )
                previous = sentence_cues[index - 1] if index else None
                if (
                    previous is not None
                    and previous.stance != cue.stance
                    and self._close(text[previous.end : cue.start])
                    and (
                        cue.stance in _RESPONDED_TO
                        # "had accepted the invitation": whose invitation it was is not said
                        or (
                            cue.stance == "implements"
                            and previous.stance in _ANSWERS
                            and not _INFINITIVE.search(text[previous.end : cue.start])
                            and not any(
                                previous.end <= a.start and a.end <= cue.start
                                for a in sentence_actors
                            )
                        )
                    )
                ):
                    # "NATO ignores the Russian proposals", "will reject Moscow's proposal": a
                    # proposal or demand another stance's cue responds to is not its subject's;
                    # its own actor is one named between the two, if any, that may act
                    # ("направив России запрос": Russia, in the dative, is whom it is sent to)
                    who = _unique(
                        a.target
                        for a in sentence_actors
                        if previous.end <= a.start and a.end <= cue.start and self._may_act(text, a)
                    ) or self._owner(text, cue, sentence_actors, stop)
                if self._names_the_accused(text, cue, sentence_actors, who):
                    who = self._accuser(
                        text, cue, sentence_actors, who, subject, said_to, following
                    )
                if not who and cue.stance in _SHARED:
                    who = self._pair(text, governed, sentence_actors, stop)
                if who:
                    acted = who
                    if cue.stance in _SHARED:
                        who = [*who, *self._partners(text, cue, sentence_actors, stop, who)]
                # an enumeration the cue governs is as near as its nearest item
                closest = min(governed, key=lambda t: abs(t.start - cue.end))
                for actor in who:
                    named = [a for a in sentence_actors if a.target == actor]
                    nearest = min(named, key=lambda a: abs(a.start - cue.start)) if named else cue
                    reach = [cue, closest, nearest]
                    if max(w.end for w in reach) - min(w.start for w in reach) > _SPREAD:
                        continue  # actor, cue and target far apart: too loose to suggest
                    for target in governed:
                        first = min([cue.start, target.start, nearest.start])
                        last = max([cue.end, target.end, nearest.end])
                        key = (actor, cue.stance, target.target)
                        if key not in results:
                            term = nearest.term if named else None
                            results[key] = FoundPosition(
                                actor, cue.stance, target.target, first, last, cue.key, term
                            )
                self._owned_inside(text, cue, sentence_actors, stop, governed, results)
            if acts:
                self._acts(text, (s_start, s_end), acts, actors, targets, sentence_cues, results)
            if acted:
                subject = acted  # who took a stance last is whom the text goes on about
            elif sentence_actors:
                subject = self._subject_of(text, sentence_actors) or subject
        self._framed(text, targets, results, cues)
        return self._most_specific(results, targets), subject
