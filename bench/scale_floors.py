"""Floors for python -m bench.scale: bare JsonResponse views over the same rows as the API,
one raw SQL query each, no serializer, no filter backend, no pagination class.

What each floor leaves out, so that a ratio is read right:
- /bench/mentions/ (floor of /api/v1/mentions/): the same 50 rows and fields in the same
  order, but no `count` (the API's is an estimate past 20,000 rows, reused for a minute per
  process), no anonymous throttle (the API's reads and writes its count in the shared cache:
  Redis in the benchmark, two round trips, as in production; with the default database cache,
  four statements, a savepoint and a COMMIT that waits for its write) and no authentication,
  content negotiation or permission check. Both run under the same middleware and
  ATOMIC_REQUESTS, in the same gunicorn.
- ingest (bench.scale.copy_corpus): COPY of the same documents and passages (same bodies,
  offsets, language; the database's checks, triggers and generated search vector run for
  both). The service also reads each file (UTF-8, metadata, paragraphs, language), looks up
  its sha256, and writes a history row per document, which the floor does not: the floor is
  the stricter side.
- mentions CSV: COPY (…) TO STDOUT of the same columns and rows.
"""

from django.db import connection
from django.http import JsonResponse
from django.urls import path

from cbm.api.serializers import MentionSerializer
from registry import urls as registry_urls

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


# The project's own patterns appended, not include()d: its i18n_patterns must stay at the root.
urlpatterns = [
    path("bench/mentions/", mentions),
    path("bench/ping/", ping),
    *registry_urls.urlpatterns,
]
