"""What curators do to a link through the API, the same for mentions, citations and
positions: add one by hand (POST), correct it (PATCH), accept or reject it — each through a
service function of cbm.curation, under the version rule (a stale version: 409), and each
answered with the link as it is read."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ... import curation
from ...models import Span
from .. import serializers as s
from ..permissions import CanChange
from .base import _as_drf_errors, _expected_version


def span_arguments(values, *, new: bool) -> dict:
    """The span, verdict and note of a write, as the services take them: a new link is
    accepted unless said otherwise; a correction changes only what it gives."""
    return {
        "start": values.get("start"),
        "end": values.get("end"),
        "quote": values.get("quote"),
        "allow_partial_words": values.get("allow_partial_words", False),
        "status": values.get("status", Span.Status.ACCEPTED if new else None),
        "note": values.get("note", "" if new else None),
    }


class ReviewMixin(mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """For a read-only viewset of links. A viewset names its write_serializer_class, the
    relations its answer reads (answer_related), and calls its services in create_link and
    edit_link."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    write_serializer_class = s.LinkWriteSerializer
    answer_related: tuple[str, ...] = ("passage__document",)
    noun = "link"

    def create_link(self, values, *, by):
        raise NotImplementedError

    def edit_link(self, link, values, *, by, expected_version):
        raise NotImplementedError

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return self.write_serializer_class
        if self.action in ("accept", "reject"):
            return s.ReviewSerializer
        return self.serializer_class

    def _respond(self, link, code=status.HTTP_200_OK):
        link = type(link).objects.select_related(*self.answer_related).get(pk=link.pk)
        data = self.serializer_class(link, context=self.get_serializer_context()).data
        return Response(data, status=code)

    def _write_context(self) -> dict:
        """The fields a link is read with: a client may send them back, and they are ignored."""
        read = self.serializer_class(context=self.get_serializer_context())
        return {"readable": set(read.fields)}

    def create(self, request, *args, **kwargs):
        data = self.write_serializer_class(data=request.data, context=self._write_context())
        data.is_valid(raise_exception=True)
        with _as_drf_errors():
            link = self.create_link(data.validated_data, by=request.user)
        return self._respond(link, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        link = self.get_object()
        data = self.write_serializer_class(
            link, data=request.data, partial=True, context=self._write_context()
        )
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("passage", link.passage) != link.passage:
            raise serializers.ValidationError(
                {"passage": [f"A {self.noun} cannot move to another passage."]}
            )
        with _as_drf_errors():
            link = self.edit_link(
                link,
                values,
                by=request.user,
                expected_version=_expected_version(request, values),
            )
        return self._respond(link)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.ReviewSerializer, description="Accept the link (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def accept(self, request, pk=None):
        return self._review(request, curation.link_accept)

    @extend_schema(request=s.ReviewSerializer, description="Reject the link (curators).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def reject(self, request, pk=None):
        return self._review(request, curation.link_reject)

    def _review(self, request, decide):
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _as_drf_errors():
            link = decide(
                link=self.get_object(),
                by=request.user,
                note=data.validated_data.get("note"),
                expected_version=_expected_version(request, data.validated_data),
            )
        return self._respond(link)
