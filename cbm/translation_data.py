"""Load the translations of the registry's curated text (fixtures/registry/translations.yaml)
into the "… in <language>" fields.

Each translated field is filled once (Loader.fill, the rule load_registry keeps for every row):
a translation the file adds later still reaches a database whose records were loaded before
it, and one a curator wrote, changed or emptied in the admin is never replaced (unless update).

Records are named by slug; provisions by instrument slug, then label. Thresholds are many and
their words few, so their translations are given by the English words, for every threshold
that has them: `quantity` and `note` by their English text, `unit` by its English text with
its Russian forms, the one a threshold's comparison and value take (unit_form). Legal bases
have no slug either: a legal basis's `note` is translated by its English text too, so a note
whose English a curator rewrites is no longer given the old translation.
"""

from .models import Actor, Category, Instrument, LegalBasis, MeasureType, Provision, Threshold

# Per kind of record in the file: its model and the fields that have translations.
TRANSLATED = {
    "categories": (Category, ("name", "description")),
    "measure_types": (MeasureType, ("name", "definition")),
    "instruments": (Instrument, ("short_name", "title", "description")),
    "actors": (Actor, ("name",)),
    "provisions": (Provision, ("label", "title", "summary")),
    "thresholds": (Threshold, ("quantity", "unit", "note")),
    "legal_bases": (LegalBasis, ("note",)),
}


def unit_form(forms, value: int, comparison: str) -> str:
    """The form of a Russian unit after a threshold's comparison and value. forms is one text
    (км) or [nominative singular, genitive singular, genitive plural]: «не менее», «более» and
    «не более» govern the genitive (не менее 21 дня, 42 дней); «ровно» the nominative
    (ровно 1 учение, 3 дня, 5 дней: after 2–4 the genitive singular)."""
    if isinstance(forms, str):
        return forms
    if not (isinstance(forms, list) and len(forms) == 3):
        raise ValueError(
            "a unit is one text, or [nominative singular, genitive singular, genitive plural]"
        )
    one = value % 10 == 1 and value % 100 != 11
    few = 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14
    if comparison == Threshold.Comparison.EXACTLY:
        return forms[0] if one else forms[1] if few else forms[2]
    return forms[1] if one else forms[2]


def _text(text) -> str:
    return " ".join(str(text).split())


def load_translations(loader, data: dict):
    from .registry_data import RegistryDataError, check_keys

    for language, kinds in (data or {}).items():
        where = f"translations.yaml, {language}"
        if not isinstance(kinds, dict):
            raise RegistryDataError(f"{where}: a mapping of kinds of record")
        check_keys(kinds, set(TRANSLATED), where)
        for kind, entries in kinds.items():
            k_where = f"{where}, {kind}"
            model, fields = TRANSLATED[kind]
            for column in (f"{field}_{language}" for field in fields):
                if not any(f.name == column for f in model._meta.fields):
                    raise RegistryDataError(f"{k_where}: no field {column}")
            name = f"{model._meta.verbose_name} translations"
            if kind == "thresholds":
                _load_thresholds(loader, language, entries or {}, k_where, name)
                continue
            if kind == "legal_bases":
                _load_legal_bases(loader, language, entries or {}, k_where, name)
                continue
            for key, texts in _records(kind, entries or {}, k_where):
                e_where = f"{k_where}, {' '.join(key)}"
                if not isinstance(texts, dict):
                    raise RegistryDataError(f"{e_where}: a mapping of field to text")
                check_keys(texts, set(fields), e_where)
                obj = _find(model, key)
                if obj is None:
                    raise RegistryDataError(f"{e_where}: no such {model._meta.verbose_name}")
                values = {f"{field}_{language}": _text(text) for field, text in texts.items()}
                loader.fill(obj, values, name)


def _records(kind, entries: dict, where: str):
    """(key, texts) of each record: (slug,), or (instrument slug, label) for provisions."""
    from .registry_data import RegistryDataError

    if kind != "provisions":
        yield from (((slug,), texts) for slug, texts in entries.items())
        return
    for instrument, provisions in entries.items():
        if not isinstance(provisions, dict):
            raise RegistryDataError(f"{where}, {instrument}: a mapping of label to texts")
        yield from (((instrument, str(label)), texts) for label, texts in provisions.items())


def _find(model, key):
    if model is Provision:
        return Provision.objects.filter(instrument__slug=key[0], label=key[1]).first()
    return model.objects.filter(slug=key[0]).first()


def _load_thresholds(loader, language, words: dict, where: str, name: str):
    from .registry_data import RegistryDataError, check_keys

    check_keys(words, {"quantity", "unit", "note"}, where)
    for field, texts in words.items():
        if not isinstance(texts, dict):
            raise RegistryDataError(f"{where}, {field}: a mapping of English text to Russian")
    by = {
        field: {_text(english): text for english, text in (words.get(field) or {}).items()}
        for field in ("quantity", "unit", "note")
    }
    for threshold in Threshold.objects.order_by("pk"):
        values = {}
        for field, texts in by.items():
            english = _text(getattr(threshold, field))
            if english and english in texts:
                try:
                    text = texts[english]
                    if field == "unit":
                        text = unit_form(text, threshold.value, threshold.comparison)
                except ValueError as error:
                    raise RegistryDataError(f"{where}, {field} {english!r}: {error}") from None
                values[f"{field}_{language}"] = _text(text)
        if values:
            loader.fill(threshold, values, name)


def _load_legal_bases(loader, language, words: dict, where: str, name: str):
    """Each legal basis's note_<language>, by the English text of its note."""
    from .registry_data import RegistryDataError, check_keys

    check_keys(words, {"note"}, where)
    texts = words.get("note") or {}
    if not isinstance(texts, dict):
        raise RegistryDataError(f"{where}, note: a mapping of English text to Russian")
    by_english = {_text(english): _text(text) for english, text in texts.items()}
    for legal_basis in LegalBasis.objects.exclude(note="").order_by("pk"):
        text = by_english.get(_text(legal_basis.note))
        if text:
            loader.fill(legal_basis, {f"note_{language}": text}, name)
