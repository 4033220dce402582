"""The capacity exchange in the admin: a plant's staff publish and withdraw their offers
and confirm or decline bookings of them (the factory API's services); operators see all,
and may answer any plant's pending booking for it, saying why (the booking's event names
the operator)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from backoffice.admin.actions import admin_actor, ask
from backoffice.admin.forms import ActionForm
from backoffice.admin.policy import apply_each
from backoffice.admin.scoping import FactoryScopedAdmin
from c2m.errors import ApplicationError
from c2m.roles import staff_factory_id
from production.models import CapacityBooking, CapacityOffer, Factory
from production.services.exchange_bookings import capacity_booking_decide
from production.services.exchange_offers import (
    capacity_offer_check,
    capacity_offer_publish,
    capacity_offer_withdraw,
)

OFFER_TERMS = [
    "centre_type",
    "first_day",
    "last_day",
    "minutes",
    "minimum_minutes",
    "price_per_minute",
]


class CapacityOfferForm(forms.ModelForm):
    """The offer's terms, checked by the service that publishes them."""

    class Meta:
        model = CapacityOffer
        fields = ["factory", *OFFER_TERMS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or not data.get("factory"):
            return data
        try:
            capacity_offer_check(**{name: data[name] for name in ["factory", *OFFER_TERMS]})
        except ApplicationError as refused:
            for field, problems in refused.errors.items():
                for problem in problems:
                    self.add_error(field if field in self.fields else None, problem)
        return data


@admin.register(CapacityOffer)
class CapacityOfferAdmin(FactoryScopedAdmin):
    operator_permissions = frozenset({"view", "add"})
    factory_staff_permissions = frozenset({"view", "add"})
    form = CapacityOfferForm
    list_display = [
        "pk",
        "factory",
        "centre_type",
        "first_day",
        "last_day",
        "minutes",
        "booked_minutes",
        "minimum_minutes",
        "price_per_minute",
        "currency",
        "withdrawn_at",
    ]
    list_filter = ["centre_type", "first_day", "factory"]
    list_select_related = ["factory"]
    actions = ["withdraw"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        if obj is not None:
            return [*OFFER_TERMS, "factory", "booked_minutes", "currency", "withdrawn_at"]
        return (
            OFFER_TERMS if staff_factory_id(request.user) is not None else ["factory", *OFFER_TERMS]
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return self.get_fields(request, obj) if obj is not None else []

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change, **kwargs)
        factory_id = staff_factory_id(request.user)
        if factory_id is not None and obj is None:
            # Staff publish for their own plant only: the factory is not theirs to choose.
            plant = Factory.objects.get(pk=factory_id)

            class OwnPlantForm(form):  # type: ignore[misc, valid-type]
                def clean(self) -> dict[str, Any]:
                    self.cleaned_data["factory"] = plant
                    return super().clean()

            return OwnPlantForm
        return form

    def save_model(self, request: HttpRequest, obj: CapacityOffer, form: Any, change: bool) -> None:
        data = form.cleaned_data
        offer = capacity_offer_publish(**{name: data[name] for name in ["factory", *OFFER_TERMS]})
        obj.id, obj.factory, obj.currency = offer.pk, offer.factory, offer.currency

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing related: the service wrote the offer."""

    @admin.action(description=_("Withdraw the selected offers"), permissions=["view"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> None:
        for offer in self.scope(request, queryset).order_by("pk"):
            capacity_offer_withdraw(offer_id=offer.pk, factory_id=offer.factory_id)
        self.message_user(request, _("Withdrawn: no more bookings can be made from them."))


class OperatorAnswerForm(ActionForm):
    """Why an operator answers a booking in the plant's place (kept on the booking and its
    event; a decline's reason reaches the business)."""

    reason = forms.CharField(
        label=_("reason"),
        max_length=300,
        # Narrow enough for a phone beside its label.
        widget=forms.Textarea({"rows": 3, "cols": 30, "style": "max-width: 100%"}),
        help_text=_("Why you answer for the plant, e.g. the plant asked by phone."),
    )


def _decide(confirm: bool, *, factory_id: int | None, reason: str = ""):
    def step(booking: CapacityBooking, actor: str) -> CapacityBooking:
        return capacity_booking_decide(
            factory_id=factory_id,
            number=booking.number,
            confirm=confirm,
            actor=actor,
            reason=reason,
        )

    return step


@admin.register(CapacityBooking)
class CapacityBookingAdmin(FactoryScopedAdmin):
    operator_permissions = frozenset({"view"})
    factory_staff_permissions = frozenset({"view"})
    list_display = [
        "number",
        "factory",
        "buyer_name",
        "centre_type",
        "day",
        "last_day",
        "minutes",
        "cost",
        "plant_earnings",
        "currency",
        "status",
        "created_at",
    ]
    list_filter = ["status", "day", "factory"]
    search_fields = ["number", "buyer_name"]
    list_select_related = ["factory"]
    readonly_fields = (
        "number",
        "factory",
        "buyer_name",
        "offer",
        "centre_type",
        "day",
        "last_day",
        "days",
        "minutes",
        "price_per_minute",
        "cost",
        "platform_margin",
        "plant_earnings",
        "currency",
        "status",
        "note",
        "created_at",
        "updated_at",
        "timeline",
    )
    fields = readonly_fields
    actions = ["confirm", "decline"]

    @admin.display(description=_("timeline"))
    def timeline(self, booking: CapacityBooking) -> str:
        return format_html_join(
            mark_safe("<br>"),
            "{} · {} → {} · {}",
            (
                (
                    e.created_at.strftime("%Y-%m-%d %H:%M"),
                    e.from_status or "—",
                    e.to_status,
                    e.actor,
                )
                for e in booking.events.all()
            ),
        )

    @admin.display(description=_("last day"))
    def last_day(self, booking: CapacityBooking) -> Any:
        return booking.last_day

    @admin.action(description=_("Confirm the selected bookings"), permissions=["view"])
    def confirm(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._each(request, queryset, confirm=True, done=str(_("Confirmed")))

    @admin.action(description=_("Decline the selected bookings"), permissions=["view"])
    def decline(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._each(request, queryset, confirm=False, done=str(_("Declined")))

    def _each(
        self, request: HttpRequest, queryset: QuerySet, *, confirm: bool, done: str
    ) -> HttpResponse | None:
        # A plant's staff answer for their own plant; an operator for any plant, with a
        # reason asked on a page of its own.
        factory_id = staff_factory_id(request.user)
        reason = ""
        if factory_id is None:
            title = _("Confirm for the plant") if confirm else _("Decline for the plant")
            data, page = ask(self, request, queryset, OperatorAnswerForm, str(title))
            if page is not None:
                return page
            reason = data["reason"]
        apply_each(
            self,
            request,
            self.scope(request, queryset),
            _decide(confirm, factory_id=factory_id, reason=reason),
            actor=admin_actor(request),
            done=done,
            noun=str(_("booking")),
        )
        return None
