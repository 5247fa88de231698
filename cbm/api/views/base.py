"""What the API's viewsets share: CSV export of lists, renderers, permalinks, and how
service errors and client versions become HTTP."""

import csv
import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import StreamingHttpResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.renderers import BaseRenderer, JSONRenderer

from ... import curation, exports
from ..pagination import PageNumberPagination
from ..permissions import is_curator


class CSVRenderer(BaseRenderer):
    """Named so that ?format=csv is negotiated; the rows are streamed by CSVExportMixin."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Only errors are rendered here (a bad filter, say): one row per parameter."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["parameter", "error"])
        items = data.items() if isinstance(data, dict) else [("", data)]
        for name, message in items:
            text = " ".join(map(str, message)) if isinstance(message, list) else message
            writer.writerow([exports.cell(name), exports.cell(text)])
        return out.getvalue().encode()


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CSVExportMixin:
    """?format=csv on a list: every row matching the filters (no pagination), streamed by
    cbm.exports (COPY on PostgreSQL for the lists it knows, else csv_columns row by row),
    ended by a `# end: N rows` line; more than CBM_EXPORT_MAX_ROWS rows is a 400."""

    csv_columns: list[tuple[str, object]] = []

    def get_renderers(self):
        renderers = super().get_renderers()
        # No action: a method the list does not take; negotiate as for a list so it gets a 405.
        action = getattr(self, "action", None)
        return [*renderers, CSVRenderer()] if action in ("list", None) else renderers

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        PageNumberPagination.check_parameters(request)
        queryset = self.filter_queryset(self.get_queryset())
        try:
            limit = getattr(request, "export_row_limit", exports.max_rows())
            exports.check_size(queryset, limit)
        except exports.ExportTooLarge as error:
            raise serializers.ValidationError({"format": [str(error)]}) from None
        fields = exports.FIELDS.get(self.basename)
        if fields:
            base_url = getattr(request, "export_base_url", None) or request.build_absolute_uri("/")
            content = exports.stream_fields(queryset, fields(base_url))
        else:
            rows = (
                [get(obj, request) for _, get in self.csv_columns]
                for obj in queryset.iterator(chunk_size=2000)
            )
            content = exports.stream_rows(rows, names=[name for name, _ in self.csv_columns])
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
        name = self.queryset.model._meta.verbose_name_plural.replace(" ", "-")
        response["Content-Disposition"] = f'attachment; filename="cbm-{name}.csv"'
        return response


class RowsListMixin:
    """JSON lists through serializer_class.values_of() and rows_json(): the JSON of the
    serializer field by field, without a model instance per row. CSV goes on as before."""

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            return super().list(request, *args, **kwargs)
        serializer = self.serializer_class
        queryset = self.filter_queryset(self.get_queryset())
        # The page's rows in one query (cbm.paging reads a shallow page whole and a deep one
        # by id first; the count is estimated on the list alone, without the joined tables).
        self.paginator.counted = queryset  # counted without the joins of the rows' fields
        rows = self.paginate_queryset(serializer.values_of(queryset))
        curator = is_curator(request, self.queryset.model)
        return self.get_paginated_response(serializer.rows_json(rows, curator=curator))


def page_url(request, obj):
    base_url = getattr(request, "export_base_url", None)  # set by exports.write_csv
    if base_url:
        return base_url.rstrip("/") + obj.get_absolute_url()
    return request.build_absolute_uri(obj.get_absolute_url())


def _expected_version(request, values) -> int | None:
    """The version the client read: `version` in the body, or an If-Match header ("3" or 3)."""
    if values.get("version") is not None:
        return values["version"]
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not header or header == "*":
        return None
    if not (header.isascii() and header.isdigit()):
        raise serializers.ValidationError({"If-Match": 'Give the link\'s version, e.g. "3".'})
    return int(header)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Busy(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "busy"


class _as_drf_errors:
    """A model ValidationError from a service becomes a 400 with its messages; a stale or
    vanished link a 409, a lock held too long a 503."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, curation.LinkConflict | curation.LinkGone):
            raise Conflict(str(error)) from None
        if isinstance(error, curation.LinkBusy):
            raise Busy(str(error)) from None
        if isinstance(error, DjangoValidationError):
            detail = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {"non_field_errors": error.messages}
            )
            raise serializers.ValidationError(detail) from None
        return False
