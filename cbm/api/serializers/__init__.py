"""Serializers with explicit fields. Writes that carry rules go through cbm.ingest and
cbm.curation, never through serializer.save() on the model.

One module per concept: fields (strict JSON fields), taxonomy (categories, measure types,
terms, instruments, provisions, actors), texts (documents, passages) and links (mentions,
citations, positions; read and written)."""

from .fields import (
    RealDateField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from .links import (
    CitationSerializer,
    CitationWriteSerializer,
    LinkSerializer,
    LinkWriteSerializer,
    MentionSerializer,
    MentionWriteSerializer,
    PositionSerializer,
    PositionWriteSerializer,
    ReviewSerializer,
)
from .taxonomy import (
    ActorSerializer,
    CategorySerializer,
    CuratorTermSerializer,
    InstrumentSerializer,
    LegalBasisSerializer,
    MeasureTypeSerializer,
    ParticipationSerializer,
    ProvisionBriefSerializer,
    ProvisionSerializer,
    PublishedFigureSerializer,
    QualityFigureSerializer,
    StatusChangeSerializer,
    TermSerializer,
    ThresholdSerializer,
)
from .texts import (
    DocumentCreateSerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentWithdrawalSerializer,
    PassageLinkSerializer,
    PassageSerializer,
)

__all__ = [
    "ActorSerializer",
    "CategorySerializer",
    "CitationSerializer",
    "CitationWriteSerializer",
    "CuratorTermSerializer",
    "DocumentCreateSerializer",
    "DocumentDetailSerializer",
    "DocumentSerializer",
    "DocumentWithdrawalSerializer",
    "InstrumentSerializer",
    "LegalBasisSerializer",
    "LinkSerializer",
    "LinkWriteSerializer",
    "MeasureTypeSerializer",
    "MentionSerializer",
    "MentionWriteSerializer",
    "ParticipationSerializer",
    "PassageLinkSerializer",
    "PassageSerializer",
    "PositionSerializer",
    "PositionWriteSerializer",
    "ProvisionBriefSerializer",
    "ProvisionSerializer",
    "PublishedFigureSerializer",
    "QualityFigureSerializer",
    "RealDateField",
    "ReviewSerializer",
    "StatusChangeSerializer",
    "StrictBooleanField",
    "StrictCharField",
    "StrictIntegerField",
    "TermSerializer",
    "ThresholdSerializer",
]
