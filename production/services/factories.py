"""Creating partner factories and their capabilities."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from production.models import Capability, Factory


def factory_upsert(
    *,
    code: str,
    name: str,
    city: str,
    country: str,
    latitude: Decimal | float,
    longitude: Decimal | float,
    capabilities: Iterable[str],
    **fields: object,
) -> Factory:
    """Create or update a factory by code and set exactly these capabilities."""
    with transaction.atomic():
        factory, _ = Factory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "city": city,
                "country": country,
                "latitude": Decimal(str(latitude)),
                "longitude": Decimal(str(longitude)),
                **fields,
            },
        )
        factory.capabilities.set(
            [
                Capability.objects.get_or_create(code=c, defaults={"name": c})[0]
                for c in capabilities
            ]
        )
    return factory
