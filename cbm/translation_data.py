"""Load the translations of the registry's names and definitions (fixtures/registry/
translations.yaml) into the "… in <language>" fields.

A translation is written only where the field is empty (or with update=True): one a curator
wrote in the admin is never replaced, and a translation the file adds later still reaches a
database whose records were loaded before it.
"""

from .models import Actor, Category, Instrument, MeasureType

# Per kind of record in the file: its model and the fields that have translations.
TRANSLATED = {
    "categories": (Category, ("name", "description")),
    "measure_types": (MeasureType, ("name", "definition")),
    "instruments": (Instrument, ("short_name", "title", "description")),
    "actors": (Actor, ("name",)),
}


def load_translations(loader, data: dict):
    from .registry_data import RegistryDataError, check_keys

    for language, kinds in (data or {}).items():
        where = f"translations.yaml, {language}"
        if not isinstance(kinds, dict):
            raise RegistryDataError(f"{where}: a mapping of kinds of record")
        check_keys(kinds, set(TRANSLATED), where)
        for kind, entries in kinds.items():
            model, fields = TRANSLATED[kind]
            for slug, texts in (entries or {}).items():
                e_where = f"{where}, {kind}, {slug}"
                check_keys(texts, set(fields), e_where)
                columns = {
                    f"{field}_{language}": " ".join(text.split()) for field, text in texts.items()
                }
                for column in columns:
                    if not any(f.name == column for f in model._meta.fields):
                        raise RegistryDataError(f"{e_where}: no field {column}")
                obj = model.objects.filter(slug=slug).first()
                if obj is None:
                    raise RegistryDataError(f"{e_where}: no such {model._meta.verbose_name}")
                missing = {
                    column: text
                    for column, text in columns.items()
                    if loader.update or not getattr(obj, column)
                }
                name = f"{model._meta.verbose_name} translations"
                if not missing:
                    loader.counts[name, "kept"] += 1
                    continue
                for column, text in missing.items():
                    setattr(obj, column, text)
                obj.save(update_fields=list(missing))
                loader.counts[name, "updated"] += 1
