"""Load a language's lexicon (fixtures/lexicon-<language>/terms.yaml): its terms for measure
types and instruments, its context cues, its words for actors and its stance cues.

The file is written for a stemming matcher (see its README): a plain word stands for its
inflections, so each is stored with the registry's ~ (morphology.inflected), and a term marked
`needs_context` needs a cue of the language's context list (the file's `cues:`) within its reach;
a term marked `cue: <name>` needs one of a narrower list of the file's `cue_lists:` instead,
and one marked `unless: <name>` does not match where a cue of that list is within its reach.
Rows are found and kept as load_registry keeps them: a term a curator edited, retired or added
is never overwritten unless update is asked for.
"""

from pathlib import Path

from .language import LANGUAGES
from .models import Actor, Cue, CueList, Instrument, MeasureType, Stance, StanceCue, Term
from .morphology import inflected
from .registry_data import (
    Loader,
    RegistryDataError,
    check_keys,
    cue_measure_type,
    read,
    stance_cue_lookup,
)

SECTIONS = {
    "measure_types",
    "instruments",
    "cues",
    "cue_reach",
    "cue_lists",
    "actors",
    "stance_cues",
}


def language_of(folder: Path) -> str:
    """fixtures/lexicon-ru → ru."""
    language = folder.name.removeprefix("lexicon-")
    if language not in LANGUAGES or language == folder.name:
        raise RegistryDataError(f"{folder}: a lexicon folder is lexicon-<language>")
    return language


def context_list_slug(language: str) -> str:
    return f"context-{language}"


def named_list_slug(name: str, language: str) -> str:
    """cue_lists: {hotline: …} of lexicon-ru → the cue list hotline-ru."""
    return f"{name}-{language}"


def load_lexicon(loader: Loader, folder: Path) -> None:
    folder = Path(folder)
    language = language_of(folder)
    data = read(folder, "terms")
    check_keys(data, SECTIONS, f"{folder}/terms.yaml")
    where = f"lexicon-{language}"
    context = _load_context(loader, language, data, where)
    named = _load_named_lists(loader, language, data.get("cue_lists") or {}, where)
    targets = (
        ("measure_type", MeasureType, data.get("measure_types")),
        ("instrument", Instrument, data.get("instruments")),
        ("actor", Actor, data.get("actors")),
    )
    for field, model, entries in targets:
        for slug, specs in (entries or {}).items():
            t_where = f"{where}, {field} {slug}"
            target = model.objects.filter(slug=slug).first()
            if target is None:
                raise RegistryDataError(f"{t_where}: no such {field.replace('_', ' ')}")
            for spec in specs or []:
                lookup, values = _term(spec, language, context, named, t_where)
                lookup[field] = target
                loader.save(Term, lookup, values, f"{t_where}, term {lookup['text']!r}")
    _load_stance_cues(loader, language, data.get("stance_cues") or {}, where)


def _load_context(loader, language, data, where) -> CueList:
    """The context list: the file's `cues:`, and their reach (`cue_reach:`, if given)."""
    name = f"Context ({LANGUAGES[language]})"
    values = {
        "name": name,
        "language": language,
        "description": f"Military and arms-control words of the {language} lexicon: a term "
        "marked needs_context there matches only with one of these within the list's reach.",
    }
    if "cue_reach" in data:
        values["reach"] = data["cue_reach"]
    cue_list, _ = loader.save(CueList, {"slug": context_list_slug(language)}, values, where)
    _load_cues(loader, cue_list, data.get("cues") or [], language, where)
    return cue_list


def _load_named_lists(loader, language, lists: dict, where) -> dict:
    """The file's `cue_lists:` (name → {description, reach, cues}): narrower contexts a term
    names with `cue: <name>` (the 1963 hotline memorandum only where a hotline is spoken of)."""
    named = {}
    for name, spec in lists.items():
        l_where = f"{where}, cue list {name}"
        if not isinstance(spec, dict) or not spec.get("cues"):
            raise RegistryDataError(f"{l_where}: a cue list is a mapping with cues")
        check_keys(spec, {"description", "reach", "cues"}, l_where)
        values = {
            "name": f"{name} ({LANGUAGES[language]})",
            "language": language,
            "description": spec.get("description", ""),
        }
        if "reach" in spec:
            values["reach"] = spec["reach"]
        slug = named_list_slug(name, language)
        named[name], _ = loader.save(CueList, {"slug": slug}, values, l_where)
        _load_cues(loader, named[name], spec["cues"], language, l_where)
    return named


def _load_cues(loader, cue_list, specs, language, where) -> None:
    for spec in specs:
        if isinstance(spec, dict):
            check_keys(spec, {"abbreviation"}, f"{where}, cues")
            kind, text = Cue.Kind.ABBREVIATION, spec["abbreviation"]
        else:
            kind, text = Cue.Kind.PHRASE, inflected(spec, language)
        lookup = {"cue_list": cue_list, "kind": kind, "text": text}
        loader.save(Cue, lookup, {}, f"{where}, cue {text!r}")


def _term(spec, language, context, named, where) -> tuple[dict, dict]:
    """A term as the lexicon writes it → (lookup, other values) of a Term row."""
    if isinstance(spec, str):
        spec = {"phrase": spec}
    if not isinstance(spec, dict):
        raise RegistryDataError(f"{where}: a term is a string or a mapping")
    check_keys(
        spec,
        {"phrase", "abbreviation", "proximity", "near", "window", "needs_context", "cue", "unless"},
        where,
    )
    values = {}
    if spec.get("needs_context") and "cue" in spec:
        raise RegistryDataError(f"{where}: a term needs the context list or a named one, not both")
    if spec.get("needs_context"):
        values["cue_list"] = context
    elif "cue" in spec:
        if spec["cue"] not in named:
            raise RegistryDataError(f"{where}: no cue list {spec['cue']!r} in cue_lists")
        values["cue_list"] = named[spec["cue"]]
    if "unless" in spec:
        if spec["unless"] not in named:
            raise RegistryDataError(f"{where}: no cue list {spec['unless']!r} in cue_lists")
        values["unless_cue_list"] = named[spec["unless"]]
    if "abbreviation" in spec:
        lookup = {"kind": Term.Kind.ABBREVIATION, "text": spec["abbreviation"], "near": ""}
    elif "proximity" in spec:
        lookup = {
            "kind": Term.Kind.PROXIMITY,
            "text": inflected(spec["proximity"], language),
            "near": inflected(spec.get("near", ""), language),
        }
        values["window"] = spec.get("window", 8)
    elif "phrase" in spec:
        lookup = {"kind": Term.Kind.PHRASE, "text": inflected(spec["phrase"], language)}
        lookup["near"] = ""
    else:
        raise RegistryDataError(f"{where}: a term needs a phrase, abbreviation or proximity")
    # An abbreviation may be written alike in two languages (INCSEA): one term in each.
    return {**lookup, "language": language}, values


def _load_stance_cues(loader, language, stances: dict, where):
    for stance, specs in stances.items():
        s_where = f"{where}, stance {stance}"
        if stance not in Stance.values:
            raise RegistryDataError(f"{s_where}: unknown stance")
        for spec in specs or []:
            if isinstance(spec, str):
                spec = {"phrase": spec}
            check_keys(spec, {"phrase", "proximity", "near", "window", "negated", "only"}, s_where)
            lookup = stance_cue_lookup(spec, stance=stance, language=language)
            values = {
                "window": spec.get("window", 4),
                "negated_stance": spec.get("negated", ""),
                "measure_type": cue_measure_type(spec, s_where),
            }
            loader.save(StanceCue, lookup, values, f"{s_where}, cue {lookup['text']!r}")
