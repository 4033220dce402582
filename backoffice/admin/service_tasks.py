"""Operators' service tasks: the platform's paid services (design help, care plans,
extended warranties) to perform, moved on by actions that call the transition service."""

from __future__ import annotations

from typing import cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from backoffice.admin.policy import PlatformAdmin, ReadOnlyInline, apply_each
from orders.models import ServiceTask, ServiceTaskEvent, ServiceTaskStatus
from orders.services.service_tasks import service_task_transition


class ServiceTaskEventInline(ReadOnlyInline):
    model = ServiceTaskEvent
    fields = ["created_at", "from_status", "to_status", "actor", "data"]
    verbose_name_plural = "history"


@admin.register(ServiceTask)
class ServiceTaskAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    list_display = ["id", "service_name", "order_link", "status", "created_at", "updated_at"]
    list_filter = ["status", "service", "created_at"]
    search_fields = ["order__number", "order__email", "service"]
    list_select_related = ["order"]
    inlines = [ServiceTaskEventInline]
    fields = ["service", "service_name", "order_link", "order_line", "status", "created_at"]
    readonly_fields = cast(list[str], fields)
    actions = ["start", "reopen", "finish", "cancel"]

    @admin.display(description="service")
    def service_name(self, task: ServiceTask) -> str:
        return str(task.label.get("en") or task.service)

    @admin.display(description="order", ordering="order__number")
    def order_link(self, task: ServiceTask) -> str:
        url = reverse("admin:orders_order_change", args=[task.order_id])
        return format_html('<a href="{}">{}</a>', url, task.order.number)

    @admin.action(description="Start (an operator is on it)", permissions=["view"])
    def start(self, request: HttpRequest, queryset: QuerySet[ServiceTask]) -> None:
        self._move(request, queryset, ServiceTaskStatus.IN_PROGRESS, "Started")

    @admin.action(description="Put back to do", permissions=["view"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[ServiceTask]) -> None:
        self._move(request, queryset, ServiceTaskStatus.OPEN, "Put back")

    @admin.action(description="Mark done (performed as sold)", permissions=["view"])
    def finish(self, request: HttpRequest, queryset: QuerySet[ServiceTask]) -> None:
        self._move(request, queryset, ServiceTaskStatus.DONE, "Done")

    @admin.action(description="Cancel (will not be performed)", permissions=["view"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[ServiceTask]) -> None:
        self._move(request, queryset, ServiceTaskStatus.CANCELLED, "Cancelled")

    def _move(
        self, request: HttpRequest, queryset: QuerySet[ServiceTask], to: str, done: str
    ) -> None:
        actor = f"admin:{request.user.get_username()}"
        apply_each(
            self,
            request,
            queryset,
            lambda task, who: service_task_transition(task_id=task.pk, to=to, actor=who),
            actor=actor,
            done=done,
            noun="service task",
        )
