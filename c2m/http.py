"""Request types the views are written against."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind ``login_required``: its user is signed in."""

    user: User
