"""The admin's base classes: who may do what, decided by role, never by model permissions.

Every ``ModelAdmin`` of the project derives from :class:`PlatformAdmin` (operators only) or
from production's factory-scoped admin. A missing or out-of-scope object answers 404 rather
than Django's redirect, so an object's existence is never revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.http import Http404, HttpRequest

from c2m.errors import ApplicationError
from c2m.roles import is_operator, staff_factory_id


class RolePermissions:
    """``has_*_permission`` from the role: operators get ``operator_permissions``."""

    operator_permissions: frozenset[str] = frozenset({"view", "add", "change", "delete"})

    def role_allows(self, request: HttpRequest, action: str) -> bool:
        return is_operator(request.user) and action in self.operator_permissions

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.role_allows(request, "view") or self.role_allows(request, "change")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request, "view") or self.has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.role_allows(request, "add")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request, "change")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request, "delete")

    # Permission names used by actions' ``allowed_permissions``.
    def has_operate_permission(self, request: HttpRequest) -> bool:
        return is_operator(request.user)

    def has_factory_permission(self, request: HttpRequest) -> bool:
        return staff_factory_id(request.user) is not None


class PlatformAdmin(RolePermissions, admin.ModelAdmin):
    """An operators-only admin."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(f"No {opts.verbose_name} with this id.")


class ReadOnlyInline(RolePermissions, admin.TabularInline):
    """A read-only table inside a change page (timelines, shipments, lines)."""

    operator_permissions = frozenset({"view"})
    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.fields or [f.name for f in self.model._meta.fields])


class PlatformInline(RolePermissions, admin.TabularInline):
    """An editable table inside a change page, for operators."""

    extra = 0


def apply_each(
    modeladmin: Any,
    request: HttpRequest,
    queryset: Any,
    step: Callable[[Any, str], Any],
    *,
    actor: str,
    done: str,
    noun: str,
) -> None:
    """An admin action's loop: call ``step(obj, actor)`` (one service call) for each selected
    object in primary-key order; report each refusal by the object's number and the count of
    successes as ``"<done>: N <noun>(s)."``."""
    succeeded = 0
    for obj in queryset.order_by("pk"):
        try:
            step(obj, actor)
        except ApplicationError as exc:
            modeladmin.message_user(request, f"{obj.number}: {exc.detail}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, f"{done}: {succeeded} {noun}(s).", messages.SUCCESS)
