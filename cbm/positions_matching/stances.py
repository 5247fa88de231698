"""Which stance, and on what: the rules that read a cue (negation, a duty, a cue governed by
the one before it) and pick the targets it speaks of. A mixin of PositionFinder. Plain Python."""

from __future__ import annotations

import re

from .words import (
    _LINK_TO,
    _PLAIN_WORDS,
    _REACH,
    _TOKEN,
    TargetSpan,
    _Cue,
    _is_instrument,
)

# Stances whose cue governs an infinitive's deed later in its sentence ("urged Russia to notify")
_GOVERNING = ("proposes", "demands", "accepts", "rejects")
# Stances whose infinitive, whatever its stance, says what is proposed or demanded
_PROPOSING = ("proposes", "demands")
# Stances a threat or a possibility does not cancel ("could violate the treaty" accuses)
_CHARGES = ("accuses", "denies")
# What joins an alternative to a threatened act: "… or even withdraw", "… and then quit"
_ALTERNATIVE = re.compile(r"[^.!?;,]*\b(?:or|and)\s+(?:\w+\s+)?", re.IGNORECASE)
# What joins a cue to the infinitive before it that another cue governs: "… and revive"
_COORDINATED = re.compile(r"[^.!?;,]*\b(?:and|or)\s+(?:\w+ly\s+)?(?:to\s+)?", re.IGNORECASE)
# A preposition right before a gerund cue a cue before it governs: "on setting up"
_GERUND = re.compile(r"\b(?:on|of|for|about|by)\s+$", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]+[\"'”’»)\]]*\s+")
# a word, a hyphenated compound counted once ("long-pending"), or "n't"
_COMPOUND = re.compile(r"n't|\w+?(?=n't)|\w+(?:-\w+)*")


def _coordinated(between: str) -> bool:
    """Whether a cue after these words is joined by "and" or "or" to the one before them, in
    one clause and within reach ("restore the ceasefire and revive the hotline")."""
    return bool(_COORDINATED.fullmatch(between)) and len(_TOKEN.findall(between)) <= 8


def _gerund_governed(text, head, cue) -> bool:
    """Whether the cue is a gerund after a preposition within reach of the governing cue before
    it, in one sentence: what that cue is about ("signed agreements on setting up a hotline",
    "examining the possibility of setting up", "agreed to stop drills by setting up a buffer
    zone"), not a deed of its own."""
    between = text[head.end : cue.start]
    first = _TOKEN.findall(text[cue.start : cue.end].lower())[:1]
    return (
        bool(first)
        and first[0].endswith("ing")
        and bool(_GERUND.search(between))
        and not _SENTENCE_END.search(between)
        and len(_TOKEN.findall(between)) <= 15
    )


def _accepts_a_refusal(cue, other, target) -> bool:
    """An acceptance (signing a decree, a law) of another cue's suspension or refusal of an
    instrument: what it accepts is that cue's act, not the instrument."""
    return (
        cue.stance == "accepts"
        and other.stance in ("suspends", "rejects")
        and _is_instrument(target)
    )


# Stances an answer may take as its object ("rejected the proposal", "accepted the demand")
_OFFERS = ("proposes", "demands")


class StanceRules:
    """PositionFinder's rules about cues and their targets (a mixin: it reads self.words,
    self.cues, self.cue_matcher …)."""

    def _infinitives_governed(self, text, cues, targets) -> list:
        """ "suggested measures such as allowing Russia to conduct checks", "called on Moscow to
        notify its drills", "предложила членам НАТО присоединиться к мораторию": what an
        infinitive after a proposal, demand, acceptance or refusal says is done is what that cue
        is about, not a deed of its own (no target between). After a proposal or a demand that
        holds for any stance ("urged NATO to join the moratorium" is no acceptance by NATO)."""
        kept, governed = [], None
        for cue in cues:
            head = next((k for k in reversed(kept) if k.stance in _GOVERNING), None)
            if head is not None and (
                cue.stance in ("implements", "suspends") or head.stance in _PROPOSING
            ):
                if (
                    _INFINITIVE.search(text[head.end : cue.start]) or self._infinitive(text, cue)
                ) and not any(head.end <= t.start < cue.start for t in targets):
                    governed = cue
                    continue
                if _gerund_governed(text, head, cue):
                    governed = cue  # "signed agreements on setting up a hotline"
                    continue
                if governed is not None and _coordinated(text[governed.end : cue.start]):
                    governed = cue  # "agreed to restore the ceasefire and revive the hotline"
                    continue
            kept.append(cue)
        return kept

    def _infinitive(self, text, cue) -> bool:
        """Whether the cue's first word ends as an infinitive does, in a language that marks it
        so ("присоединиться", "установить")."""
        first = _TOKEN.findall(text[cue.start : cue.end].lower())[:1]
        return bool(first) and any(
            first[0].endswith(ending) and len(first[0]) > len(ending) + 2
            for ending in self.words.infinitives
        )

    def _clause_cues(self, text, target, actors, cues) -> list:
        """The cues a target span holds after the first actor it holds, when that one may act
        (not "над территориями США", "requires Washington … to notify"): a clause, not a
        name."""
        # an actor whose words begin the target's ("a Swedish inspection group will verify",
        # the actor's term and the measure's sharing "inspection group") holds it too
        inside = [a for a in actors if target.start < a.end <= target.end]
        if not inside:
            return []
        return [
            c
            for c in cues
            if c.end < target.end
            and (
                (self._may_act(text, inside[0]) and inside[0].end <= c.start)
                # "уведомила США об учениях …", "информирует американскую сторону о пусках" in
                # a target's words: a verb with its object right after it is a clause
                or (
                    target.start < c.start
                    and any(a.start > c.end and not text[c.end : a.start].strip() for a in inside)
                )
            )
        ]

    def _act_in(self, text, target, cue) -> bool:
        """Whether a cue inside a target's words is an act, not part of the measure's name: it
        stands between a proximity term's two groups and no determiner makes it a noun ("…
        проведут наблюдательный полет", not "restrictions on the conduct of exercises")."""
        if not target.loose:
            return False
        before = _TOKEN.findall(text[max(target.start, cue.start - 30) : cue.start])
        return not before or before[-1].lower() not in self.words.determiners

    def _answered(self, text, cue, offer, results, targets, s_start) -> list[TargetSpan]:
        """What an answer to an offer the sentence names only by its noun ("rejected this
        initiative", "accepted the invitation", «отклонило инициативу») is about: the target of
        the last position of the offer's stance an earlier sentence of the paragraph told
        (Putin proposed a moratorium …). Nothing when the offer's words stand apart from the
        answer's or hold a target of their own."""
        if not self._close(text[cue.end : offer.start]):
            return []
        stances = _OFFERS if offer.stance in _OFFERS else (offer.stance,)
        told = [p for p in results.values() if p.stance in stances and p.end <= s_start]
        if not told:
            return []
        last = max(told, key=lambda p: p.end)
        return [t for t in targets if t.target == last.target and t.end <= s_start][-1:]

    def _targets_of(self, text, cues, number, in_sentence) -> list[TargetSpan]:
        """What the sentence's cue number speaks of, of the sentence's targets."""
        cue, later = cues[number], cues[number + 1 :]
        governed = self._governed(cue, later, in_sentence)
        # "закон о денонсации Договора … Путин подписал": signing what suspends an instrument
        # is no acceptance of it (the instrument a suspending cue just before it governs)
        governed = [
            t
            for t in governed
            if not (
                t.end <= cue.start
                and any(
                    c.end <= t.start
                    and self._close(text[c.end : t.start])
                    and _accepts_a_refusal(cue, c, t)
                    for c in cues[:number]
                )
            )
        ]
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

    def _cues(self, text, matches=None) -> list[_Cue]:
        """Cue matches (the cue matcher's, or those given) with their stance after negation; a
        cue inside a longer one gives way, and a cue joined by "to" to the cue before it is
        governed by it."""
        matches = self.cue_matcher.find(text) if matches is None else matches
        # a measure's own act is read apart (_act_cues): it neither hides nor is hidden
        general = [m for m in matches if self.cues[m.target].only is None]
        raw = sorted(general, key=lambda m: (m.start, -m.end))
        kept = []
        for match in raw:
            if any(k.start <= match.start < k.end for k in kept):
                continue  # inside an earlier cue, or overlapping it: "would not provide information"
            kept.append(match)
        cues: list[_Cue] = []
        intended = None  # where the last cue a threat or possibility cancelled ends
        linked = None  # where the last cue the verb before it governs ends
        for match in kept:
            spec = self.cues[match.target]
            stance = spec.stance
            if self._negated(text, match.start):
                stance = spec.negated_stance
                if not stance:
                    continue
            if self._negated(text, match.start, self.words.modals):
                # "are obliged to notify", "обязаны уведомлять": a duty, not a deed; "может
                # выйти", "пригрозила приостановить": a possibility or a threat, no position
                continue
            if stance not in _CHARGES and (
                self._negated(text, match.start, self.words.intents)
                or (intended is not None and _ALTERNATIVE.fullmatch(text[intended : match.start]))
            ):
                # "threatened to scrap the pact", "may withdraw", "threatened to shut down the
                # office or even withdraw from the agreement": no position yet
                intended = match.end
                continue
            between = text[cues[-1].end : match.start] if cues else ""
            if cues and (_LINK_TO.match(between) or (between and not between.strip())):
                linked = match.end
                continue  # "agreed to halt", "обязуются сообщать": the first verb says the stance
            if (
                linked is not None
                and cues[-1].stance in _GOVERNING
                and stance in ("implements", "suspends")
                and _coordinated(text[linked : match.start])
            ):
                linked = match.end
                continue  # "agreed to restore the ceasefire and revive the hotline"
            linked = None
            cues.append(_Cue(match.start, match.end, stance, match.term))
        return cues

    def _act_cues(self, text, matches) -> list[tuple[_Cue, object]]:
        """The cues of one measure's own act ("met", "spoke" for military contacts) among the
        cue matcher's matches, each with the target it belongs to; a negated one says nothing
        ("did not meet")."""
        found = []
        for match in matches:
            spec = self.cues[match.target]
            if spec.only is None or self._negated(text, match.start):
                continue
            found.append((_Cue(match.start, match.end, spec.stance, match.term), spec.only))
        return sorted(found, key=lambda pair: (pair[0].start, pair[0].end))

    def _negated(self, text: str, start: int, words=None) -> bool:
        """A negation (or another of the words given) within reach before the cue, with no
        barrier between ("не ответил на инициативу": the initiative stands)."""
        words = self.words.negations if words is None else words
        head = text[max(0, start - 40) : start]
        # a negation ends with its sentence ("… as long as the Americans do not. We call on")
        head = _SENTENCE_END.split(head)[-1]
        before = _TOKEN.findall(head.lower().replace("’", "'"))
        for word in reversed(before[-self.words.negation_reach :]):
            if word in words:
                return True
            if word in self.words.barriers:
                return False
        return False

    @staticmethod
    def _close(between: str) -> bool:
        """At most three plain words between two cues ("reject Moscow's proposal"); a hyphenated
        compound is one word ("agreed on the long-pending proposal")."""
        return bool(_PLAIN_WORDS.fullmatch(between)) and len(_COMPOUND.findall(between)) <= 3

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
