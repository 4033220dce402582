"""Making a user one factory's staff in the admin, and ending it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from c2m.roles import forget_roles
from production.models import FACTORY_STAFF_GROUP, Factory, FactoryMembership


def factory_membership_set(*, user: Any, factory: Factory) -> FactoryMembership:
    """Make ``user`` a staff user of ``factory`` (and of no other): staff flag, group, link."""
    with transaction.atomic():
        membership, _ = FactoryMembership.objects.update_or_create(
            user=user, defaults={"factory": factory}
        )
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get_or_create(name=FACTORY_STAFF_GROUP)[0])
    forget_roles(user)
    return membership


def factory_membership_end(*, user: Any) -> None:
    """The user no longer works for a factory; without another role they see nothing."""
    with transaction.atomic():
        FactoryMembership.objects.filter(user=user).delete()
        user.groups.remove(*Group.objects.filter(name=FACTORY_STAFF_GROUP))
    forget_roles(user)
