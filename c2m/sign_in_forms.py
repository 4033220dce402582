"""Password sign-in forms behind ``c2m.sign_in_guard``: the storefront's and the admin's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ImproperlyConfigured

from c2m.sign_in_guard import TooManyAttempts, client_ip, sign_in_guard

# The mixin is only ever combined with an AuthenticationForm; the type checker is told so.
if TYPE_CHECKING:
    _SignInForm = AuthenticationForm
else:
    _SignInForm = object


class GuardedSignInMixin(_SignInForm):
    """For an ``AuthenticationForm``: the password is checked only while neither the
    account nor the client address is locked out; ``refusal`` says when one is."""

    refusal: TooManyAttempts | None = None

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()
        if self.request is None:
            raise ImproperlyConfigured("A guarded sign-in form is built with the request.")
        try:
            with sign_in_guard(
                username=username, ip=client_ip(self.request), failure=forms.ValidationError
            ):
                return super().clean()
        except TooManyAttempts as refusal:
            self.refusal = refusal
            raise forms.ValidationError(refusal.detail, code=refusal.code) from None


class AdminSignInForm(GuardedSignInMixin, AdminAuthenticationForm):
    pass
