"""Classify every miss and false hit of the position finder on an evaluation folder by its
first matching cause (README, "Positions"). A diagnostic for tuning on the dev split only.

    DJANGO_SETTINGS_MODULE=… python -m bench.experiments.positions_errors fixtures/eval/en [-v] [--oracle]

With --oracle the targets are the labelled ones, as `evaluate_positions --oracle` gives them
(the link matcher's span where it finds one, else one at the end of every sentence).

Misses (a labelled position not found):
- no target: the link matcher finds no span of the labelled target in the paragraph, told
  apart (_no_target): an anaphor with no instrument named before it, an anaphor standing for
  another instrument, an instrument by words the matcher does not know, a measure type of
  which another of its family was found, a measure type the matcher misses;
- no actor: the paragraph names the actor by none of its terms;
- wrong stance: the finder gives the actor the target with another stance;
- wrong actor: the finder gives the stance and the target to another actor;
- other target: the finder gives the actor the stance on another target only;
- no cue: no cue of the labelled stance (after negation) in the paragraph;
- negation: a negation word in a sentence that holds the target and a cue of another stance;
- cross-sentence: no sentence holds the actor's name, a cue of the stance and the target;
- not combined: actor, cue and target in one sentence, the rules did not combine them.
False hits: wrong stance / wrong actor / other target (a labelled position differs in one
part), target not labelled (the link matcher's false link), negation, or a reading the labels
leave out (no labelled position with the target: historical signings, talks, lists …).
"""

import os
import sys
from collections import Counter, defaultdict

import django


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    from cbm import training as learned
    from cbm.matching import merge_overlapping
    from cbm.models import Actor
    from cbm.positions import build_finder
    from cbm.positions_eval import SAME_CLASS, read_eval_set, target_maps, target_spans
    from cbm.positions_matching import TargetSpan, sentence_spans
    from cbm.positions_matching.words import _TOKEN
    from cbm.quality import set_language
    from cbm.suggest import build_matcher

    folder, verbose, oracle = argv[0], "-v" in argv, "--oracle" in argv
    language = set_language(folder)
    finder, matcher = build_finder(language, by_slug=True), build_matcher(language=language)
    actor_slugs = dict(Actor.objects.values_list("pk", "slug"))
    slugs, parents = target_maps()
    kinds = {slug: kind for kind, by_pk in slugs.items() for slug in by_pk.values()}
    family = learned.parents()  # measure type → its parent
    causes, lines = Counter(), defaultdict(list)
    for (paragraph,) in read_eval_set(folder, "dev"):
        text = paragraph.text
        spans = target_spans(matcher, text, slugs, parents)
        if oracle:  # as cbm.positions_eval.evaluate_positions reads --oracle
            spans = [t for t in spans if t.target[1] in paragraph.targets]
            missing = sorted(
                (kinds.get(slug, "measure_type"), slug)
                for slug in paragraph.targets - {t.target[1] for t in spans}
            )
            for _, end in sentence_spans(text):
                spans += [TargetSpan(end - 1, end, target) for target in missing]
        spans.sort(key=lambda t: (t.start, t.end))
        found = {
            (actor_slugs[p.actor], SAME_CLASS.get(p.stance, p.stance), p.target[1])
            for p in finder.find_document(
                [(text, spans)], paragraph.publisher, paragraph.published
            )[0]
        }
        gold = {(a, SAME_CLASS.get(s, s), t) for a, s, t in paragraph.positions}
        sentences = sentence_spans(text)
        # as the finder reads them: with the actors named by an adjective ("Chinese troops")
        named = finder.with_adjectives(text, merge_overlapping(finder.actors.find(text)))
        actors = [(actor_slugs[a.target], a.start) for a in named]
        cues = [(SAME_CLASS.get(c.stance, c.stance), c.start) for c in finder._cues(text)]
        targets = [(t.target[1], t.start) for t in spans]

        def sentence(at, sentences=sentences):
            return next((n for n, (s, e) in enumerate(sentences) if s <= at < e), -1)

        def negated(target, text=text, sentences=sentences, targets=targets):
            for n in {sentence(at) for slug, at in targets if slug == target}:
                s, e = sentences[n]
                if set(_TOKEN.findall(text[s:e].lower())) & finder.words.negations:
                    return True
            return False

        for actor, stance, target in sorted(gold - found):
            if target not in {slug for slug, _ in targets}:
                cause = f"miss: no target, {_no_target(finder, text, spans, target, family)}"
            elif actor not in {a for a, _ in actors}:
                cause = "miss: no actor named"
            elif any(a == actor and t == target for a, _, t in found):
                cause = "miss: wrong stance"
            elif any(s == stance and t == target for _, s, t in found):
                cause = "miss: wrong actor"
            elif any(a == actor and s == stance for a, s, _ in found):
                cause = "miss: other target"
            elif stance not in {s for s, _ in cues}:
                cause = "miss: no cue of the stance"
            elif negated(target):
                cause = "miss: negation"
            else:
                together = {sentence(at) for a, at in actors if a == actor}
                together &= {sentence(at) for s, at in cues if s == stance}
                together &= {sentence(at) for t, at in targets if t == target}
                cause = "miss: not combined" if together else "miss: cross-sentence"
            causes[cause] += 1
            lines[cause].append(f"{paragraph.label}: {actor} {stance} {target}")
        # an optional position suggested is neither a hit nor a false hit (POSITIONS.md)
        optional = {(a, SAME_CLASS.get(s, s), t) for a, s, t in paragraph.optional}
        for actor, stance, target in sorted(found - gold - optional):
            if target not in paragraph.targets:
                cause = "false: target not labelled"
            elif any(a == actor and t == target for a, _, t in gold):
                cause = "false: wrong stance"
            elif any(s == stance and t == target for _, s, t in gold):
                cause = "false: wrong actor"
            elif any(a == actor and s == stance for a, s, _ in gold):
                cause = "false: other target"
            elif negated(target):
                cause = "false: negation"
            else:
                cause = "false: reading the labels leave out"
            causes[cause] += 1
            lines[cause].append(f"{paragraph.label}: {actor} {stance} {target}")
    for cause, count in sorted(causes.items()):
        print(f"{count:>4}  {cause}")
        if verbose:
            for line in lines[cause]:
                print(f"        {line}")


def _no_target(finder, text, spans, target, family):
    """Why the labelled target has no span (the `targets` round): an anaphor ("the treaty",
    "договор") with no instrument before it to stand for, or one standing for another
    instrument; an instrument the link matcher does not know by the words used; a measure
    type of which it found another of the family (a parent, sub-type or sibling) or none."""
    from cbm.positions_matching.words import _TOKEN, _is_instrument

    words = finder.words
    if target not in family:  # an instrument
        for found in _TOKEN.finditer(text):
            start = found.start()
            if found.group().lower() not in words.anaphors or any(
                t.start <= start < t.end for t in spans
            ):
                continue
            before = _TOKEN.findall(text[max(0, start - 20) : start].lower())[-1:]
            if words.determiners and not (before and before[0] in words.determiners):
                continue
            if any(_is_instrument(t) and t.end <= start for t in spans):
                return "an anaphor standing for another instrument"
            return "an anaphor with no instrument named before it"
        return "an instrument by words the link matcher does not know"

    def root(slug):
        while family.get(slug):
            slug = family[slug]
        return slug

    if any(t.target[1] in family and root(t.target[1]) == root(target) for t in spans):
        return "a measure type; another of its family found"
    return "a measure type the link matcher misses"


if __name__ == "__main__":
    main(sys.argv[1:])
