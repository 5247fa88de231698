from rest_framework.permissions import BasePermission, DjangoModelPermissionsOrAnonReadOnly


def is_curator(request, model) -> bool:
    """Curators see pending and rejected links and the terms' internals."""
    user = request.user
    return bool(
        user and user.is_authenticated and user.has_perm(f"cbm.change_{model._meta.model_name}")
    )


class CanChange(BasePermission):
    """For actions that change a row whatever the method (accept, reject)."""

    def has_permission(self, request, view):
        return is_curator(request, view.queryset.model)


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's, but it finds the model from the viewset's queryset attribute when it has one,
    instead of building get_queryset() (filters, joins, ordering) on every request only to
    read its model."""

    def _queryset(self, view):
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)
