"""Small forms of the admin's intermediate action pages and views."""

from __future__ import annotations

from django import forms

from production.services.release import RELEASE_REASONS

DECLINE_REASONS = [
    ("no_capacity", "No capacity"),
    ("no_material", "No material"),
    ("cannot_make", "Cannot make it"),
    ("price", "Price"),
    ("other", "Other"),
]


class ActionForm(forms.Form):
    """Carries the selected rows and the action name back to the changelist."""

    # The names Django's changelist reads (helpers.ACTION_CHECKBOX_NAME is _selected_action).
    action = forms.CharField(widget=forms.HiddenInput)
    _selected_action = forms.CharField(widget=forms.MultipleHiddenInput)
    apply = forms.CharField(widget=forms.HiddenInput, initial="1")
    select_across = forms.CharField(widget=forms.HiddenInput, initial="0", required=False)


class DeclineForm(ActionForm):
    reason_code = forms.ChoiceField(choices=DECLINE_REASONS)
    reason = forms.CharField(max_length=500, required=False, widget=forms.Textarea({"rows": 3}))


class ReleaseForm(ActionForm):
    reason_code = forms.ChoiceField(
        choices=[(code, code.replace("_", " ")) for code in RELEASE_REASONS]
    )
    reason = forms.CharField(max_length=500, widget=forms.Textarea({"rows": 3}))


class ReasonForm(ActionForm):
    reason = forms.CharField(max_length=500, widget=forms.Textarea({"rows": 3}))


class ShipForm(ActionForm):
    carrier = forms.CharField(max_length=60)
    tracking_number = forms.CharField(max_length=80)


class ApiKeyForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Where the key is used, e.g. 'ERP'.")
    expires_at = forms.DateTimeField(required=False, help_text="Leave empty for no expiry.")
