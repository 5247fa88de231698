"""Merge actors listed twice in an old actors.yaml, as the loader of then did: the first entry's
fields, both entries' terms (for lexicons_before.sh; today's loader refuses duplicates)."""

import sys
from pathlib import Path

import yaml


def main(path: str):
    file = Path(path)
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    merged, twice = {}, []
    for entry in data.get("actors", []):
        first = merged.setdefault(entry["slug"], entry)
        if first is not entry:
            twice.append(entry["slug"])
            first["terms"] = [*first.get("terms", []), *entry.get("terms", [])]
    if twice:
        data["actors"] = list(merged.values())
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        print(f"{path}: merged {', '.join(twice)}")


if __name__ == "__main__":
    main(sys.argv[1])
