"""A measure's own act told in a sentence ("Milley spoke by phone with Gerasimov"): every actor
it names takes part. Plain Python (a mixin of PositionFinder, as ActorRules is)."""

from __future__ import annotations

from .words import FoundPosition

# How far apart, in characters, the named actor, the cue and the target of one position may
# stand: words spread wider than that hold other clauses between them, and the suggestions they
# made were wrong three times in four on the dev split.
_SPREAD = 200
# How far after its agent word a passive act's agents may be named ("by the Indian and
# Pakistani DGMOs")
_AGENT_REACH = 60


class ActRules:
    """PositionFinder's rule for the cues of one measure's own act (a mixin)."""

    def _acts(self, text, span, acts, actors, targets, cues, results) -> None:
        """A measure's own act in the sentence ("Milley spoke by phone with Gerasimov", a cue
        only for military contacts): every actor the sentence names takes the act's stance on
        the measure it mentions — unless a cue of another stance before the mention governs it
        ("broke off military contacts"). An actor takes part when the mention's own words name
        it ("spoke with Russia’s Chief of General Staff") or when it may act at all (not "met
        in Azerbaijan", "the invasion of Ukraine")."""
        start, end = span
        for cue, only in acts:
            if not (start <= cue.start and cue.end <= end):
                continue
            # "the network, which is used for …": who uses it is not said, but its agent
            # ("has been used by the Indian and Pakistani DGMOs")
            agent = self._passive(text, cue, (), actors) and self._agent_start(text, cue)
            if agent is None:
                continue
            for target in targets:
                if target.target != only or not (start <= target.start and target.end <= end):
                    continue
                if any(
                    other.stance != cue.stance
                    and other.end <= target.start
                    and target
                    in self._governed(other, [c for c in cues if c.start > other.start], targets)
                    for other in cues
                    if start <= other.start
                ):
                    continue
                named = {}
                for actor in actors:
                    inside = target.start <= actor.start and actor.end <= target.end
                    if agent and not agent <= actor.start < agent + _AGENT_REACH:
                        continue
                    if (
                        start <= actor.start
                        and actor.end <= end
                        and (inside or self._may_act(text, actor))
                    ):
                        best = named.get(actor.target)
                        if best is None or abs(actor.start - target.start) < abs(
                            best.start - target.start
                        ):
                            named[actor.target] = actor
                for who, actor in named.items():
                    reach = [cue, target, actor]
                    first, last = min(w.start for w in reach), max(w.end for w in reach)
                    if last - first > _SPREAD or (who, cue.stance, target.target) in results:
                        continue
                    results[who, cue.stance, target.target] = FoundPosition(
                        who, cue.stance, target.target, first, last, cue.key, actor.term
                    )
