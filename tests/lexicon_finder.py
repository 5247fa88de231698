"""The fixture lexicon's matcher and position finder as the tests read them: the slugs, or the
positions, found in a sentence."""

from cbm.models import Actor, Instrument, MeasureType
from cbm.positions import build_finder
from cbm.positions_matching import TargetSpan
from cbm.registry_data import load_registry
from cbm.suggest import build_matcher

from .conftest import REGISTRY, ROOT

LEXICON_RU = ROOT / "fixtures" / "lexicon-ru"
_BUILT = {}


def finder(language: str = "en"):
    """found(text) -> the measure-type and instrument slugs the lexicon suggests. Built once per
    language, as the session's registry does not change (the Russian lexicon is loaded first,
    in the calling test's database)."""
    if language not in _BUILT:
        if language == "ru":
            load_registry(REGISTRY, lexicons=[LEXICON_RU])
        slugs = {("measure_type", row.id): row.slug for row in MeasureType.objects.all()}
        slugs |= {("instrument", row.id): row.slug for row in Instrument.objects.all()}
        _BUILT[language] = (build_matcher(language=language), slugs)
    matcher, slugs = _BUILT[language]
    return lambda text: {slugs[tuple(match.target)] for match in matcher.find(text)}


def position_finder(language: str = "en"):
    """found(text, *(words, target)) -> {(actor slug, stance, target)}: the registry's position
    finder over target spans placed on the given words. Built once per language and process,
    like finder() (loading the Russian lexicon takes seconds, a minute on PostgreSQL)."""
    key = f"positions-{language}"
    if key not in _BUILT:
        if language == "ru":
            load_registry(REGISTRY, lexicons=[LEXICON_RU])
        _BUILT[key] = (build_finder(language), dict(Actor.objects.values_list("pk", "slug")))
    built, slugs = _BUILT[key]

    def found(text, *targets):
        spans = [
            TargetSpan(text.index(words), text.index(words) + len(words), target)
            for words, target in targets
        ]
        return {(slugs[p.actor], p.stance, p.target) for p in built.find(text, spans)}

    return found
