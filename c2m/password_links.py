"""A link for a user made without a password (a partner plant's first staff user) to set
one, with Django's password-reset token: it works once, for PASSWORD_RESET_TIMEOUT."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_set_link(user: User) -> str:
    path = reverse(
        "accounts:password_set",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"
