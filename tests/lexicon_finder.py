"""The fixture lexicon's matcher as the lexicon tests read it: the slugs found in a sentence."""

from cbm.models import Instrument, MeasureType
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
