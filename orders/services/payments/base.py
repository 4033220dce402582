"""The payment provider interface, and webhook signatures shared by every provider."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.conf import settings

from c2m.errors import ApplicationError
from c2m.json_input import json_loads_strict
from c2m.webhooks import webhook_sign, webhook_signature_problem

logger = logging.getLogger(__name__)

ID_HEADER = "C2M-Webhook-Id"
TIMESTAMP_HEADER = "C2M-Webhook-Timestamp"
SIGNATURE_HEADER = "C2M-Webhook-Signature"


class PaymentDeclined(ApplicationError):
    status = 402
    code = "payment_declined"


class PaymentGatewayUnreachable(Exception):
    """The provider did not answer (a timeout, a broken connection): the money may or may
    not have moved. Never shown to anyone as is; the intent becomes ``unknown``."""


class WebhookRefused(ApplicationError):
    status = 400
    code = "invalid_signature"


@dataclass(frozen=True)
class PaymentResult:
    """What the provider said. ``status`` is a ``PaymentStatus`` value."""

    status: str
    reference: str
    display: str = ""
    # Declines the customer may simply try again (the gateway was busy).
    retryable: bool = False
    message: str = ""


@dataclass(frozen=True)
class WebhookEvent:
    event_id: str
    type: str
    reference: str
    amount: Decimal | None = None
    # ISO 4217, upper case; a capture must name it along with the amount.
    currency: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


class PaymentProvider:
    """A gateway. Every method either returns a ``PaymentResult`` or raises
    ``ApplicationError`` (a refusal) or ``PaymentGatewayUnreachable`` (no answer); none
    touches the database (the payment services do). Calls that move money carry the
    payment intent's key: sending the same key again never moves the money twice."""

    code = ""
    # True when ``authorize`` settles at once (a card); False when the money comes later.
    immediate = True
    # A gateway that takes no money: enabled only under demo settings.
    sandbox = False

    def authorize(
        self,
        *,
        amount: Decimal,
        currency: str,
        data: Mapping[str, Any],
        idempotency_key: str,
    ) -> PaymentResult:
        raise NotImplementedError

    def capture(self, *, reference: str, amount: Decimal) -> PaymentResult:
        raise NotImplementedError

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> PaymentResult:
        raise NotImplementedError

    def retrieve(self, *, idempotency_key: str) -> PaymentResult | None:
        """What became of the call sent with ``idempotency_key``: its latest status
        (``authorized``, ``captured``, ``pending``, ``declined``, ``refunded``), or None
        when the provider never received it."""
        raise NotImplementedError

    def handle_webhook(self, *, headers: Mapping[str, str], body: bytes) -> WebhookEvent:
        """Verify the signature and parse the event. Raises ``WebhookRefused``."""
        event_id = headers.get(ID_HEADER, "")
        verify_signature(
            secret=self.webhook_secret(),
            event_id=event_id,
            timestamp=headers.get(TIMESTAMP_HEADER, ""),
            signature=headers.get(SIGNATURE_HEADER, ""),
            body=body,
        )
        try:
            # InvalidJson (400 malformed_request, saying why) is not caught below.
            payload = json_loads_strict(body)
            amount = payload.get("amount")
            event = WebhookEvent(
                event_id=event_id,
                type=payload["type"],
                reference=payload["reference"],
                amount=_amount(amount),
                currency=payload.get("currency"),
                payload=payload,
            )
        except (ValueError, KeyError, TypeError, ArithmeticError, AttributeError):
            raise WebhookRefused("The notification body is not valid.", code="invalid") from None
        return webhook_event_validate(event)

    def webhook_secret(self) -> str:
        return settings.PAYMENT_WEBHOOK_SECRETS.get(self.code, "")


def webhook_event_validate(event: WebhookEvent) -> WebhookEvent:
    """The event, when every field fits what the database stores; raises ``WebhookRefused``
    (400, ``code="invalid"``, one message per field) before anything is written."""
    from orders.models import Payment, PaymentNotification

    limits = {
        "event_id": PaymentNotification._meta.get_field("event_id").max_length,
        "type": PaymentNotification._meta.get_field("type").max_length,
        "reference": Payment._meta.get_field("reference").max_length,
    }
    errors: dict[str, list[str]] = {}
    for name, limit in limits.items():
        value = getattr(event, name)
        if not isinstance(value, str) or not value:
            errors[name] = ["Required, a string."]
        elif limit is not None and len(value) > limit:
            errors[name] = [f"At most {limit} characters."]
        elif "\x00" in value:
            errors[name] = ["Must not contain NUL characters."]
    if event.currency is not None and not (
        isinstance(event.currency, str)
        and len(event.currency) == 3
        and event.currency.isascii()
        and event.currency.isalpha()
    ):
        errors["currency"] = ["A three-letter ISO 4217 code."]
    if errors:
        raise WebhookRefused("The notification body is not valid.", code="invalid", errors=errors)
    if event.currency is not None:
        event = replace(event, currency=event.currency.upper())
    return event


AMOUNT = re.compile(r"-?[0-9]{1,14}(\.[0-9]{1,4})?", re.ASCII)


def _amount(value: Any) -> Decimal | None:
    """A notification's amount, a JSON number or decimal string such as ``"270.00"``, as a
    finite ``Decimal`` (at most 14 integer digits and 4 decimal places); raises
    ``ValueError`` for anything else: "sNaN", "Infinity", "1e999999", "1_0", a bool."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    if not AMOUNT.fullmatch(str(value)):
        raise ValueError(value)
    return Decimal(str(value))


sign = webhook_sign  # providers' notifications use the platform's one signature scheme


def verify_signature(
    *,
    secret: str,
    event_id: str,
    timestamp: str,
    signature: str,
    body: bytes,
    now: float | None = None,
) -> None:
    """Raise ``WebhookRefused`` for a missing, forged or stale signature."""
    problem = webhook_signature_problem(
        secret=secret,
        event_id=event_id,
        timestamp=timestamp,
        signature=signature,
        body=body,
        now=now,
    )
    if problem:
        _refuse(problem, event_id)


def _refuse(reason: str, event_id: str) -> None:
    logger.warning("payments: refused webhook %r: %s", event_id[:100], reason)
    raise WebhookRefused("The notification signature is not valid.")
