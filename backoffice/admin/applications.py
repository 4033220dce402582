"""Operators decide applications from the public pages: businesses (a business account,
its user and API keys on approval) and partner plants (a factory ready for routing, its
staff user and API key). The actions call the services; a reason is required to reject.
Each application shows its decision emails; the failed ones can be sent again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.admin.policy import PlatformAdmin, ReadOnlyInline
from c2m.applications import ApplicationStatus
from c2m.emails import EmailStatus
from c2m.errors import ApplicationError
from merchants.models import (
    BusinessApplication,
    BusinessApplicationEmail,
    BusinessApplicationEvent,
)
from merchants.services.applications import (
    business_application_approve,
    business_application_emails_retry_failed,
    business_application_reject,
)
from production.models import PlantApplication, PlantApplicationEmail, PlantApplicationEvent
from production.services.plant_applications import (
    plant_application_approve,
    plant_application_emails_retry_failed,
    plant_application_reject,
)


class DecisionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant when rejecting)"),
        required=False,
        max_length=2000,
    )


def _decide(
    admin_: PlatformAdmin,
    request: HttpRequest,
    queryset: Any,
    step: Callable[[int, str], Any],
    done: str,
) -> None:
    actor = f"admin:{request.user.get_username()}"
    succeeded = 0
    for application in queryset.order_by("pk"):
        try:
            step(application.pk, actor)
        except ApplicationError as error:
            admin_.message_user(
                request, f"{application.company_name}: {error.detail}", messages.ERROR
            )
        else:
            succeeded += 1
    if succeeded:
        admin_.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


class EventInline(ReadOnlyInline):
    fields = ["created_at", "from_label", "to_label", "actor", "data"]
    verbose_name_plural = _("decisions")

    @admin.display(description=_("from status"))
    def from_label(self, event: Any) -> str:
        return str(ApplicationStatus(event.from_status).label)

    @admin.display(description=_("to status"))
    def to_label(self, event: Any) -> str:
        return str(ApplicationStatus(event.to_status).label)


class BusinessEventInline(EventInline):
    model = BusinessApplicationEvent


class PlantEventInline(EventInline):
    model = PlantApplicationEvent


class EmailInline(ReadOnlyInline):
    fields = [
        "created_at",
        "decision",
        "status",
        "attempts",
        "to",
        "subject",
        "sent_at",
        "last_error",
    ]

    @admin.display(description=_("decision"))
    def decision(self, email: Any) -> str:
        return str(ApplicationStatus(email.kind).label)


class BusinessEmailInline(EmailInline):
    model = BusinessApplicationEmail


class PlantEmailInline(EmailInline):
    model = PlantApplicationEmail


class EmailStatusFilter(admin.SimpleListFilter):
    """Applications by the status of their decision emails: failed ones need an operator."""

    title = _("decision email")
    parameter_name = "email_status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return EmailStatus.choices

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() in EmailStatus.values:
            return queryset.filter(emails__status=self.value()).distinct()
        return queryset


class ApplicationAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    action_form = DecisionForm
    list_filter = ["status", EmailStatusFilter]
    search_fields = ["company_name", "email", "contact_name"]
    actions = ["approve", "reject", "send_failed_emails_again"]
    emails_retry_failed: Callable[..., int]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    @admin.action(description=_("Send the failed decision emails again"), permissions=["operate"])
    def send_failed_emails_again(self, request: HttpRequest, queryset: Any) -> None:
        actor = f"admin:{request.user.get_username()}"
        count = sum(
            self.emails_retry_failed(application_id=pk, actor=actor)
            for pk in queryset.order_by("pk").values_list("pk", flat=True)
        )
        if count:
            message = gettext("Sending %(count)d failed email(s) again.") % {"count": count}
            self.message_user(request, message, messages.SUCCESS)
        else:
            message = gettext("None of these applications has a failed email.")
            self.message_user(request, message, messages.WARNING)


@admin.register(BusinessApplication)
class BusinessApplicationAdmin(ApplicationAdmin):
    inlines = [BusinessEventInline, BusinessEmailInline]
    emails_retry_failed = staticmethod(business_application_emails_retry_failed)
    list_display = [
        "company_name",
        "contact_name",
        "email",
        "country",
        "expected_volume",
        "status",
        "created_at",
    ]

    @admin.action(
        description=_("Approve: open the account and email its API keys"), permissions=["operate"]
    )
    def approve(self, request: HttpRequest, queryset: Any) -> None:
        _decide(
            self,
            request,
            queryset,
            lambda pk, actor: business_application_approve(application_id=pk, actor=actor),
            gettext("Approved %(count)d application(s)."),
        )

    @admin.action(description=_("Reject with the reason given"), permissions=["operate"])
    def reject(self, request: HttpRequest, queryset: Any) -> None:
        reason = request.POST.get("reason", "")
        _decide(
            self,
            request,
            queryset,
            lambda pk, actor: business_application_reject(
                application_id=pk, reason=reason, actor=actor
            ),
            gettext("Rejected %(count)d application(s)."),
        )


@admin.register(PlantApplication)
class PlantApplicationAdmin(ApplicationAdmin):
    inlines = [PlantEventInline, PlantEmailInline]
    emails_retry_failed = staticmethod(plant_application_emails_retry_failed)
    list_display = [
        "company_name",
        "contact_name",
        "email",
        "province",
        "city",
        "status",
        "created_at",
    ]

    @admin.action(
        description=_("Approve: create the plant, ready for routing, and email its API key"),
        permissions=["operate"],
    )
    def approve(self, request: HttpRequest, queryset: Any) -> None:
        _decide(
            self,
            request,
            queryset,
            lambda pk, actor: plant_application_approve(application_id=pk, actor=actor),
            gettext("Approved %(count)d application(s)."),
        )

    @admin.action(description=_("Reject with the reason given"), permissions=["operate"])
    def reject(self, request: HttpRequest, queryset: Any) -> None:
        reason = request.POST.get("reason", "")
        _decide(
            self,
            request,
            queryset,
            lambda pk, actor: plant_application_reject(
                application_id=pk, reason=reason, actor=actor
            ),
            gettext("Rejected %(count)d application(s)."),
        )
