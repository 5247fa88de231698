"""Compiled Hyperscan databases kept on disk, so that a process (a suggest run, a web worker
after a term edit) loads a lexicon's database in milliseconds instead of compiling it again
(about two seconds of CPU for the registry's lexicon, most of it its proximity terms' pairs).

A database is stored under a hash of what it was compiled from (and of the Hyperscan
binding's version), in $CBM_HYPERSCAN_CACHE, or else $XDG_CACHE_HOME/cbm-registry/hyperscan
(~/.cache/… by default); CBM_HYPERSCAN_CACHE=off stores nothing. A file that cannot be read
or loaded (another Hyperscan's, cut short) is compiled again and replaced: the cache only
ever saves time. Each term edit makes a new lexicon, so the folder keeps the KEEP databases
used last (a read marks a file used) and removes the others."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

KEEP = 32  # databases kept (the registry's is about 2 MB)


def directory() -> Path | None:
    configured = os.environ.get("CBM_HYPERSCAN_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home directory: nothing is stored
        return None
    return Path(base) / "cbm-registry" / "hyperscan"


def path_for(version: str, compiled_from) -> Path | None:
    """Where the database compiled from compiled_from (its repr is hashed) is kept."""
    folder = directory()
    if folder is None:
        return None
    key = hashlib.sha256(repr((version, compiled_from)).encode("utf-8")).hexdigest()
    return folder / f"{key}.hsdb"


def read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        data = path.read_bytes()
        os.utime(path)  # used now: kept longer than the others
    except OSError:
        return None
    return data


def write(path: Path | None, data: bytes) -> None:
    """Stores data whole or not at all (a temporary file renamed), readable by this user only;
    a cache that cannot be written is no error."""
    if path is None:
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(path.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Remove all but the KEEP databases used last."""
    files = []
    for file in folder.glob("*.hsdb"):
        with contextlib.suppress(OSError):  # (removed meanwhile by another process)
            files.append((file.stat().st_mtime, file))
    for _, file in sorted(files, reverse=True)[KEEP:]:
        file.unlink(missing_ok=True)
