from django import forms
from django.utils.translation import gettext_lazy as _


class QuickOrderForm(forms.Form):
    """Contact and address of the walking skeleton's one-page order."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10_000, initial=1)
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Full name"), max_length=100)
    line1 = forms.CharField(label=_("Address"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20)
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("CN", _("China")), ("DE", _("Germany")), ("US", _("United States"))],
    )

    def ship_to(self) -> dict[str, str]:
        keys = ("name", "line1", "city", "postal_code", "country")
        return {k: self.cleaned_data[k] for k in keys}
