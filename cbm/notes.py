"""Curators' working notes in registry text ("(label to check)", "(figures to check)") are for
curators: the public sees the text without them, marked unverified instead."""

import re

WORKING_NOTE = re.compile(r"\s*\([^()]*\bto check\b[^()]*\)|\s*\([^()]*\bcheck against\b[^()]*\)")


def split_working_notes(text: str) -> tuple[str, bool]:
    """The text without its working notes, and whether it had any (then it is unverified)."""
    clean, found = WORKING_NOTE.subn("", text or "")
    return clean, bool(found)
