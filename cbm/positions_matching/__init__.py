"""The position finder (see finder.py): plain Python with no Django import."""

from .finder import PositionFinder
from .words import ROLES, CueSpec, FoundPosition, PositionWords, TargetSpan, sentence_spans

__all__ = [
    "ROLES",
    "CueSpec",
    "FoundPosition",
    "PositionFinder",
    "PositionWords",
    "TargetSpan",
    "sentence_spans",
]
