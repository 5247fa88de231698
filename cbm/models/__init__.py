"""The registry's data model: the CBM taxonomy, the legal instruments, the documents and the
links between their passages and the taxonomy. See ../shared/DESIGN.md for the map.

Integrity lives in the database: check and unique constraints here, and triggers (migration
0002) for the rules that span two tables (a span lies inside its passage and its quote is
that slice; a passage is its document's body[start:end]). clean() mirrors them so the admin
shows a readable error instead of an IntegrityError.
"""

from .cues import Cue, CueList
from .curators import CuratorProfile
from .instruments import Actor, Instrument, LegalBasis, Provision, Threshold
from .jobs import Job
from .links import (
    DECIDED,
    Citation,
    Mention,
    Span,
    SpanQuerySet,
    is_decided,
    span_constraints,
)
from .loaded import LoadedField
from .positions import Position, PositionWord, Stance, StanceCue
from .quality import MeasureTypeModel, QualityFigure, Ranker
from .record import InstrumentStatusChange, Participation
from .taxonomy import Category, MeasureType, SlugQuerySet
from .terms import Term
from .texts import Document, Passage

__all__ = [
    "DECIDED",
    "Actor",
    "Category",
    "Citation",
    "Cue",
    "CueList",
    "CuratorProfile",
    "Document",
    "Instrument",
    "InstrumentStatusChange",
    "Job",
    "LegalBasis",
    "LoadedField",
    "MeasureType",
    "MeasureTypeModel",
    "Mention",
    "Participation",
    "Passage",
    "Position",
    "PositionWord",
    "Provision",
    "QualityFigure",
    "Ranker",
    "SlugQuerySet",
    "Span",
    "SpanQuerySet",
    "Stance",
    "StanceCue",
    "Term",
    "Threshold",
    "is_decided",
    "span_constraints",
]
