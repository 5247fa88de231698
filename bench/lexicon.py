"""The benchmark's lexicon: every term of the fixture registry, with the cue lists its terms
name (as suggest builds its matcher), plus generated terms in the same notation (and shape)
until there are at least 500, most of which rarely fire."""

import itertools

import yaml

from bench.corpus import ROOT
from cbm.matching import ABBREVIATION, PHRASE, PROXIMITY, TermSpec
from cbm.registry_data import term_values

QUALIFIERS = [
    "regional",
    "bilateral",
    "mutual",
    "verifiable",
    "reciprocal",
    "annual",
    "joint",
    "interim",
]
SUBJECTS = [
    "naval",
    "airborne",
    "armoured",
    "amphibious",
    "artillery",
    "rotary-wing",
    "missile",
    "border",
]
MEASURES = [
    "notification* regime",
    "transparency measure*",
    "exchange* of data",
    "limitation* zone",
    "inspection* quota",
    "liaison mission*",
    "contact group*",
    "verification protocol*",
]


def fixture_terms() -> list[TermSpec]:
    specs = []

    def add(target, entries):
        for entry in entries or []:
            values = term_values(entry, "bench")
            specs.append(
                TermSpec(
                    len(specs),
                    target,
                    values["kind"],
                    values["text"],
                    values["near"],
                    values.get("window", 8),
                    values.get("cue"),
                    unless=values.get("unless"),
                )
            )

    taxonomy = yaml.safe_load(
        (ROOT / "fixtures/registry/taxonomy.yaml").read_text(encoding="utf-8")
    )

    def walk(types):
        for mt in types:
            add(("measure_type", mt["slug"]), mt.get("terms"))
            walk(mt.get("subtypes", []))

    for category in taxonomy["categories"]:
        walk(category["measure_types"])
    instruments = yaml.safe_load(
        (ROOT / "fixtures/registry/instruments.yaml").read_text(encoding="utf-8")
    )
    for instrument in instruments["instruments"]:
        add(("instrument", instrument["slug"]), instrument.get("terms"))
    return specs


def lexicon(minimum: int = 500) -> list[TermSpec]:
    specs = fixture_terms()
    generated = itertools.product(QUALIFIERS, SUBJECTS, MEASURES)
    while len(specs) < minimum:
        qualifier, subject, measure = next(generated)
        key = len(specs)
        if key % 10 == 0:  # the rarer group first, as the admin help text asks of curators
            group = f"{qualifier}; {subject}"
            specs.append(TermSpec(key, ("synthetic", key % 40), PROXIMITY, measure, group, 5))
        else:
            specs.append(
                TermSpec(key, ("synthetic", key % 40), PHRASE, f"{qualifier} {subject} {measure}")
            )
    return specs


def cue_lists() -> tuple[dict, dict]:
    """The registry's cue lists as the matcher takes them: ({slug: [(kind, text), …]},
    {slug: reach}). A term that names a list is verified against it, as in suggest."""
    data = yaml.safe_load((ROOT / "fixtures/registry/cues.yaml").read_text(encoding="utf-8"))
    cues, reach = {}, {}
    for entry in data["cue_lists"]:
        cues[entry["slug"]] = [
            (ABBREVIATION, cue["abbreviation"]) if isinstance(cue, dict) else (PHRASE, cue)
            for cue in entry.get("cues") or []
        ]
        reach[entry["slug"]] = entry.get("reach", "sentence")
    return cues, reach
