"""Load taxonomy.yaml and legal_bases.yaml: categories, measure types and their legal bases."""

from .models import Category, LegalBasis, MeasureType, Provision, Threshold
from .registry_data import QUOTED, RegistryDataError, check_keys, load_terms, quoted_values


def load_measure_types(loader, category, entries, parent=None):
    for order, entry in enumerate(entries):
        where = f"taxonomy.yaml, {entry.get('slug')}"
        check_keys(entry, {"slug", "name", "definition", "scope_note", "terms", "subtypes"}, where)
        values = {
            "name": entry["name"],
            "category": category,
            "parent": parent,
            "definition": " ".join(entry["definition"].split()),
            "scope_note": " ".join(entry.get("scope_note", "").split()),
            "order": order,
        }
        measure_type, _ = loader.save(MeasureType, {"slug": entry["slug"]}, values, where)
        load_terms(loader, "measure_type", measure_type, entry.get("terms"), where)
        load_measure_types(loader, category, entry.get("subtypes", []), parent=measure_type)


def load_taxonomy(loader, data):
    for order, entry in enumerate(data.get("categories", [])):
        where = f"taxonomy.yaml, {entry.get('slug')}"
        check_keys(entry, {"slug", "name", "description", "measure_types"}, where)
        values = {
            "name": entry["name"],
            "description": entry.get("description", ""),
            "order": order,
        }
        category, _ = loader.save(Category, {"slug": entry["slug"]}, values, where)
        load_measure_types(loader, category, entry.get("measure_types", []))


def load_legal_bases(loader, data):
    for entry in data.get("legal_bases", []):
        where = f"legal_bases.yaml, {entry.get('measure_type')}"
        check_keys(entry, {"measure_type", "bases"}, where)
        try:
            measure_type = MeasureType.objects.get(slug=entry["measure_type"])
        except MeasureType.DoesNotExist:
            raise RegistryDataError(f"{where}: no such measure type") from None
        for basis in entry["bases"]:
            b_where = f"{where}, {basis.get('instrument')} {basis.get('provision')}"
            check_keys(basis, {"instrument", "provision", "note", "thresholds"}, b_where)
            try:
                provision = Provision.objects.get_by_natural_key(
                    basis["instrument"], basis["provision"]
                )
            except Provision.DoesNotExist:
                raise RegistryDataError(f"{b_where}: no such provision") from None
            legal_basis, _ = loader.save(
                LegalBasis,
                {"measure_type": measure_type, "provision": provision},
                {"note": basis.get("note", "")},
                b_where,
            )
            for threshold in basis.get("thresholds") or []:
                t_where = f"{b_where}, threshold {threshold.get('quantity')!r}"
                allowed = {"quantity", "comparison", "value", "unit", "cited_as", "note", *QUOTED}
                check_keys(threshold, allowed, t_where)
                t_values = {
                    key: threshold[key]
                    for key in allowed - {"quantity", *QUOTED}
                    if key in threshold
                }
                t_values.update(quoted_values(threshold))
                lookup = {"legal_basis": legal_basis, "quantity": threshold["quantity"]}
                loader.save(Threshold, lookup, t_values, t_where)
