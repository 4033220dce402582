"""Staff users in the admin: operators manage users and their factory memberships."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from backoffice.admin.policy import RolePermissions
from production.models import FactoryMembership
from production.services.staff import factory_membership_end, factory_membership_set

User = get_user_model()


@admin.register(FactoryMembership)
class FactoryMembershipAdmin(RolePermissions, admin.ModelAdmin):
    list_display = ["user", "factory", "created_at"]
    list_filter = ["factory"]
    search_fields = ["user__username", "user__email", "factory__code"]
    autocomplete_fields = ["user", "factory"]
    list_select_related = ["user", "factory"]

    def save_model(self, request, obj, form, change) -> None:
        saved = factory_membership_set(
            user=form.cleaned_data["user"], factory=form.cleaned_data["factory"]
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request, obj) -> None:
        factory_membership_end(user=obj.user)

    def delete_queryset(self, request, queryset) -> None:
        for membership in queryset.select_related("user"):
            factory_membership_end(user=membership.user)


class MembershipInline(RolePermissions, admin.StackedInline):
    model = FactoryMembership
    operator_permissions = frozenset({"view"})
    fields = ["factory", "created_at"]
    readonly_fields = ["factory", "created_at"]
    can_delete = False
    extra = 0


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(RolePermissions, UserAdmin):
    """Operators manage users, but only superusers grant superuser or raw permissions."""

    inlines = [MembershipInline]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Group)
class StaffGroupAdmin(RolePermissions, GroupAdmin):
    operator_permissions = frozenset({"view"})
