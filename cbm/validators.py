"""Validators shared by the models' fields, so the admin, the API and the commands (every
full_clean) refuse the same input with the same message."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters no name needs and no reader sees: controls (C0 and C1; a name is one line, so tab
# and newline too), format characters (zero-width spaces and joiners, the bidirectional
# overrides and isolates that reorder what follows them, the BOM, the soft hyphen), line and
# paragraph separators, private-use and surrogate code points.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}


def _invisible(character: str) -> bool:
    code = ord(character)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return noncharacter or unicodedata.category(character) in INVISIBLE_CATEGORIES


def visible_text(value: str) -> None:
    """A name, label or term holds only characters a reader sees: one that looks right but
    holds a zero-width space never matches, sorts or is found as typed, and a right-to-left
    override shows it reversed."""
    for position, character in enumerate(value, start=1):
        if _invisible(character):
            name = unicodedata.name(character, "")
            raise ValidationError(
                _(
                    "Character %(position)s is an invisible or control character "
                    "(%(character)s): remove it (retype the text if it was pasted)."
                ),
                code="invisible_character",
                params={
                    "position": position,
                    "character": f"U+{ord(character):04X} {name}".strip(),
                },
            )
