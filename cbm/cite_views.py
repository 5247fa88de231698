"""A passage's citation as a file to download: BibTeX, RIS or CSL-JSON (cbm.citing)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .citing import FORMATS, RENDER, Reference
from .models import Passage


def reference_for(passage, request) -> Reference:
    """What a reader cites: the passage's document, its permalink, accessed today."""
    document = passage.document
    return Reference(
        title=document.title,
        paragraph=passage.ordinal,
        permalink=request.build_absolute_uri(passage.get_absolute_url()),
        accessed=timezone.localdate(),
        publisher=document.publisher,
        published=document.published_on,
        source_url=document.url,
        kind=document.kind,
        key=f"cbm-{document.pk}-p{passage.ordinal}",
    )


def cite_download(request, document, ordinal, format):
    """One query: the passage with its document (withdrawn ones only for curators)."""
    if format not in FORMATS:
        raise Http404("No such citation format.")
    passages = Passage.objects.select_related("document").defer("document__body", "text")
    if not request.user.has_perm("cbm.change_document"):
        passages = passages.public()
    passage = get_object_or_404(passages, document_id=document, ordinal=ordinal)
    ref = reference_for(passage, request)
    media_type, extension = FORMATS[format]
    response = HttpResponse(RENDER[format](ref), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ref.key}.{extension}"'
    return response
