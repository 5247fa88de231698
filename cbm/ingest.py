"""Text → Document + Passages. The one ingest path: the command, the admin upload and the
API all call ingest_bytes() / ingest_file().

The body is stored exactly as decoded (strict UTF-8, a BOM dropped, newlines normalised to
\\n) so that every offset the registry publishes points into the text as ingested.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .language import detect_language
from .matching import Matcher
from .models import Document, Passage
from .models.texts import plausible
from .positions import suggest_positions
from .suggest import suggest_for_document

SUPPORTED_SUFFIXES = (".txt", ".md")

# " date 2022-01-09 According to …": a scraper's marker, not part of the prose.
DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
# "Moscow (Washington Insider Magazine) -A current …": a news dateline, part of the lead.
# Matched at the prose's start (after a date marker, if any): never \A, which only ever means
# the start of the whole text.
DATELINE = re.compile(r"([A-Z][\w.'’ -]{1,40}?)\s*\(([^()\n]{2,100})\)\s*[-–—]+\s*")
HEADLINE_MAX = 120
BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
# A line that ends a sentence; a block whose lines all do is one paragraph per line.
SENTENCE_END = re.compile(r"""[.!?:;"'”’»)\]…]\s*\Z""")
SENTENCE_BREAK = re.compile(r"""(?<=[.!?])["”’]?\s+(?=["“‘(]?[A-Z0-9])""")
TITLE_MAX = 160
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row: the least a text of prose has
# A block longer than this is not a paragraph (a text with no blank lines, say): it is cut at
# sentence ends into passages of at most this many characters, so no passage is unwieldy.
PASSAGE_MAX = 3000
SENTENCE_CUT = re.compile(r"""[.!?]["'”’)\]]*\s+""")
# Control characters XML cannot carry (tab, newline and carriage return are fine), and the
# noncharacters U+FFFE/U+FFFF: a text holding one could not be exported or backed up as XML.
CONTROL = re.compile(rb"[\x01-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


class IngestError(ValueError):
    """Input that cannot become a document. str() is a one-line message for a person, in the
    language active when it was raised (Russian under /ru/admin/, English for the API and the
    commands): "<the file> is empty"."""


class DateConflict(IngestError):
    """The text is already a document, and the caller gave it another publication date:
    nothing is changed (a stored date may be a curator's correction), and the caller learns
    which document it is and the date it has."""

    def __init__(self, document: Document, given: datetime.date):
        self.document, self.given = document, given
        values = {"id": document.pk, "title": document.title, "given": given.isoformat()}
        if document.published_on is None:
            message = _(
                "is already document %(id)s (“%(title)s”), which has no publication date, not "
                "%(given)s: nothing was changed (a curator sets the date in the admin)"
            )
        else:
            values["stored"] = document.published_on.isoformat()
            message = _(
                "is already document %(id)s (“%(title)s”), published on %(stored)s, not "
                "%(given)s: nothing was changed (a curator corrects a wrong date in the admin)"
            )
        super().__init__(message % values)


@dataclass(frozen=True)
class IngestResult:
    document: Document
    created: bool
    passages: int
    suggestions: int = 0  # pending links the matcher proposed for a new document

    @property
    def outcome(self) -> str:
        return "created" if self.created else "unchanged"


def already_there(document: Document, passages: int, published_on=None) -> IngestResult:
    """The result for a text that is already `document`: unchanged, or DateConflict if the
    caller gave a date it does not have. (The text's own date marker is no new claim: it was
    read the first time, and a curator may have corrected the date since.)"""
    try:  # (a caller may give the date as text, as the model takes it)
        published_on = Document._meta.get_field("published_on").to_python(published_on)
    except ValidationError as error:
        raise IngestError(_one_line(error)) from None
    if published_on is not None and published_on != document.published_on:
        raise DateConflict(document, published_on)
    return IngestResult(document, created=False, passages=passages)


def outcome_label(outcome: str) -> str:
    """A file's outcome ("created", "unchanged", as kept in a job's result) in the active
    language, for the ingest and job pages."""
    labels = {"created": _("created"), "unchanged": _("unchanged")}
    return labels.get(outcome, outcome)


def decode(data: bytes, *, max_bytes: int | None = None) -> str:
    """Strict UTF-8 → text with \\n newlines, or IngestError saying what is wrong."""
    check_size(len(data), max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(_("is UTF-16 encoded; convert it to UTF-8"))
    nul = data.find(b"\x00")
    if nul != -1:
        raise IngestError(_("looks binary (NUL byte at byte offset %(offset)s)") % {"offset": nul})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(
            _("is not valid UTF-8: byte %(byte)s at byte offset %(offset)s")
            % {"byte": f"0x{data[error.start]:02x}", "offset": error.start}
        ) from None
    control = CONTROL.search(data)
    if control:
        raise IngestError(
            _(
                "contains a control character (%(character)s) at byte offset %(offset)s; "
                "XML cannot carry it"
            )
            % {
                "character": f"U+{ord(control.group().decode()):04X}",
                "offset": control.start(),
            }
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(_("is empty") if not text else _("contains only whitespace"))
    return text


def check_size(size: int, max_bytes: int | None = None) -> None:
    """IngestError if a text of size bytes is over the limit (the setting by default)."""
    max_bytes = settings.CBM_INGEST_MAX_BYTES if max_bytes is None else max_bytes
    if size > max_bytes:
        raise IngestError(
            _("is %(size)s, larger than the %(limit)s limit")
            % {"size": _size(size), "limit": _size(max_bytes)}
        )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{n / 1024 / 1024:.1f}"}
    return _("%(n)s bytes") % {"n": f"{n:,}"}


@dataclass(frozen=True)
class TextMetadata:
    """What the text says about itself, and where its prose starts."""

    content_start: int = 0
    published_on: datetime.date | None = None
    publisher: str = ""
    place: str = ""


def publication_date_problem(published_on: datetime.date | str | None) -> str:
    """Why a publication date cannot be right, or "": before 1900 or after tomorrow is a
    mistyped year (0202 for 2022), and one such date stretches every timeline over centuries
    (the documents page filters years 1900-2100)."""
    if isinstance(published_on, str):  # as callers may give it; a malformed one is the model's
        try:
            published_on = datetime.date.fromisoformat(published_on)
        except ValueError:
            return ""
    if published_on is None or plausible(published_on):
        return ""
    return _(
        "%(date)s cannot be a publication date: it must lie between 1900 and today "
        "(a mistyped year?)."
    ) % {"date": published_on.isoformat()}


def read_metadata(body: str) -> TextMetadata:
    content_start, published_on = 0, None
    if marker := DATE_MARKER.match(body):
        try:
            published_on = datetime.date.fromisoformat(marker.group(1))
        except ValueError:
            raise IngestError(
                _("has a date marker %(marker)r that is not a real date")
                % {"marker": marker.group(1)}
            ) from None
        content_start = marker.end()
    if dateline := DATELINE.match(body, content_start):
        return TextMetadata(
            content_start, published_on, dateline.group(2).strip(), dateline.group(1).strip()
        )
    return TextMetadata(content_start, published_on)


def split_passages(body: str, start: int = 0) -> list[tuple[int, int]]:
    """Paragraph spans (start, end) of body[start:], in order, trimmed, never blank.

    Blocks are separated by blank lines. Inside a block, lines that each end a sentence are
    one paragraph per line (scraped news); otherwise the block is one hard-wrapped paragraph.
    """
    spans = []
    for block_start, block_end in _blocks(body, start):
        lines = _lines(body, block_start, block_end)
        one_per_line = all(SENTENCE_END.search(body[s:e]) for s, e in lines[:-1])
        for span in lines if one_per_line else [(lines[0][0], lines[-1][1])]:
            spans.extend(_cut_long(body, *span))
    return spans


def _cut_long(body, start, end):
    """(start, end), or pieces of it no longer than PASSAGE_MAX, cut after sentence ends where
    there are any, else at a space, else anywhere; each piece trimmed."""
    while end - start > PASSAGE_MAX:
        limit = start + PASSAGE_MAX
        cut = None
        for found in SENTENCE_CUT.finditer(body, start + PASSAGE_MAX // 2, limit):
            cut = found.end()
        if cut is None:
            space = body.rfind(" ", start + PASSAGE_MAX // 2, limit)
            cut = space + 1 if space != -1 else limit
        piece = _trim(body, start, cut)
        if piece:
            yield piece
        start = cut
    piece = _trim(body, start, end)
    if piece:
        yield piece


def _blocks(body, start):
    position = start
    for gap in BLANK_LINE.finditer(body, start):
        yield position, gap.start()
        position = gap.end()
    yield position, len(body)


def _lines(body, start, end):
    """Non-blank lines of body[start:end] as trimmed spans."""
    spans, position = [], start
    while position <= end:
        newline = body.find("\n", position, end)
        line_end = end if newline == -1 else newline
        span = _trim(body, position, line_end)
        if span:
            spans.append(span)
        position = line_end + 1
    return spans


def _trim(body, start, end):
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def derive_title(text: str) -> str:
    """A headline (a short first line without a final full stop, not continued in lower case
    on the next line); otherwise the first sentence, cut at a word boundary if long."""
    first, _sep, rest = text.lstrip("#> ").partition("\n")
    first = " ".join(first.split())
    continued = rest.lstrip()[:1].islower()
    short = first and len(first) <= HEADLINE_MAX
    if short and not continued and not first.endswith((".", ",", ";", ":")):
        return first
    text = " ".join(text.lstrip("#> ").split())
    sentence = SENTENCE_BREAK.split(text, maxsplit=1)[0]
    if len(sentence) <= TITLE_MAX:
        return sentence
    return sentence[: TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def ingest_bytes(
    data: bytes, *, suggest: bool = True, matcher: Matcher | None = None, **metadata
) -> IngestResult:
    """Store one text as a Document with its Passages; the same text twice is one document.

    metadata (prepare's arguments: source_name, title, published_on, publisher, url, kind,
    language, max_bytes) override what the text itself says. With suggest, the matcher's links for
    the new passages are written in the same transaction. Raises IngestError, writing nothing.
    """
    document, spans = prepare(data, **metadata)
    given = metadata.get("published_on")
    existing = Document.objects.filter(sha256=document.sha256).first()
    if existing:
        return already_there(existing, existing.passages.count(), given)
    try:
        document.full_clean()
    except ValidationError as error:
        raise IngestError(_one_line(error)) from None
    suggestions = 0
    try:
        with transaction.atomic():
            document.save()
            Passage.objects.bulk_create(passages_of(document, spans))
            if suggest:
                suggestions = suggest_for_document(document, matcher=matcher).created
                suggest_positions(Document.objects.filter(pk=document.pk))
    except IntegrityError:
        # The same text arrived concurrently: the other request's document stands.
        existing = Document.objects.filter(sha256=document.sha256).first()
        if existing is None:
            raise
        return already_there(existing, existing.passages.count(), given)
    return IngestResult(document, created=True, passages=len(spans), suggestions=suggestions)


def prepare(
    data: bytes,
    *,
    source_name: str = "",
    title: str | None = None,
    published_on: datetime.date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    max_bytes: int | None = None,
) -> tuple[Document, list[tuple[int, int]]]:
    """The unsaved Document a text makes and its paragraphs' spans, without reading the
    database (full_clean is the caller's); raises IngestError."""
    body = decode(data, max_bytes=max_bytes)
    if not WORD.search(body):
        raise IngestError(_("has no words, only numbers or symbols"))
    found = read_metadata(body)
    spans = split_passages(body, found.content_start)
    if not spans:
        raise IngestError(_("has no paragraphs of text after its metadata"))
    first_passage = body[spans[0][0] : spans[0][1]]
    if dateline := DATELINE.match(first_passage):
        first_passage = first_passage[dateline.end() :]
    if problem := publication_date_problem(published_on or found.published_on):
        raise IngestError(_("has a wrong date: %(problem)s") % {"problem": problem})
    document = Document(
        kind=kind or Document.Kind.OTHER,
        title=title or derive_title(first_passage),
        publisher=publisher if publisher is not None else found.publisher,
        url=url or "",
        published_on=published_on or found.published_on,
        language=language or detect_language(body),
        source_name=source_name[:255],
        body=body,
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )
    return document, spans


def passages_of(document: Document, spans) -> list[Passage]:
    body = document.body
    return [
        Passage(
            document=document, ordinal=n, start=s, end=e, text=body[s:e], language=document.language
        )
        for n, (s, e) in enumerate(spans, start=1)
    ]


def ingest_file(path: Path | str, **overrides) -> IngestResult:
    """ingest_bytes() for a file on disk, read no further than the size limit."""
    max_bytes = overrides.pop("max_bytes", None)
    max_bytes = settings.CBM_INGEST_MAX_BYTES if max_bytes is None else max_bytes
    data = read_file(path, max_bytes)
    return ingest_bytes(data, source_name=Path(path).name, max_bytes=max_bytes, **overrides)


def read_file(path: Path | str, max_bytes: int) -> bytes:
    """A .txt or .md file's bytes, read no further than max_bytes + 1; IngestError if not."""
    path = Path(path)
    if not path.exists() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        # (a mistyped folder, most likely: "not a .txt or .md file" would send one looking)
        raise IngestError(_("is neither a file nor a folder here"))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(_("is not a .txt or .md file"))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                check_size(path.stat().st_size, max_bytes)
    except OSError as error:
        raise IngestError(_("cannot be read: %(error)s") % {"error": error.strerror}) from None
    return data


def collect_paths(paths) -> list[Path]:
    """Files named, and .txt/.md files under folders named, sorted, each once."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
