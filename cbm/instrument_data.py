"""Load actors.yaml and instruments.yaml: actors, instruments, parties and provisions."""

from datetime import date

from .models import Actor, Instrument, InstrumentStatusChange, Participation, Provision
from .registry_data import QUOTED, RegistryDataError, check_keys, load_terms, quoted_values
from .status import sync_status


def load_actors(loader, data):
    seen, continuations = set(), []
    for entry in data.get("actors", []):
        where = f"actors.yaml, {entry.get('slug')}"
        keys = {"slug", "name", "kind", "iso", "historical", "terms", "continues", "since"}
        check_keys(entry, keys, where)
        # a second entry would silently keep the first one's name and add its own terms
        if entry.get("slug") in seen:
            raise RegistryDataError(f"{where}: this actor is listed twice; merge the entries")
        seen.add(entry.get("slug"))
        values = {
            "name": entry["name"],
            "kind": entry.get("kind", Actor.Kind.STATE),
            "iso_code": entry.get("iso", ""),
            "historical": entry.get("historical", False),
        }
        actor, _ = loader.save(Actor, {"slug": entry["slug"]}, values, where)
        load_terms(loader, "actor", actor, entry.get("terms"), where)
        if "continues" in entry or "since" in entry:
            continuations.append((actor, entry, where))
    # the state continued may come later in the file
    for actor, entry, where in continuations:
        if not entry.get("continues") or not isinstance(entry.get("since"), date):
            raise RegistryDataError(
                f"{where}: 'continues' needs a 'since' date, and 'since' a state"
            )
        continued = Actor.objects.filter(slug=entry["continues"]).first()
        if continued is None:
            raise RegistryDataError(f"{where}: continues unknown actor {entry['continues']!r}")
        if continued == actor:
            raise RegistryDataError(f"{where}: an actor cannot continue itself")
        values = {"continues": continued, "continues_since": entry["since"]}
        loader.fill(actor, values, Actor._meta.verbose_name_plural)


INSTRUMENT_FIELDS = {
    "short_name": "",
    "title": "",
    "kind": "",
    "region": Instrument.Region.EURO_ATLANTIC,
    "status": "",
    "status_note": "",
    "signed_at": "",
    "signed_on": None,
    "in_force_on": None,
    "ended_on": None,
    "description": "",
    "source_url": "",
}


# A participation as written in the files (short keys) → Participation fields.
PARTICIPATION_KEYS = {
    "role": "role",
    "signed": "signed_on",
    "joined": "joined_on",
    "succeeded_from": "succeeded_from",
    "succeeded": "succeeded_on",
    "suspended": "suspended_on",
    "withdrew": "withdrew_on",
    "source": "source_note",
    "url": "source_url",
}


def actor_by_slug(actors: dict, slug, where: str) -> Actor:
    if slug not in actors:
        raise RegistryDataError(f"{where}: unknown actor {slug}")
    return actors[slug]


def load_participations(loader, instrument, entry, actors, where):
    """`parties` lists the original signatories (signed on the instrument's date, role party —
    participating State for a political document); `participations` adds or corrects rows."""
    role = (
        Participation.Role.PARTICIPATING_STATE
        if entry.get("kind") == Instrument.Kind.POLITICAL
        else Participation.Role.PARTY
    )
    rows = {
        slug: {
            "role": role,
            "signed_on": instrument.signed_on,
            "source_note": " ".join(entry.get("parties_source", "").split()),
        }
        for slug in entry.get("parties", [])
    }
    for row in entry.get("participations", []):
        r_where = f"{where}, participation {row.get('actor')}"
        check_keys(row, {"actor", *PARTICIPATION_KEYS}, r_where)
        values = rows.setdefault(row["actor"], {"role": role, "source_note": ""})
        for key, field in PARTICIPATION_KEYS.items():
            if key in row:
                values[field] = row[key]
        values["source_note"] = " ".join(str(values.get("source_note", "")).split())
    for slug, values in rows.items():
        p_where = f"{where}, participation {slug}"
        if values.get("succeeded_from"):
            values["succeeded_from"] = actor_by_slug(actors, values["succeeded_from"], p_where)
        lookup = {"instrument": instrument, "actor": actor_by_slug(actors, slug, p_where)}
        loader.save(Participation, lookup, values, p_where)


def load_status_history(loader, instrument, entries, where):
    for change in entries or []:
        c_where = f"{where}, status {change.get('status')} {change.get('date')}"
        check_keys(change, {"status", "date", "note", "source", "url"}, c_where)
        lookup = {"instrument": instrument, "status": change["status"], "date": change["date"]}
        values = {
            "note": " ".join(change.get("note", "").split()),
            "source_note": " ".join(change.get("source", "").split()),
            "source_url": change.get("url", ""),
        }
        loader.save(InstrumentStatusChange, lookup, values, c_where)
    sync_status(instrument)


def load_instruments(loader, data):
    actors = {actor.slug: actor for actor in Actor.objects.all()}
    record_keys = {"parties", "parties_source", "participations", "status_history"}
    for entry in data.get("instruments", []):
        where = f"instruments.yaml, {entry.get('slug')}"
        check_keys(entry, {"slug", "provisions", "terms", *record_keys, *INSTRUMENT_FIELDS}, where)
        values = {field: entry.get(field, default) for field, default in INSTRUMENT_FIELDS.items()}
        instrument, _ = loader.save(Instrument, {"slug": entry["slug"]}, values, where)
        load_participations(loader, instrument, entry, actors, where)
        load_status_history(loader, instrument, entry.get("status_history"), where)
        for order, provision in enumerate(entry.get("provisions", [])):
            p_where = f"{where}, provision {provision.get('label')}"
            allowed = {"label", "title", "summary", "text", "order", *QUOTED}
            check_keys(provision, allowed, p_where)
            p_values = {
                "title": provision.get("title", ""),
                "summary": provision.get("summary", ""),
                "text": provision.get("text", ""),
                "order": provision.get("order", order),
                **quoted_values(provision),
            }
            lookup = {"instrument": instrument, "label": provision["label"]}
            loader.save(Provision, lookup, p_values, p_where)
        load_terms(loader, "instrument", instrument, entry.get("terms"), where)
