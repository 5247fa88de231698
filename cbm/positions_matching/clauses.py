"""How a sentence is built around a cue: actors joined into one group ("India and Pakistan",
"вместе с"), passives and reduced relatives with no agent said, a cue's object, where its
clause starts. Plain Python (a mixin of PositionFinder, as ActorRules is)."""

from __future__ import annotations

import re
from collections.abc import Hashable

from .actors import _titled
from .words import _JOIN_TOKEN, _TOKEN, _unique, _word_before

# Articles that open a noun phrase a participle may follow ("the agreement signed in 2018")
_ARTICLES = ("the", "a", "an")
# The words of such a phrase, up to the participle: no punctuation but a closing comma
_PHRASE_GAP = re.compile(r"[\w\s’'-]+,?\s*")


class ClauseRules:
    """PositionFinder's rules about the clause around a cue (a mixin: it reads self.words …)."""

    def _group_before(self, text, actor) -> bool:
        """A group word among the two words before the actor ("a group of U.S. inspectors",
        "группа специалистов из Канады"): its people act for it."""
        near = _TOKEN.findall(text[max(0, actor.start - 40) : actor.start].lower())
        near = [w for w in near if w not in self.words.determiners]  # "group of the Russian …"
        return any(w in self.words.groups for w in near[-2:])

    def _joined_to(self, text, actor, actors):
        """The actor named just before this one when the two are joined ("India and Pakistan",
        "Lithuania, Latvia"), else None."""
        earlier = [a for a in actors if a.end <= actor.start]
        if not earlier:
            return None
        previous = earlier[-1]
        between = text[previous.end : actor.start]
        words = set(_JOIN_TOKEN.findall(between.lower())) - self.words.determiners - {","}
        if previous.start < actor.start and words and self._joined(between):
            return previous
        return None

    def _governed_head(self, text, actor) -> bool:
        """Whether the word before the actor (an agent word: "лидерами", "президентом") is
        itself governed by an object word right before it ("с президентом США": the one dealt
        with, not the agent)."""
        before = _TOKEN.findall(text[max(0, actor.start - 60) : actor.start].lower())
        return len(before) >= 2 and before[-2] in self.words.objects

    def _joined_group(self, text, actor, actors, start, stop) -> list:
        """The actor with the actors joined to it by commas and joining words, before it (back
        to start) and after it (up to stop): "НАТО и Организацией Варшавского договора",
        "Великобританией, Францией и Россией"."""
        inside = [a for a in actors if start <= a.start and a.start < stop]
        at = next(n for n, a in enumerate(inside) if a is actor)
        first = last = at
        while first > 0 and self._joined(text[inside[first - 1].end : inside[first].start]):
            first -= 1
        while last + 1 < len(inside) and self._joined(
            text[inside[last].end : inside[last + 1].start]
        ):
            last += 1
        return inside[first : last + 1]

    def _partners(self, text, cue, actors, stop, who) -> list[Hashable]:
        """The actors a partner word names after an agreeing or implementing cue, up to the
        next cue ("China established a red phone with Russia, and then with the United States",
        "met with Chinese Defense Minister Dong Jun", "signed an agreement with the Turkish
        army"): they take part in the act (POSITIONS.md rules 6-9, "each named party")."""
        partners = self.words.partners
        if not partners:
            return []
        found = []
        for actor in actors:
            if not cue.end <= actor.start < stop or actor.target in who:
                continue
            first = actor
            while (previous := self._joined_to(text, first, actors)) is not None:
                first = previous  # "with China and Russia": both
            if first.start >= cue.end and _word_before(text, first.start) in partners:
                found.append(actor.target)
        return _unique(found)

    def _pair(self, text, governed, actors, stop) -> list[Hashable]:
        """The actors a pair word names right after the object of an act that no one is said
        to do ("set up a hotline between Peking and Moscow"), with those joined to them."""
        found = []
        for target in governed:
            words = list(_TOKEN.finditer(text, target.end, stop))[:3]
            pair = next((w for w in words if w.group().lower() in self.words.pairs), None)
            if pair is None:
                continue
            after = [
                a
                for a in actors
                if pair.end() <= a.start < stop
                and len(_TOKEN.findall(text[pair.end() : a.start])) <= 3
            ]
            if after:
                group = self._joined_group(text, after[0], actors, pair.end(), stop)
                found += [a.target for a in group]
        return _unique(found)

    def _speaker(self, text, cue, actors, end) -> list[Hashable]:
        """The actor a speaker word attributes the sentence to, after the cue: right after
        the word, up to five words on ("— сказал Рыжков", "сообщает пресс-служба Минобороны
        Белоруссии"), or right before it, with nothing but a space between ("…,” Kuleba said")."""
        speakers = self.words.speakers
        if not speakers:
            return []
        for word in _TOKEN.finditer(text, cue.end, end):
            if word.group().lower() not in speakers:
                continue
            for actor in actors:
                if (
                    actor.start >= word.end()
                    and len(_TOKEN.findall(text[word.end() : actor.start])) <= 5
                ):
                    return [actor.target]
                if (
                    cue.end <= actor.start
                    and actor.end <= word.start()
                    and not text[actor.end : word.start()].strip()
                ):
                    return [actor.target]
        return []

    def _may_act(self, text, actor) -> bool:
        """Whether an actor, wherever a cue is, may be one who acts: not right after an object
        word, and not in an oblique case unless a group word stands before it."""
        if _word_before(text, actor.start) in self.words.objects:
            return False
        if self._case(text, actor) in ("oblique", "instrumental"):
            near = _TOKEN.findall(text[max(0, actor.start - 40) : actor.start].lower())
            return any(w in self.words.groups for w in near[-2:])
        return True

    def _names_members(self, text, actor) -> bool:
        """ "each OSCE state pledged", "OSCE participating States": the organisation's members,
        not the organisation (a members word right after the name)."""
        following = _TOKEN.findall(text[actor.end : actor.end + 30].lower())[:1]
        return bool(following) and following[0] in self.words.members

    def _joined(self, between: str) -> bool:
        """Two actors with only a comma or joining words between them act together ("India
        and Pakistan", "Москва и Пекин"); also with the second one's title and first names,
        written with capitals, after the joining word ("Narendra Modi and Chinese Premier Li
        Keqiang", "Gates and Russian Defense Minister Anatoliy Serdyukov")."""
        words = _JOIN_TOKEN.findall(between)
        if not words or _JOIN_TOKEN.sub("", between).strip():
            return False  # "STOCKHOLM, SWEDEN — The United States": no joining
        if (
            len(words) >= 2
            and words[-1].lower() in self.words.objects
            and words[-2].lower() in self.words.joiners - self.words.determiners
        ):
            words = words[:-1]  # "вместе с", "совместно с", "и с": the joiner governs it
        joining = [w for w in words if w == "," or w.lower() in self.words.joiners]
        if len(joining) == len(words):
            return len(between) <= 20
        joins = self.words.joiners - self.words.determiners
        if not any(w.lower() in joins for w in joining):
            return False
        last = max(i for i, w in enumerate(words) if w in joining)
        # the joining words first, then the title ("and" + "Chinese Premier")
        return all(w in joining for w in words[:last]) and _titled(
            between[between.find(words[last]) + len(words[last]) :]
        )

    def _passive(self, text, cue, targets=(), actors=()) -> bool:
        verb = _TOKEN.findall(text[cue.start : cue.end].lower())[:1]
        # an ending leaves a stem of three letters at least ("open" is no participle of "op");
        # a participle listed whole ("held") is the word itself
        if not verb or not any(
            verb[0].endswith(ending) and (verb[0] == ending or len(verb[0]) - len(ending) >= 3)
            for ending in self.words.participles
        ):
            return False
        if any(t.end <= cue.start and not text[t.end : cue.start].strip(" ,") for t in targets):
            # "any military exercises organized in Crimea", "the hotline, established in
            # 1963": who organised or set it up is not said; but a
            # verb with an object of its own is active ("inspectors conducted an evaluation
            # visit")
            return not self._object_after(text, cue, targets)
        words = _TOKEN.findall(text[max(0, cue.start - 30) : cue.start].lower())[-2:]
        return any(word in self.words.passives for word in words) or self._reduced_relative(
            text, cue, actors
        )

    def _reduced_relative(self, text, cue, actors=()) -> bool:
        """Whether the participle cue follows a noun phrase that opens with a determiner and
        names no one who acts ("the military cooperation agreement signed in 2018", "a Cold
        War tool set up in the 1960s"): the phrase is its object, the agent is not said. Not
        after an actor or words of people, organs or several parties ("the Russian delegation
        visited", "the ministry notified", "the two sides signed")."""
        words = self.words
        tokens = list(_TOKEN.finditer(text, max(0, cue.start - 60), cue.start))[-5:]
        opens = [n for n, t in enumerate(tokens) if t.group().lower() in _ARTICLES]
        if not opens:
            return False
        phrase = tokens[opens[-1] + 1 :]
        start = tokens[opens[-1]].start()
        if not phrase or not _PHRASE_GAP.fullmatch(text[start : cue.start]):
            return False
        # the phrase's head, its last word, names no people ("military" may qualify a thing)
        people = words.selves | words.groups | words.organs | words.heads | words.plurals
        other = words.members | words.pronouns | words.passives | words.clauses | words.objects
        other |= words.joiners | words.speakers
        if phrase[-1].group().lower() in people or any(t.group().lower() in other for t in phrase):
            return False
        before = text[max(0, start - 3) : start]
        return not any(
            (start <= a.start and a.end <= cue.start)
            # "Sweden, the host, signed": an apposition to an actor
            or (a.end <= start and not text[a.end : start].strip(" ,") and "," in before)
            for a in actors
        )

    def _object_after(self, text, cue, targets) -> bool:
        """Whether a target follows the cue as its object, a determiner at most between."""
        for target in targets:
            if target.start >= cue.end:
                between = _TOKEN.findall(text[cue.end : target.start].lower())
                if len(between) <= 1 and set(between) <= self.words.determiners | {"a", "an"}:
                    return True
        return False

    def _clause_start(self, text, start, cue_start, actors=()) -> int:
        """Where the clause a cue stands in starts, looking back to start: after the last
        clause word before the cue ("…, after the country suspended", "…, которая была
        создана"), else start. A clause word right after an actor is about that actor ("Russia,
        which suspended"); one joined to a joiner is none ("as well as")."""
        clauses, words = self.words.clauses, self.words
        if not clauses:
            return start
        tokens = list(_TOKEN.finditer(text, start, cue_start))
        opens = start
        for number, token in enumerate(tokens):
            if token.group().lower() not in clauses or number == len(tokens) - 1:
                continue  # "cut the hotlines, but reopened them": the subject goes on
            near = {t.group().lower() for t in tokens[max(0, number - 1) : number + 2]}
            near.discard(token.group().lower())
            if near & (words.joiners - words.determiners):
                continue  # "as well as"
            after = tokens[number - 1].end() if number else -1
            if not text[after : token.start()].strip(" ,") and any(a.end == after for a in actors):
                continue  # "Russia, which suspended …": the actor's own clause
            opens = token.end()
        return opens

    def _pronoun_in(self, text, start, end) -> bool:
        """A pronoun or self word between start and end ("It refused", "We invited")."""
        words = _TOKEN.findall(text[start:end].lower())
        return any(w in self.words.pronouns or w in self.words.selves for w in words)

    def _pronoun_before(self, text, start, cue_start) -> bool:
        """A pronoun among the three words before the cue, after the actor named last."""
        words = _TOKEN.findall(text[start:cue_start].lower())[-3:]
        return any(word in self.words.pronouns for word in words)
