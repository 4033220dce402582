from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from c2m.sign_in_forms import GuardedSignInMixin
from orders.models import MAX_LINE_QUANTITY
from orders.services.payments import payment_providers_enabled
from orders.services.shipping import SHIPPING_METHODS

COUNTRY_CHOICES = [
    ("CN", _("China")),
    ("DE", _("Germany")),
    ("GB", _("United Kingdom")),
    ("JP", _("Japan")),
    ("US", _("United States")),
]
PROVIDER_LABELS = {"test": _("Card (sandbox)"), "invoice": _("Invoice: pay by bank transfer")}


class CartQuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_LINE_QUANTITY)


class CheckoutForm(forms.Form):
    """Contact, address, shipping and payment; prices are never taken from here."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, min_length=8, max_length=64)
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Full name"), max_length=100)
    line1 = forms.CharField(label=_("Address"), max_length=200)
    line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    region = forms.CharField(label=_("Province / state"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    shipping_method = forms.ChoiceField(
        label=_("Shipping"),
        choices=[(m.code, m.label) for m in SHIPPING_METHODS.values()],
        widget=forms.RadioSelect,
        initial="standard",
    )
    # Choices are the providers enabled in this environment, read per form (__init__).
    payment_provider = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)
    card_number = forms.CharField(label=_("Card number"), max_length=30, required=False)

    ADDRESS_FIELDS = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        providers = payment_providers_enabled()
        field = cast(forms.ChoiceField, self.fields["payment_provider"])
        field.choices = [(p.code, PROVIDER_LABELS.get(p.code, p.code)) for p in providers]
        field.initial = providers[0].code if providers else None
        if not any(p.immediate for p in providers):
            del self.fields["card_number"]  # no card gateway enabled: nothing to ask

    def address(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k) or "" for k in self.ADDRESS_FIELDS}


class SignInForm(GuardedSignInMixin, AuthenticationForm):
    """Sign-in with a lockout after repeated failures (``c2m.sign_in_guard``)."""


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, initial="my script")
