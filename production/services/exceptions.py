"""The exception list: permanent failures of the production pipeline, kept for people."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from orders.services.production_feedback import claim_reprint_awaiting_plant
from production.models import ProductionException, ProductionExceptionKind

# Who the customer's claim timeline says put a reprint on the list.
EXCEPTION_LIST = "production:exceptions"


def production_exception_record(
    *, kind: str, reference: str, code: str, error: str, data: dict[str, Any] | None = None
) -> ProductionException:
    """Record a failure, or count one more attempt on the open exception of ``reference``.

    Safe against concurrent recorders: the partial unique constraint keeps one open
    exception per kind and reference; the loser updates the winner's row.
    """
    with transaction.atomic():
        updated = ProductionException.objects.filter(
            kind=kind, reference=reference, resolved_at__isnull=True
        ).update(
            code=code,
            error=error[:4000],
            data=data or {},
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            ProductionException.objects.bulk_create(
                [
                    ProductionException(
                        kind=kind,
                        reference=reference,
                        code=code,
                        error=error[:4000],
                        data=data or {},
                    )
                ],
                ignore_conflicts=True,
            )
        return ProductionException.objects.get(
            kind=kind, reference=reference, resolved_at__isnull=True
        )


def production_exception_resolve(*, exception_id: int, actor: str) -> ProductionException:
    """Close an exception (fixed, or nothing left to do). Closing a closed one is a no-op."""
    with transaction.atomic():
        exception = ProductionException.objects.select_for_update().get(pk=exception_id)
        if exception.resolved_at is None:
            exception.resolved_at = timezone.now()
            exception.resolved_by = actor
            exception.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return exception


def production_exception_resolve_open(*, kind: str, reference: str, actor: str) -> int:
    """Close the open exception of ``kind`` and ``reference``, if there is one (the work
    got done by itself, e.g. a later routing sweep). Returns how many were closed."""
    return ProductionException.objects.filter(
        kind=kind, reference=reference, resolved_at__isnull=True
    ).update(resolved_at=timezone.now(), resolved_by=actor, updated_at=timezone.now())


def reprint_exception_record(
    *, claim_number: str, code: str, error: str, data: dict[str, Any]
) -> ProductionException:
    """Put a claim's reprint on the exception list (one open per claim): it could not be
    planned, or no plant but the one at fault can make it. ``error`` is for operators;
    the customer's claim says the reprint waits for a plant (until one is offered it)."""
    exception = production_exception_record(
        kind=ProductionExceptionKind.REPRINT,
        reference=claim_number,
        code=code,
        error=error,
        data={"claim_number": claim_number, **data},
    )
    claim_reprint_awaiting_plant(claim_number=claim_number, actor=EXCEPTION_LIST)
    return exception
