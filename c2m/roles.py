"""Who is who in the admin: platform operators, factory staff, and everybody else.

- An operator is an active staff user who is a superuser, or who is in the ``Operators``
  group and does not belong to a factory.
- Factory staff are active staff users (not superusers) with a factory membership
  (``user.factory_membership``, kept by production); the admin scopes them to that factory.
- Any other staff user sees nothing in the admin.

Answers are cached on the user object, which lives for one request.
"""

from __future__ import annotations

from typing import Any

OPERATORS_GROUP = "Operators"
FACTORY_STAFF_GROUP = "Factory staff"


def is_operator(user: Any) -> bool:
    return _roles(user)["operator"]


def staff_factory_id(user: Any) -> int | None:
    """The factory a factory-staff user works for, or None (operators, others, anonymous)."""
    return _roles(user)["factory_id"]


def _roles(user: Any) -> dict[str, Any]:
    cached = getattr(user, "_c2m_roles", None)
    if cached is not None:
        return cached
    roles: dict[str, Any] = {"operator": False, "factory_id": None}
    if user is not None and user.is_active and user.is_staff:
        membership = getattr(user, "factory_membership", None) if user.pk else None
        if user.is_superuser:
            roles["operator"] = True
        elif membership is not None:
            roles["factory_id"] = membership.factory_id
        else:
            roles["operator"] = user.groups.filter(name=OPERATORS_GROUP).exists()
    user._c2m_roles = roles
    return roles


def forget_roles(user: Any) -> None:
    """Drop the cached answer after changing the user's groups or membership."""
    user.__dict__.pop("_c2m_roles", None)
