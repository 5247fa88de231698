"""Backups round-trip exactly: dumpdata JSON keeps microseconds, so loaddata restores every
timestamp as it was."""

import io
import json

import pytest
from django.core.management import call_command

from cbm.ingest import ingest_bytes
from cbm.models import Document

pytestmark = pytest.mark.django_db


def test_dumpdata_json_keeps_microseconds_and_loads_back_exactly(tmp_path):
    document = ingest_bytes(b"Observers were invited to the exercise.").document
    Document.objects.filter(pk=document.pk).update(
        created_at=document.created_at.replace(microsecond=123456)
    )
    out = io.StringIO()
    call_command("dumpdata", "cbm.document", format="json", stdout=out)
    row = json.loads(out.getvalue())[0]
    assert ".123456" in row["fields"]["created_at"]

    Document.objects.filter(pk=document.pk).update(created_at=document.created_at)
    path = tmp_path / "backup.json"
    path.write_text(out.getvalue())
    call_command("loaddata", str(path), verbosity=0)
    assert Document.objects.get(pk=document.pk).created_at.microsecond == 123456
