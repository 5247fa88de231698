"""How to cite a passage: plain text, BibTeX, RIS and CSL-JSON from one record.

Pure Python (no Django): the permalink view fills a Reference and picks a format. The cited
work is the document as published (its source URL when known); the registry's permalink to
the paragraph and the date the reader saw it travel with it.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

REGISTRY = "CBM Registry"

# Document kinds (cbm.models.Document.Kind) as CSL item types, RIS reference types.
CSL_TYPES = {
    "news": "article-newspaper",
    "statement": "document",
    "treaty_text": "treaty",
    "transcript": "speech",
    "analysis": "report",
}
RIS_TYPES = {"news": "NEWS", "statement": "GOVDOC", "treaty_text": "STAT", "analysis": "RPRT"}


@dataclass(frozen=True)
class Reference:
    title: str
    paragraph: int
    permalink: str
    accessed: date
    publisher: str = ""
    published: date | None = None
    source_url: str = ""
    kind: str = "other"
    key: str = "passage"

    @property
    def url(self) -> str:
        """What a reader follows: the original when known, else the registry's copy."""
        return self.source_url or self.permalink


FORMATS = {
    # name: (media type, file extension)
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}


def plain(
    ref: Reference,
    *,
    paragraph: str = "paragraph {n}",
    accessed: str = "accessed {date}",
    registry: str = REGISTRY,
    day=None,
) -> str:
    """One line to paste: publisher, “title”, date, URL, paragraph, permalink, accessed.
    The words and the dates' form may be given in the reader's language (the permalink page)."""
    day = day or long_date
    parts = [ref.publisher] if ref.publisher else []
    parts.append(f"“{ref.title}”")
    if ref.published:
        parts.append(day(ref.published))
    if ref.source_url:
        parts.append(ref.source_url)
    parts.append(paragraph.format(n=ref.paragraph))
    parts.append(f"{registry}, {ref.permalink}")
    return ", ".join(parts) + f" ({accessed.format(date=day(ref.accessed))})."


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# -- BibTeX (biblatex @online) -------------------------------------------------------------------

BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex_url(url: str) -> str:
    """URLs are verbatim in biblatex; only what would unbalance the braces is encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def bibtex(ref: Reference) -> str:
    fields = [("title", "{" + bibtex_escape(ref.title) + "}")]
    if ref.publisher:
        fields.append(("organization", bibtex_escape(ref.publisher)))
    if ref.published:
        fields.append(("date", ref.published.isoformat()))
    fields += [
        ("url", bibtex_url(ref.url)),
        ("urldate", ref.accessed.isoformat()),
        ("note", f"Paragraph {ref.paragraph}; {REGISTRY}: \\url{{{bibtex_url(ref.permalink)}}}"),
    ]
    key = re.sub(r"[^A-Za-z0-9:-]", "-", ref.key)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{key},\n{body}\n}}\n"


# -- RIS -----------------------------------------------------------------------------------------


def ris(ref: Reference) -> str:
    """RIS: a TY line first, ER last, each "XX  - value" (CRLF, as the format asks)."""

    def one_line(text: str) -> str:
        return " ".join(text.split())

    lines = [("TY", RIS_TYPES.get(ref.kind, "ELEC")), ("TI", one_line(ref.title))]
    if ref.publisher:
        lines.append(("PB", one_line(ref.publisher)))
    if ref.published:
        lines += [("PY", str(ref.published.year)), ("DA", ref.published.strftime("%Y/%m/%d"))]
    if ref.source_url:
        lines.append(("UR", ref.source_url))
    lines += [
        ("UR", ref.permalink),
        ("Y2", ref.accessed.strftime("%Y/%m/%d")),
        ("DB", REGISTRY),
        ("N1", f"Paragraph {ref.paragraph}. Permalink: {ref.permalink}"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}".rstrip(" ") + "\r\n" for tag, value in lines)


# -- CSL-JSON ------------------------------------------------------------------------------------


def date_parts(day: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl(ref: Reference) -> dict:
    item = {
        "id": ref.key,
        "type": CSL_TYPES.get(ref.kind, "webpage"),
        "title": ref.title,
        "URL": ref.url,
        "accessed": date_parts(ref.accessed),
        "archive": REGISTRY,
        "archive_location": ref.permalink,
        "note": f"Paragraph {ref.paragraph}",
    }
    if ref.publisher:
        item["publisher"] = ref.publisher
        if ref.kind == "news":
            item["container-title"] = ref.publisher
    if ref.published:
        item["issued"] = date_parts(ref.published)
    return item


def csl_json(ref: Reference) -> str:
    """A CSL-JSON file is a list of items (what Zotero and citeproc read)."""
    return json.dumps([csl(ref)], ensure_ascii=False, indent=2) + "\n"


RENDER = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}
