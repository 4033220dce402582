"""The public partner-plant form: labels and errors in the visitor's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from production.selectors.routing_inputs import CAPABILITY_CENTRES
from production.services.plant_applications import centre_type_choices

CAPABILITY_LABELS = {
    "dtg_print": _("Direct-to-garment printing"),
    "screen_print": _("Screen printing"),
    "uv_print": _("UV printing"),
    "laser_engrave": _("Laser engraving"),
    "embroider": _("Embroidery"),
    "cut_fabric": _("Fabric cutting"),
    "sew": _("Sewing"),
    "cnc_cut": _("CNC cutting"),
    "assemble": _("Assembly"),
    "finish": _("Finishing"),
    "qc": _("Quality control"),
    "pack": _("Packing"),
}
WORK_CENTRE_ROWS = 6


class PlantApplicationForm(forms.Form):
    """The plant, where it is, what it can do, its work centres and its rate card."""

    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    contact_name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Work email"))
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=30,
        regex=r"^\+?[0-9][0-9 ()\-]{5,28}$",
        error_messages={"invalid": _("Enter a phone number, e.g. +86 755 1234 5678.")},
    )
    province = forms.CharField(label=_("Province"), max_length=100)
    city = forms.CharField(label=_("City"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"), required=False, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"), required=False, max_digits=9, decimal_places=6
    )
    capabilities = forms.MultipleChoiceField(
        label=_("What your plant can do"),
        choices=[(code, CAPABILITY_LABELS.get(code, code)) for code in CAPABILITY_CENTRES],
        widget=forms.CheckboxSelectMultiple,
    )
    materials = forms.CharField(
        label=_("Materials you stock (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: material = cost per unit, e.g. cotton_tee = 12.50."),
    )
    shipping_per_parcel = forms.DecimalField(
        label=_("Shipping per parcel (CNY)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        initial=0,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = [("", "—")] + [(t, t.replace("_", " ")) for t in centre_type_choices()]
        for row in range(WORK_CENTRE_ROWS):
            self.fields[f"centre_{row}_type"] = forms.ChoiceField(
                label=_("Work-centre type"), choices=types, required=False
            )
            self.fields[f"centre_{row}_count"] = forms.IntegerField(
                label=_("How many"), min_value=1, max_value=1000, required=False
            )
            self.fields[f"centre_{row}_minutes"] = forms.IntegerField(
                label=_("Minutes a day each"), min_value=1, max_value=1440, required=False
            )
            self.fields[f"centre_{row}_rate"] = forms.DecimalField(
                label=_("Rate per minute (CNY)"),
                min_value=0,
                max_digits=8,
                decimal_places=4,
                required=False,
            )

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("centre_")]

    def centre_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"centre_{row}_{part}"] for part in ("type", "count", "minutes", "rate")]
            for row in range(WORK_CENTRE_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(WORK_CENTRE_ROWS):
            parts = [data.get(f"centre_{row}_{p}") for p in ("type", "count", "minutes", "rate")]
            if any(p not in (None, "") for p in parts) and any(p in (None, "") for p in parts):
                self.add_error(
                    f"centre_{row}_type",
                    _("Fill in the type, the count, the minutes and the rate, or none."),
                )
        return data

    def for_service(self) -> dict[str, Any]:
        """The service's arguments; a material line without ``=`` is passed on for the
        service to refuse."""
        data = self.cleaned_data
        centres = [
            {
                "type": data[f"centre_{row}_type"],
                "count": data[f"centre_{row}_count"],
                "minutes_per_day": data[f"centre_{row}_minutes"],
                "cost_per_minute": data[f"centre_{row}_rate"],
            }
            for row in range(WORK_CENTRE_ROWS)
            if data.get(f"centre_{row}_type")
        ]
        materials: dict[str, str] = {}
        for line in data["materials"].splitlines():
            if not line.strip():
                continue
            name, sep, cost = line.partition("=")
            materials[name.strip() if sep else line.strip()] = cost.strip() if sep else "x"
        return {
            "company_name": data["company_name"],
            "contact_name": data["contact_name"],
            "email": data["email"],
            "phone": data["phone"],
            "province": data["province"],
            "city": data["city"],
            "address": data["address"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "capabilities": data["capabilities"],
            "work_centres": centres,
            "materials": materials,
            "shipping_per_parcel": data["shipping_per_parcel"],
        }
