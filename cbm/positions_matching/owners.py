"""Whose is a cue: the frame a target stands in ("under the treaty"), the agent of a passive
act, the owner of a noun inside a longer cue, the accuser and the accused, the end of a quoted
speaker's words. Plain Python (a mixin of PositionFinder, as ActorRules is)."""

from __future__ import annotations

import re

from .words import _TOKEN, FoundPosition, _is_instrument, _unique, _word_before

# Quotation marks, opening and closing
_QUOTES = (("“", "”"), ("«", "»"), ('"', '"'))
# What may stand between a cue and its object: "the" at most ("agreed to the treaty")
_ARTICLE_GAP = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


def _quote_close(text, end) -> int | None:
    """Where the quotation a sentence (start, end) ends in closes, when that is after the
    sentence: a quotation still open at its end ("“…. …,” he said")."""
    for opening, closing in _QUOTES:
        before = text[:end]
        if opening == closing:
            inside = before.count(opening) % 2 == 1
        else:
            inside = before.count(opening) > before.count(closing)
        if inside:
            found = text.find(closing, end)
            return found if found != -1 else None
    return None


class OwnerRules:
    """PositionFinder's rules about whose a cue and its target are (a mixin)."""

    def _frame(self, text, target, cues) -> bool:
        """Whether the target is an instrument framing what is done ("under the Vienna
        Document"): after a frame word that is not the last word of a cue ("agreed to extend
        New START", "contrary to the treaty": the cue's object) — an implementing cue's is a
        frame all the same ("in compliance with the Vienna Document")."""
        if not _is_instrument(target) or _word_before(text, target.start) not in self.words.frames:
            return False
        return not any(
            c.end <= target.start
            and c.stance != "implements"  # "in compliance with the Vienna Document": a frame
            and _ARTICLE_GAP.fullmatch(text[c.end : target.start])
            for c in cues
        )

    def _agent_start(self, text, cue) -> int | None:
        """Where the agent of a passive cue starts: after an agent word among the three words
        after it ("used by the Indian DGMOs"); None if it has none."""
        for number, word in enumerate(_TOKEN.finditer(text, cue.end)):
            if number >= 3:
                break
            if word.group().lower() in self.words.agents:
                return word.end()
        return None

    def _framed(self, text, targets, results, cues=()) -> None:
        """An act done under an instrument implements it too (POSITIONS.md rule 8): where the
        paragraph frames an instrument ("under the Vienna Document", «в соответствии с Венским
        документом»), whoever implements a measure in it implements that instrument. (Held to
        the act's own sentence, dev found 8 fewer right and 3 fewer wrong in 1,200 paragraphs:
        a paragraph often names its frame once, apart from the act.)"""
        framed = [t for t in targets if self._frame(text, t, cues)]
        instruments = {t.target for t in targets if _is_instrument(t)}
        for found in list(results.values()) if framed else []:
            if found.stance != "implements" or found.target in instruments:
                continue  # only a measure done under the instrument
            for frame in framed:
                key = (found.actor, found.stance, frame.target)
                if key not in results:
                    start, end = min(found.start, frame.start), max(found.end, frame.end)
                    results[key] = FoundPosition(*key, start, end, found.cue, found.actor_term)

    def _owned_inside(self, text, cue, actors, stop, governed, results) -> None:
        """A cue of another stance that ends a longer one and names its owner after it
        ("воспользовался приглашением России и Белоруссии", "принял предложение Москвы"):
        the owner, with the actors joined to it, takes that cue's stance on what the longer
        one governs (the invitation is the host's, the proposal the proposer's)."""
        inner = self._inner_cue(text, cue)
        owner = self._owner(text, cue, actors, stop) if inner else []
        if not owner:
            return
        first = next(a for a in actors if a.target == owner[0] and a.start >= cue.end)
        stance = self.cues[inner.target].stance
        for actor in _unique(
            a.target for a in self._joined_group(text, first, actors, cue.end, stop)
        ):
            for target in governed:
                key = (actor, stance, target.target)
                if key not in results:
                    start, end = min(cue.start, target.start), max(first.end, target.end)
                    results[key] = FoundPosition(
                        actor, stance, target.target, start, end, inner.target, first.term
                    )

    def _other_subject(self, text, start, cue, actors, cues) -> bool:
        """Whether the cue's clause speaks of a subject that is not the one the text spoke of
        before, though it names no actor: several parties ("Both countries had accused each
        other", "the two leaders agreed") or an instrument ("The treaty requires", "Данный
        документ предписывает") before any other cue of the clause (after one it is that
        cue's object: "withdrew from the Treaty … on the basis of accusations"); unless a
        pronoun stands for the text's subject ("It refused")."""
        opens = self._clause_start(text, start, cue.start, actors)
        if self._pronoun_in(text, opens, cue.start):
            return False
        end = min([c.start for c in cues if opens <= c.start < cue.start] + [cue.start])
        words = set(_TOKEN.findall(text[opens:end].lower()))
        return bool(words & (self.words.plurals | self.words.anaphors))

    def _self_before(self, text, start, cue) -> bool:
        """Whether the sentence, before the cue, speaks of its publisher as itself ("we",
        "the ministry"): a self word."""
        words = _TOKEN.findall(text[start : cue.start].lower())
        return any(word in self.words.selves for word in words)

    @staticmethod
    def _most_specific(results, targets) -> list[FoundPosition]:
        """Positions without those an actor takes, in the same stance, on a broader target than
        one it takes a position on in the same paragraph."""
        broader = {}
        for target in targets:
            broader.setdefault(target.target, set()).update(target.broader)
        return [
            p
            for p in results.values()
            if not any(
                (p.actor, p.stance, narrower) in results and p.target in wider
                for narrower, wider in broader.items()
            )
        ]

    def _names_the_accused(self, text, cue, actors, who) -> bool:
        """Whether the cue's subject is the accused ("Poland failed to notify") or the one a
        demand asks ("Russia needs to provide"), not who accuses or demands: a cue word of the
        accused (addressed) role, and no speaker word between the named subject and the cue
        ("Moscow has claimed this would violate")."""
        words = self.words
        marks = {"accuses": words.accused, "demands": words.addressed}.get(cue.stance)
        if not marks or not who:
            return False  # "Russia needs to provide …": the one asked, as the accused, is no actor
        if not any(w in marks for w in _TOKEN.findall(text[cue.start : cue.end].lower())):
            return False
        named = [a for a in actors if a.target in who and a.end <= cue.start]
        if named:
            between = _TOKEN.findall(text[named[-1].end : cue.start].lower())
            if any(w in words.speakers for w in between):
                return False
        return True

    def _accuser(self, text, cue, actors, accused, subject, said_to, following):
        """Who accuses when the cue's subject is the accused: the speaker, else the first actor
        of the sentence who may act (before the accused, or else after the cue), else the
        subject carried over."""
        speaker = self._speaker(text, cue, [*actors, *following], said_to)
        if speaker and speaker[0] not in accused:
            return speaker
        acting = [a for a in actors if self._may_act(text, a)]
        before = [a for a in acting if a.end <= cue.start]
        if before and before[0].target not in accused:
            return [before[0].target]  # "In 2007, Russia …, citing NATO's breach"
        after = [a for a in acting if a.start >= cue.end and a.target not in accused]
        if after:
            return [after[0].target]  # "Citing Russia's breach …, the United States left"
        return [s for s in subject if s not in accused]

    def _speech_end(self, text, spans, number) -> int:
        """Where the words that may say who said sentence number end: its own end, or the
        next sentence's when that one opens with a speaker word ("Об этом заявил Лавров.")."""
        end = spans[number][1]
        if not self.words.speakers:
            return end
        closing = _quote_close(text, end)
        if closing is not None:
            # "“We confirm our negative attitude … . Even …,” Belousov told": a sentence inside
            # a quotation is said by whom the quotation's attribution names
            return next(e for s, e in spans if s <= closing < e)
        if number + 1 < len(spans):
            start, next_end = spans[number + 1]
            opening = _TOKEN.findall(text[start:next_end].lower())[:3]
            if any(word in self.words.speakers for word in opening):
                return next_end
        return end
