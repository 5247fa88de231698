"""Floors for python -m bench.scale: bare JsonResponse views over the same rows as the API,
one raw SQL query each, no serializer, no filter backend, no pagination class."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path

from cbm.api.serializers import MentionSerializer

MENTIONS = """
SELECT m.id, m.passage_id, p.document_id, p.ordinal, m.start, m."end", m.quote, m.status,
       m.origin, m.term_id, t.slug, m.reviewed_at, m.created_at, m.version, term.text
FROM cbm_mention m
LEFT JOIN cbm_term term ON term.id = m.term_id
JOIN cbm_passage p ON p.id = m.passage_id
JOIN cbm_document d ON d.id = p.document_id
JOIN cbm_measuretype t ON t.id = m.measure_type_id
WHERE m.status = 'accepted'
ORDER BY d.published_on DESC, p.document_id, p.ordinal, m.start
LIMIT %s
"""
# The SELECT above lists them in this order (anonymous clients see no user names or notes).
FIELDS = [f for f in MentionSerializer.Meta.fields if f not in ("reviewed_by", "note")]
FIELDS = [*(f for f in FIELDS if f != "provenance"), "term_text"]


def mentions(request):
    size = int(request.GET.get("page_size", 50))
    with connection.cursor() as cursor:
        cursor.execute(MENTIONS, [size])
        rows = cursor.fetchall()
    results = []
    for row in rows:
        item = dict(zip(FIELDS, row, strict=True))
        for key in ("reviewed_at", "created_at"):
            item[key] = item[key].isoformat() if item[key] else None
        accepted = item["reviewed_at"]
        item["provenance"] = {
            "found_by": f"the term “{item.pop('term_text')}”",
            "accepted_at": accepted,
            "accepted_by": "a curator" if accepted else None,
        }
        results.append(item)
    return JsonResponse({"next": None, "previous": None, "results": results})


def ping(request):
    """What any request costs on this server at this moment: the floor of pages that have no
    query of their own to compare with."""
    return JsonResponse({})


urlpatterns = [
    path("bench/mentions/", mentions),
    path("bench/ping/", ping),
    path("", include("registry.urls")),
]
