"""The curators' review queue for python -m bench.scale: a logged-in curator's session for the
admin's changelist of suggested mentions (pending first, likeliest first), and its floor.

The floor is what the page shows, from the database alone: the 50 rows of the first page
(each with its passage's text, its document's title and date, the measure type and the term
that fired) in the queue's order, and the count of pending mentions the changelist prints —
without Django's admin, its filters' choices, a template or the highlighting.
"""

from django.db import connection

QUEUE = "/admin/cbm/mention/"
USERNAME = "bench-scale-curator"

FLOOR_ROWS = """
SELECT m.id, m.start, m."end", m.status, m.confidence, m.origin, p.text, p.ordinal,
       d.id, d.title, d.language, d.published_on, t.name, term.text
FROM cbm_mention m
JOIN cbm_passage p ON p.id = m.passage_id
JOIN cbm_document d ON d.id = p.document_id
JOIN cbm_measuretype t ON t.id = m.measure_type_id
LEFT JOIN cbm_term term ON term.id = m.term_id
WHERE m.status = 'pending'
ORDER BY m.confidence DESC NULLS LAST, m.created_at DESC, m.id
LIMIT 50
"""
FLOOR_COUNT = "SELECT count(*) FROM cbm_mention WHERE status = 'pending'"


def curator_cookie() -> str:
    """A Cookie header for a session of a curator (staff, in the Curators group), stored in
    the benchmark's database as a login would store it."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Curators"))
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def floor():
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_ROWS)
        cursor.fetchall()
        cursor.execute(FLOOR_COUNT)
        cursor.fetchall()
