"""Who acts: the rules that pick a cue's actors (nearest before it, joined by "and", after it
within reach, the carried subject) and read an actor's case and role. Plain Python."""

from __future__ import annotations

import re
from collections.abc import Hashable

from ..matching import Match, merge_overlapping
from .words import _JOIN_TOKEN, _POSSESSIVE, _REACH, _TOKEN, _common_prefix, _unique, _word_before

# The parts of a publisher's name: "Abyzemen (blog, Chinese Foreign Ministry briefing)"
_PUBLISHER_PARTS = re.compile(r"[^(),;/]+")
# A word with its dots and hyphens ("U.S.", "South-Korean")
_WORD = re.compile(r"\w[\w.-]*")
# How long the words between two joined actors may be when they hold the second one's title
# and first names ("and Chinese Premier", "and Russian Defense Minister Anatoliy")
_TITLED = 50
# How many words after an actor's adjective may reach the noun of its people ("Russian arms
# control inspectors", "Chinese and Japanese defense officials")
_PEOPLE_REACH = 4


def _titled(between: str) -> bool:
    """Only words written with a capital, as a title or first names are ("Premier",
    "Defense Minister Anatoliy"), between two names."""
    words = _JOIN_TOKEN.findall(between)
    return (
        len(between) <= _TITLED
        and not _JOIN_TOKEN.sub("", between).strip()
        and all(w[:1].isupper() for w in words)
    )


class ActorRules:
    """PositionFinder's rules about actors (a mixin: it reads self.words, self.written …)."""

    def _actors_for(
        self, text, cue, actors, cue_ends, stop, targets=(), end=None, following=()
    ) -> list[Hashable]:
        words = self.words

        def before_word(actor):
            return _word_before(text, actor.start, cue_ends)

        def possessive(actor):
            return bool(_POSSESSIVE.match(text[actor.end : actor.end + 2]))

        def acts(actor):
            # "between Russia and the United States": one joined to an actor shares its role
            previous = self._joined_to(text, actor, actors)
            if previous is not None:
                return acts(previous)
            word = before_word(actor)
            if word in words.agents:
                return True  # "по словам Лаврова": the speaker, whatever the case
            if self._case(text, actor) in ("oblique", "instrumental"):
                # "разрешение России", "из Латвии" do not act; "группа специалистов из
                # Канады", "представители США" do: the group acts for its country
                near = _TOKEN.findall(text[max(0, actor.start - 40) : actor.start].lower())
                return any(w in words.groups for w in near[-2:])
            if word in words.objects and self._group_before(text, actor):
                return True  # "a group of U.S. inspectors will make a flight"
            return possessive(actor) or (word not in words.objects and word != "<cue>")

        # "proposed … by U.S. President Eisenhower": the agent of a passive, up to the next cue
        agents = [
            a
            for a in actors
            if cue.end <= a.start < stop
            and before_word(a) in words.agents
            and not self._governed_head(text, a)
        ]
        if agents:
            # "signed by the United States and the Soviet Union": all the agents joined
            group = [agents[0]]
            for following in actors:
                if following.start >= group[-1].end and following.start < stop:
                    if following.start == group[-1].start or self._joined(
                        text[group[-1].end : following.start]
                    ):
                        group.append(following)
                    elif following.start > group[-1].end:
                        break
            return _unique(a.target for a in group)
        owner = self._owner(text, cue, actors, stop)
        if owner and not self._inner_cue(text, cue):
            return owner
        subjects = [a for a in actors if acts(a)]
        before = [a for a in subjects if a.end <= cue.start]
        if before and self._pronoun_before(text, before[-1].end, cue.start):
            return self._subject_of(text, before)  # "Russia ignored …, and it refused"
        # "The pact, signed by the United States and the Soviet Union, was terminated after the
        # country suspended …": an actor before a clause word is not the subject after it
        opens = self._clause_start(
            text, before[0].start if before else cue.start, cue.start, actors
        )
        before = [a for a in before if a.start >= opens]
        passive = self._passive(text, cue, targets, actors)
        if passive:
            before = []  # "observers from Latvia were invited": Latvia did not invite
        if before:
            group = [before[-1]]
            for previous in reversed(before[:-1]):
                if before_word(previous) == "according":
                    break  # "According to Moscow, NATO violated …": the source is no subject
                same_words = previous.start == group[-1].start  # "the two Koreas": both
                between = text[previous.end : group[-1].start]
                # "Chinese Premier Li Keqiang", "Russian Defense Minister Anatoliy Serdyukov":
                # one actor named twice, with a title or first names between
                same_words |= previous.target == group[-1].target and _titled(between)
                if same_words or self._joined(between):
                    group.append(previous)
                else:
                    break
            return _unique(a.target for a in group)
        # "инициированные Украиной": an actor in the instrumental after the cue is its agent.
        # A passive's agent follows "by" (above) or is in the instrumental ("отвергнута
        # альянсом"); another actor after it did not act ("the treaty, which was signed in 2010,
        # involves … Russia")
        # "called on the North to restore a military hotline that Pyongyang cut off": an actor
        # after the cue's object speaks of that object, it does not take the cue
        objects = [t.start for t in targets if t.start >= cue.end]
        reach = min([cue.end + _REACH, *objects])
        after = [
            a
            for a in actors
            if cue.end <= a.start <= reach
            and (
                # "will visit Lithuania's bases": a possessive after the cue owns its object;
                # "accusations that Moscow was the first to violate": the accused
                (acts(a) and not passive and not possessive(a) and cue.stance != "accuses")
                or (self._case(text, a) == "instrumental" and before_word(a) not in words.objects)
            )
        ]
        if after:
            if self._case(text, after[0]) == "instrumental":
                # "конвенцией, заключенной Великобританией, Францией и Россией", "подписан НАТО
                # и Организацией Варшавского договора": every agent joined to it
                group = self._joined_group(text, after[0], actors, cue.end, stop)
                return _unique(a.target for a in group)
            return [after[0].target]
        return self._speaker(text, cue, [*actors, *following], stop if end is None else end)

    def _owner(self, text, cue, actors, stop) -> list[Hashable]:
        """The actor a cue that is a noun names as its owner: one in the genitive at most three
        words after it, when the cue ends in an agent word ("инициативу РФ", "предложение главы
        государства Владимира Путина", "по приглашению Белоруссии", "получили разрешение
        России"). Its owner proposes, invites or permits, whoever the sentence's subject is."""
        words = self.words
        last = _TOKEN.findall(text[cue.start : cue.end].lower())[-1:]
        if not last or last[0] not in words.agents:
            return []
        for actor in actors:
            if actor.start < cue.end or actor.start >= stop:
                continue
            between = _TOKEN.findall(text[cue.end : actor.start].lower())
            if (
                len(between) > 3
                or set(between) & (words.objects | words.frames | words.barriers)
                or text[cue.end : actor.start].strip(" ").startswith((",", ";", "—", "–"))
                or self._case(text, actor) in ("nominative", "instrumental")
            ):
                return []
            return [actor.target]
        return []

    def _inner_cue(self, text, cue):
        """The match of a cue of another stance that ends this longer one ("приглашением" of
        "воспользовался приглашением"), or None: its owner takes that stance, not the longer
        cue's (PositionFinder._owned_inside)."""
        words = text[cue.start : cue.end]
        for match in self.cue_matcher.find(words):
            spec = self.cues[match.target]
            if (
                match.start > 0
                and match.end == len(words)
                and spec.only is None
                and spec.stance != cue.stance
            ):
                return match
        return None

    def with_adjectives(self, text, actors, cue_matches=None) -> list:
        """The actors, with those a text names only by an adjective joined to another actor or
        to another such adjective ("Russian and US servicemen", "Chinese and Indian troops",
        "российские и американские военные"): a word is an actor's adjective when it makes one
        of that actor's terms with a head word ("Russian side", "российская сторона").
        cue_matches: the cue matcher's matches in text, if the caller has them already."""
        if not self.words.heads:
            return actors
        joiners = self.words.joiners - self.words.determiners
        words = list(_WORD.finditer(text))
        added = []
        for first, join, second in zip(words, words[1:], words[2:], strict=False):
            if join.group().lower() not in joiners or not (
                text[first.end() : join.start()].isspace()
                and text[join.end() : second.start()].isspace()
            ):
                continue
            pair = []
            for word in (first, second):
                covering = [a for a in actors if a.start < word.end() and word.start() < a.end]
                if covering:
                    pair.append((covering[0].target, None, None))
                else:
                    pair.append((*self._adjective(word.group()), word))
            targets = [target for target, *_ in pair]
            if None in targets or len(set(targets)) < 2 or all(w is None for *_, w in pair):
                continue
            added += [Match(w.start(), w.end(), t, term) for t, term, w in pair if w is not None]
        if cue_matches is None:
            cue_matches = self.cue_matcher.find(text)
        added += self._lone_adjectives(text, words, [*actors, *added], cue_matches)
        if not added:
            return actors
        return sorted([*actors, *added], key=lambda a: (a.start, a.end))

    def _lone_adjectives(self, text, words, actors, cue_matches) -> list:
        """An actor's adjective written with a capital before a noun of its people, forces or
        organs (a head, group or organ word) within a few words, no punctuation between, names
        that actor ("Chinese troops", "Russian arms control inspectors", "a Russian group of
        inspectors", "Belarusian Foreign Ministry spokesperson"): POSITIONS.md rule 1."""
        people = self.words.heads | self.words.groups | self.words.organs
        stops = self.words.objects | self.words.clauses | self.words.frames
        # "Russian jets escorted inspectors": the noun comes before any cue, not after a verb
        cues = [(m.start, m.end) for m in cue_matches]
        added = []
        for n, word in enumerate(words):
            if not word.group()[:1].isupper() or any(
                a.start < word.end() and word.start() < a.end for a in actors
            ):
                continue
            previous = word
            for following in words[n + 1 : n + 1 + _PEOPLE_REACH]:
                lower = following.group().lower()
                if not text[previous.end() : following.start()].isspace() or lower in stops:
                    break
                if lower in people:  # "the Russian proposals": a head may be a cue itself
                    target, term = self._adjective(word.group())
                    if target is not None:
                        added.append(Match(word.start(), word.end(), target, term))
                    break
                if any(s < following.end() and following.start() < e for s, e in cues):
                    break
                previous = following
        return added

    def _adjective(self, word) -> tuple:
        """(actor, term) whose term the word makes with a head word ("Russian" + "side"), or
        (None, None)."""
        cache, key = self._adjectives, word.lower()
        if key not in cache:
            found = set()
            for head in sorted(self.words.heads):
                probe = f"{word} {head}"
                found |= {
                    (m.target, m.term)
                    for m in self.actors.find(probe)
                    if (m.start, m.end) == (0, len(probe))
                }
            actors = {target for target, _ in found}
            cache[key] = min(found, key=repr) if len(actors) == 1 else (None, None)
        return cache[key]

    def publisher_actors(self, publisher: str) -> list[Hashable]:
        """The actor whose own organ published a document ("U.S. Department of State", "МИД
        России", "Ministry of Defence of Serbia"), or that published it itself ("NATO"): in a
        part of the publisher's name, an actor named by the whole part, else the first actor
        with an organ word among its words or the two words on either side (not one right
        after a frame word: "Norwegian Delegation to the OSCE" is no organ of the OSCE)."""
        organs = self.words.organs
        for found in _PUBLISHER_PARTS.finditer(publisher or ""):
            part = found.group().strip()
            actors = merge_overlapping(self.actors.find(part))
            whole = [a for a in actors if (a.start, a.end) == (0, len(part))]
            if whole:
                return [whole[0].target]
            for actor in actors:
                own = _TOKEN.findall(part[actor.start : actor.end].lower())
                before = _TOKEN.findall(part[: actor.start].lower())[-2:]
                after = _TOKEN.findall(part[actor.end :].lower())[:2]
                if before and before[-1] in self.words.frames:
                    before = []
                if organs & {*own, *before, *after}:
                    return [actor.target]
        return []

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
