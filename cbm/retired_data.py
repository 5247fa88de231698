"""Cues the registry's files once held and took back (`retired_stance_cues` in
stance_cues.yaml). A database loaded before keeps every row the files ever gave it, since
load_registry never deletes; without this step a cue found harmful ("cease*" matched
"ceasefire") would go on suggesting positions in every registry but a new one.

Each retired cue is deactivated once, with a history record saying why, where the database
has it active. Once done (recorded as a LoadedField "retired"), it is the curators' again: a
curator who turns it back on is not overruled by the next load."""

from __future__ import annotations

from .models import LoadedField, Stance, StanceCue
from .registry_data import RegistryDataError, check_keys, stance_cue_lookup

REASON = "retired by the registry files"


def retire_stance_cues(loader, data) -> None:
    """retired_stance_cues: [{language, stance, phrase|proximity, near, why}, …]."""
    label = StanceCue._meta.label_lower
    for n, spec in enumerate(data.get("retired_stance_cues") or [], 1):
        where = f"stance_cues.yaml, retired_stance_cues #{n}"
        if not isinstance(spec, dict):
            raise RegistryDataError(f"{where}: a retired cue is a mapping")
        check_keys(spec, {"language", "stance", "phrase", "proximity", "near", "why"}, where)
        if spec.get("stance") not in Stance.values:
            raise RegistryDataError(f"{where}: unknown stance {spec.get('stance')!r}")
        if not spec.get("why"):
            raise RegistryDataError(f"{where}: say why the cue was retired (why: …)")
        language = spec.get("language", "en")
        lookup = stance_cue_lookup(spec, stance=spec["stance"], language=language)
        cue = StanceCue.objects.filter(**lookup).first()
        if cue is None:
            continue  # never loaded here: nothing to take back
        if (StanceCue, cue.pk) in loader.saved:
            raise RegistryDataError(f"{where}: {lookup['text']!r} is retired and still listed")
        if LoadedField.objects.filter(model=label, object_id=cue.pk, field="retired").exists():
            continue  # retired here once: whether it is on is the curators' now
        LoadedField.objects.create(model=label, object_id=cue.pk, field="retired")
        if cue.is_active:
            cue.is_active = False
            cue._change_reason = f"{REASON}: {spec['why']}"[:100]
            cue.save(update_fields=["is_active"])
            loader.counts[StanceCue._meta.verbose_name_plural, "retired"] += 1
