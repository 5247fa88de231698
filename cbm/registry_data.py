"""Load the curated registry (taxonomy, lexicon, instruments, legal bases, actors) from the
YAML files in fixtures/registry/.

Rows are found by their natural keys (slugs, instrument + label, …). A missing row is created;
an existing one is kept as it is, because curators may have edited it in the admin since —
unless update=True, which makes the files win. The same rule for a field the files add to rows
that exist (translations): it is written once, then kept as curators leave it, even emptied
(Loader.fill). Everything runs in one transaction: a mistake in any file loads nothing.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .constraints import violation_message
from .models import (
    Cue,
    CueList,
    LoadedField,
    MeasureType,
    PositionWord,
    Provision,
    Stance,
    StanceCue,
    Term,
    Threshold,
)
from .morphology import inflected
from .quality import load_quality_files

FILES = (
    "cues",
    "actors",
    "instruments",
    "taxonomy",
    "legal_bases",
    "stance_cues",
    "translations",
)


class RegistryDataError(ValueError):
    """A fixture file that cannot be loaded; the message names the file and the entry."""


class Loader:
    def __init__(self, update: bool):
        self.update = update
        self.counts = Counter()
        self._loaded = None  # {(model label, pk, field)} that the files filled once (fill)
        self.saved = set()  # {(model, pk)} of the rows the files hold, created or kept

    def save(self, model, lookup: dict, values: dict, where: str):
        """Create the row if missing; keep it (or, with update, overwrite it) if present."""
        name = model._meta.verbose_name_plural
        obj = model.objects.filter(**lookup).first()
        if obj is not None and not self.update:
            self.saved.add((model, obj.pk))
            self.counts[name, "kept"] += 1
            return obj, False
        obj = obj or model(**lookup)
        for field, value in values.items():
            setattr(obj, field, value)
        # The fields are checked here; the table's rules by the database as the row is saved
        # (checking each constraint by a query of its own took half of a first load).
        try:
            obj.full_clean(validate_constraints=False)
        except ValidationError as error:
            raise RegistryDataError(f"{where}: {error}") from None
        created = obj.pk is None
        try:
            obj.save()
        except IntegrityError as error:
            raise RegistryDataError(f"{where}: {violation_message(error)}") from None
        self.saved.add((model, obj.pk))
        self.counts[name, "created" if created else "updated"] += 1
        return obj, created

    def fill(self, obj, values: dict, name: str) -> None:
        """Write the files' values into fields of an existing row, each field once: a field
        the files filled before (recorded as a LoadedField), or that already holds text, is the
        curators' and is kept — even where a curator emptied it on purpose. With update, the
        files win. A value the files add later still reaches rows loaded before it."""
        if self._loaded is None:
            self._loaded = set(LoadedField.objects.values_list("model", "object_id", "field"))
        label = obj._meta.label_lower
        changed, new = [], []
        for field, value in values.items():
            key = (label, obj.pk, field)
            if key not in self._loaded:
                new.append(LoadedField(model=label, object_id=obj.pk, field=field))
                self._loaded.add(key)
            elif not self.update:
                continue  # filled once: the curators' now
            if (self.update or not getattr(obj, field)) and getattr(obj, field) != value:
                setattr(obj, field, value)
                changed.append(field)
        # The fields' own checks (no invisible characters …), as save() runs them for new rows.
        others = [f.name for f in obj._meta.fields if f.name not in changed]
        try:
            obj.clean_fields(exclude=others)
        except ValidationError as error:
            raise RegistryDataError(f"{name}, {obj}: {error}") from None
        LoadedField.objects.bulk_create(new)
        if changed:
            obj.save(update_fields=changed)
        self.counts[name, "updated" if changed else "kept"] += 1


def check_keys(entry: dict, allowed: set, where: str):
    unknown = set(entry) - allowed
    if unknown:
        raise RegistryDataError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")


def read(folder: Path, name: str) -> dict:
    path = folder / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RegistryDataError(f"{path}: {error}") from None
    if not isinstance(data, dict):
        raise RegistryDataError(f"{path}: not a mapping of sections (e.g. {name}: …)")
    return data


def term_values(spec, where: str) -> dict:
    """A term as written in the files → Term fields (a cue list by its slug, under "cue")."""
    if isinstance(spec, str):
        return {"kind": Term.Kind.PHRASE, "text": spec, "near": ""}
    cue = {k: spec[k] for k in ("cue", "unless") if k in spec} if isinstance(spec, dict) else {}
    if isinstance(spec, dict) and "phrase" in spec:
        check_keys(spec, {"phrase", "cue", "unless"}, where)
        return {"kind": Term.Kind.PHRASE, "text": spec["phrase"], "near": "", **cue}
    if isinstance(spec, dict) and "abbreviation" in spec:
        check_keys(spec, {"abbreviation", "cue", "unless"}, where)
        return {"kind": Term.Kind.ABBREVIATION, "text": spec["abbreviation"], "near": "", **cue}
    if isinstance(spec, dict) and "proximity" in spec:
        check_keys(spec, {"proximity", "near", "window", "cue", "unless"}, where)
        return {
            "kind": Term.Kind.PROXIMITY,
            "text": spec["proximity"],
            "near": spec.get("near", ""),
            "window": spec.get("window", 8),
            **cue,
        }
    raise RegistryDataError(
        f"{where}: a term is a string, {{phrase: …}}, {{abbreviation: …}} or {{proximity: …}}"
    )


def load_terms(loader: Loader, target_field: str, target, specs, where: str):
    cue_lists = {cue_list.slug: cue_list for cue_list in CueList.objects.all()}
    for spec in specs or []:
        values = term_values(spec, where)
        lookup = {target_field: target, "kind": values.pop("kind"), "text": values.pop("text")}
        lookup["language"] = "en"  # these files are the English lexicon (others: lexicon_data)
        lookup["near"] = values.pop("near")
        for key, field in (("cue", "cue_list"), ("unless", "unless_cue_list")):
            if key in values:
                try:
                    values[field] = cue_lists[values.pop(key)]
                except KeyError:
                    raise RegistryDataError(f"{where}: no cue list {spec[key]!r}") from None
        loader.save(Term, lookup, values, f"{where}, term {lookup['text']!r}")


def load_cues(loader, data):
    for entry in data.get("cue_lists", []):
        where = f"cues.yaml, {entry.get('slug')}"
        check_keys(entry, {"slug", "name", "description", "reach", "cues"}, where)
        values = {
            "name": entry["name"],
            "description": " ".join(entry.get("description", "").split()),
        }
        if "reach" in entry:  # (absent: the model's default, or what a curator chose)
            values["reach"] = entry["reach"]
        cue_list, _ = loader.save(CueList, {"slug": entry["slug"]}, values, where)
        for spec in entry.get("cues") or []:
            kind, text = Cue.Kind.PHRASE, spec
            if isinstance(spec, dict):
                check_keys(spec, {"abbreviation"}, where)
                kind, text = Cue.Kind.ABBREVIATION, spec.get("abbreviation")
            lookup = {"cue_list": cue_list, "kind": kind, "text": text}
            loader.save(Cue, lookup, {}, f"{where}, cue {text!r}")


def cue_measure_type(spec: dict, where: str):
    """The measure type a stance cue is the act of (`only: slug`), or None for every target."""
    slug = spec.get("only")
    if not slug:
        return None
    found = MeasureType.objects.filter(slug=slug).first()
    if found is None:
        raise RegistryDataError(f"{where}: unknown measure type {slug!r} (only)")
    return found


def stance_cue_lookup(spec: dict, *, stance: str, language: str) -> dict:
    """The fields that find a stance cue's row from its entry in the files, for every loader
    of cues (stance_cues.yaml, the lexicons, the retired list): its words as stored, with the
    plain words of an inflecting language marked (cbm.morphology.inflected; English as
    written)."""
    return {
        "language": language,
        "stance": stance,
        "kind": StanceCue.Kind.PROXIMITY if "proximity" in spec else StanceCue.Kind.PHRASE,
        "text": inflected(spec.get("proximity") or spec.get("phrase") or "", language),
        "near": inflected(spec.get("near", ""), language),
    }


def load_stance_cues(loader, data):
    """stance_cues: {stance: [cue, …]}; a cue is a phrase, or {phrase|proximity: …, near,
    window, negated: stance, only: measure-type slug}."""
    for stance, cues in (data.get("stance_cues") or {}).items():
        where = f"stance_cues.yaml, {stance}"
        if stance not in Stance.values:
            raise RegistryDataError(f"{where}: unknown stance")
        for spec in cues or []:
            if isinstance(spec, str):
                spec = {"phrase": spec}
            if not isinstance(spec, dict):
                raise RegistryDataError(f"{where}: a cue is a phrase or a mapping")
            check_keys(
                spec, {"phrase", "proximity", "near", "window", "negated", "note", "only"}, where
            )
            lookup = stance_cue_lookup(spec, stance=stance, language="en")
            values = {
                "window": spec.get("window", 4),
                "negated_stance": spec.get("negated", ""),
                "note": spec.get("note", ""),
                "measure_type": cue_measure_type(spec, where),
            }
            loader.save(StanceCue, lookup, values, f"{where}, cue {lookup['text']!r}")
    load_position_words(loader, data)


def load_position_words(loader, data):
    """position_words: {language: {role: [word, …]}}, the small words the position finder
    combines actors, cues and targets by (negations, object markers …)."""
    roles = set(PositionWord.Role.values)
    for language, lists in (data.get("position_words") or {}).items():
        where = f"stance_cues.yaml, position_words, {language}"
        if not isinstance(lists, dict):
            raise RegistryDataError(f"{where}: a mapping of role to words")
        check_keys(lists, roles, where)
        for role, words in lists.items():
            for word in words or []:
                if not isinstance(word, str) or not word.strip() or " " in word.strip():
                    raise RegistryDataError(f"{where}, {role}: one word each, not {word!r}")
                lookup = {"language": language, "role": role, "word": word.strip().lower()}
                loader.save(PositionWord, lookup, {}, f"{where}, {role} {word!r}")


QUOTED = {"quotation", "source_url", "verified"}


def quoted_values(entry: dict) -> dict:
    """Quotation (whitespace as in the text, folded), its URL, and the verified flag."""
    return {
        "quotation": " ".join(entry.get("quotation", "").split()),
        "source_url": entry.get("source_url", ""),
        "verified": entry.get("verified", False),
    }


def verification_counts() -> dict[str, tuple[int, int]]:
    """How many thresholds and provision labels are verified (quoted from the text), of all."""
    return {
        "thresholds": (Threshold.objects.verified().count(), Threshold.objects.count()),
        "provision labels": (Provision.objects.verified().count(), Provision.objects.count()),
    }


@transaction.atomic
def load_registry(folder: Path | str, *, update: bool = False, lexicons=()) -> Counter:
    """Load every file of the registry, then the lexicons of other languages named (folders
    such as fixtures/lexicon-ru); returns counts keyed (model name, created|kept|updated)."""
    from .instrument_data import load_actors, load_instruments  # (they build on this module)
    from .lexicon_data import load_lexicon  # (it builds on this module)
    from .retired_data import retire_stance_cues
    from .taxonomy_data import load_legal_bases, load_taxonomy
    from .translation_data import load_translations

    folder = Path(folder)
    data = {name: read(folder, name) for name in FILES}
    loader = Loader(update)
    load_cues(loader, data["cues"])
    load_actors(loader, data["actors"])
    load_instruments(loader, data["instruments"])
    load_taxonomy(loader, data["taxonomy"])
    load_legal_bases(loader, data["legal_bases"])
    load_stance_cues(loader, data["stance_cues"])
    load_translations(loader, data["translations"])
    for lexicon in lexicons:
        load_lexicon(loader, Path(lexicon))
    retire_stance_cues(loader, data["stance_cues"])  # last: it checks no file holds them
    # Measurements, not curation: the files (one per language and subject, written by
    # evaluate_matcher / evaluate_positions --publish) always win.
    try:
        loader.counts["quality figures", "loaded"] = load_quality_files(folder)
    except ValueError as error:
        raise RegistryDataError(str(error)) from None
    return loader.counts
