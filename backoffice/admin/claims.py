"""Claims in the admin: operators triage them (ask for more, approve a reprint, refund,
decline; approve a repair visit; approve a return and mark it received) through the
orders services; production's own record is read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from backoffice.admin.policy import PlatformAdmin, ReadOnlyInline
from c2m.errors import ApplicationError
from orders.models import Claim, ClaimEvent, ClaimPhoto
from orders.services.claim_photos import claim_photo_bytes
from orders.services.claim_services import (
    claim_approve_repair,
    claim_approve_return,
    claim_return_receive,
)
from orders.services.claims import (
    claim_approve_reprint,
    claim_refund,
    claim_refund_send,
    claim_reject,
    claim_request_info,
)
from production.models import PlantClaim

DECISIONS = [
    ("", "— no decision —"),
    ("request_info", "Ask the customer for more information"),
    ("reprint", "Approve a reprint"),
    ("refund", "Refund (part or all of the item)"),
    ("reject", "Decline, with a reason"),
    ("retry_refund", "Send the owed refund again"),
    ("repair", "Approve the repair or maintenance visit (a plant's service work order)"),
    ("return", "Approve the return (issues its label)"),
    ("return_received", "Mark the return received (refunds it)"),
]


class ClaimDecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(choices=DECISIONS, required=False)
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown to the customer: the question, the reason for declining, or a note.",
    )
    amount = forms.DecimalField(max_digits=12, decimal_places=2, required=False)
    at_fault = forms.BooleanField(
        required=False,
        label="Plant at fault",
        help_text="A reprint then goes to another plant, and the plant's score counts it.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision in {"request_info", "reject"} and not (data.get("message") or "").strip():
            self.add_error("message", "Write what the customer should read.")
        if decision == "refund" and not data.get("amount"):
            self.add_error("amount", "Enter the amount to refund.")
        return data


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent
    fields = ["created_at", "code", "from_status", "to_status", "actor", "data"]
    verbose_name_plural = "timeline"


class ClaimPhotoInline(ReadOnlyInline):
    model = ClaimPhoto
    fields = ["picture", "width", "height", "size", "created_at"]
    verbose_name_plural = "photos"

    @admin.display(description="photo")
    def picture(self, photo: ClaimPhoto) -> str:
        url = reverse("admin:orders_claim_photo", args=[photo.claim_id, photo.public_id])
        return format_html(
            '<a href="{}"><img src="{}" alt="photo" width="160" class="c2m-design-thumb"></a>',
            url,
            url,
        )


@admin.register(Claim)
class ClaimAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view", "change"})
    form = ClaimDecisionForm
    list_display = [
        "number",
        "order",
        "kind",
        "reason",
        "quantity",
        "status",
        "plant_at_fault",
        "created_at",
    ]
    list_filter = ["kind", "status", "reason", "plant_at_fault", "created_at"]
    search_fields = ["number", "order__number", "order__email"]
    list_select_related = ["order"]
    inlines = [ClaimPhotoInline, ClaimEventInline]
    readonly = [
        "number",
        "order",
        "item",
        "kind",
        "reason",
        "quantity",
        "description",
        "status",
        "plant_at_fault",
        "refund_amount",
        "reprint_work_order",
        "reprint_status",
        "return_carrier",
        "return_reference",
        "plant_claims",
        "created_at",
    ]
    readonly_fields = readonly
    fields = [*readonly, "decision", "message", "amount", "at_fault"]

    @admin.display(description="item")
    def item(self, obj: Claim) -> str:
        line = obj.line
        return f"#{line.line_no} {line.product_name} × {line.quantity} ({line.line_total})"

    @admin.display(description="against plants")
    def plant_claims(self, obj: Claim) -> str:
        rows = PlantClaim.objects.filter(claim_number=obj.number).select_related(
            "factory", "work_order"
        )
        return format_html_join(
            mark_safe("<br>"),
            "{} · {} · {}",
            (
                (row.factory.name, row.work_order.number, row.response or "no response yet")
                for row in rows
            ),
        ) or format_html("{}", "—")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(self.photo_view)
        return [
            path("<int:claim_id>/photos/<str:public_id>/", view, name="orders_claim_photo"),
            *super().get_urls(),
        ]

    def photo_view(self, request: HttpRequest, claim_id: int, public_id: str) -> HttpResponse:
        """The stored (re-encoded) photo, for operators only, never sniffed as anything else."""
        if not self.has_view_permission(request):
            raise Http404
        photo = ClaimPhoto.objects.filter(claim_id=claim_id, public_id=public_id).first()
        if photo is None:
            raise Http404
        try:
            data = claim_photo_bytes(photo)
        except FileNotFoundError:
            raise Http404 from None
        response = HttpResponse(data, content_type="image/png")
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Disposition"] = f'inline; filename="{public_id}.png"'
        response["Cache-Control"] = "private, max-age=0"
        return response

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Not wrapped in the admin's transaction: each service commits its own, and a
        # refund calls the payment provider with no transaction (and no lock) open.
        return self._changeform_view(request, object_id, form_url, extra_context)  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        """Calls the one service the decision names (never saves the row itself)."""
        data, actor = form.cleaned_data, f"admin:{request.user.get_username()}"
        decision = data.get("decision")
        message, at_fault = (data.get("message") or "").strip(), bool(data.get("at_fault"))
        try:
            if decision == "request_info":
                claim_request_info(claim_id=obj.pk, message=message, actor=actor)
            elif decision == "reprint":
                claim_approve_reprint(
                    claim_id=obj.pk, plant_at_fault=at_fault, actor=actor, message=message
                )
            elif decision == "refund":
                claim_refund(
                    claim_id=obj.pk,
                    amount=data["amount"],
                    plant_at_fault=at_fault,
                    actor=actor,
                    message=message,
                )
            elif decision == "reject":
                claim_reject(claim_id=obj.pk, reason=message, actor=actor)
            elif decision == "retry_refund":
                claim_refund_send(claim_id=obj.pk, actor=actor)
            elif decision == "repair":
                claim_approve_repair(claim_id=obj.pk, actor=actor, message=message)
            elif decision == "return":
                claim_approve_return(claim_id=obj.pk, actor=actor, message=message)
            elif decision == "return_received":
                claim_return_receive(claim_id=obj.pk, actor=actor)
        except ApplicationError as error:
            self._refused = error.detail
        else:
            self._refused = ""

    def response_change(self, request: HttpRequest, obj: Claim) -> HttpResponse:
        refused = getattr(self, "_refused", "")
        if refused:
            self.message_user(request, f"{obj.number}: {refused}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        obj.refresh_from_db()
        self.message_user(
            request, f"{obj.number} is now {obj.get_status_display()}.", messages.SUCCESS
        )
        return HttpResponseRedirect(request.path)


@admin.register(PlantClaim)
class PlantClaimAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    list_display = [
        "claim_number",
        "factory",
        "work_order",
        "reason",
        "defect",
        "decision",
        "plant_at_fault",
        "responded_at",
        "filed_at",
    ]
    list_filter = ["factory", "decision", "defect", "plant_at_fault"]
    search_fields = ["claim_number", "work_order__number", "work_order__order_number"]
    list_select_related = ["factory", "work_order"]
