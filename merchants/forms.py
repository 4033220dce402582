"""The public business sign-up form: labels and errors in the shopper's language."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from merchants.models import ExpectedVolume

COUNTRY_CHOICES = [
    ("CN", _("China")),
    ("DE", _("Germany")),
    ("GB", _("United Kingdom")),
    ("JP", _("Japan")),
    ("US", _("United States")),
]


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by screen readers); robots that
    fill every input fill it, and their submission is dropped without a word."""

    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def for_service(self) -> dict:
        """The cleaned fields without the honeypot."""
        return {k: v for k, v in self.cleaned_data.items() if k != "website"}


class BusinessApplicationForm(HoneypotMixin):
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    contact_name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Work email"))
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=30,
        regex=r"^\+?[0-9][0-9 ()\-]{5,28}$",
        error_messages={"invalid": _("Enter a phone number, e.g. +86 755 1234 5678.")},
    )
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES)
    province = forms.CharField(label=_("Province / state"), max_length=100)
    expected_volume = forms.ChoiceField(label=_("Expected volume"), choices=ExpectedVolume.choices)
    tax_id = forms.CharField(
        label=_("Tax id (optional)"),
        max_length=40,
        required=False,
        help_text=_("VAT number or unified social credit code, if you have one."),
    )
