"""Admin: each curator chooses the public name shown with the links they accept."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from ..models import CuratorProfile
from .search import BoundedSearch


@admin.register(CuratorProfile)
class CuratorProfileAdmin(BoundedSearch, admin.ModelAdmin):
    """Every staff user edits their own public name (no model permission needed: it is
    theirs); a superuser sees and edits everyone's."""

    list_display = ["user", "display_name"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__username"]
    list_filter = []
    fields = ["display_name"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return request.user.is_superuser or obj is None or obj.user_id == request.user.pk

    def has_add_permission(self, request):
        return False  # made on first visit, one per user

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def changelist_view(self, request, extra_context=None):
        if request.user.is_superuser:
            return super().changelist_view(request, extra_context)
        profile, _created = CuratorProfile.objects.get_or_create(user=request.user)
        return redirect(reverse("admin:cbm_curatorprofile_change", args=[profile.pk]))
