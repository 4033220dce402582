"""Quotes: an account's lines priced with its price list, shipping and a promised date
per method from the live promise engine, valid for ``QUOTE_VALIDITY``."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from c2m.errors import ApplicationError
from merchants.models import BusinessAccount, MerchantQuote
from merchants.services.artwork_fetches import artwork_urls_resolve
from merchants.services.pricing import account_line_price, price_of
from orders.models import Configuration, Product
from orders.selectors.artwork import ArtworkOwner
from orders.services.addresses import address_validate
from orders.services.configurations import configuration_create
from orders.services.express import express_refusal
from orders.services.orders import PricedLine, promise_input
from orders.services.promise import shipping_promises
from orders.services.shipping import shipping_method_get
from orders.services.totals import checkout_total

QUOTE_VALIDITY = timedelta(hours=24)
MAX_LINES = 50


@dataclass(frozen=True)
class LineInput:
    sku: str
    options: dict[str, Any]
    quantity: int


def account_artwork_owner(account: BusinessAccount) -> ArtworkOwner:
    """Who owns the account's uploads: a secret only this account's requests carry."""
    return ArtworkOwner(guest_token=account.artwork_token)


def lines_configure(*, account: BusinessAccount, lines: list[LineInput]) -> list[PricedLine]:
    """Validate every line (product on sale, options, the account's own artwork) and
    price it with the account's price list.

    Raises ``ApplicationError`` (``invalid_lines``) naming every problem at once:
    ``errors["lines[<i>].sku"]`` and ``errors["lines[<i>].options.<option>"]``.
    """
    if not 1 <= len(lines) <= MAX_LINES:
        raise ApplicationError(
            f"Send 1 to {MAX_LINES} lines.",
            code="invalid_lines",
            errors={"lines": [f"Send 1 to {MAX_LINES} lines."]},
        )
    products = {
        p.sku: p for p in Product.objects.filter(sku__in=[ln.sku for ln in lines], is_active=True)
    }
    errors: dict[str, Any] = {}
    priced: list[PricedLine] = []
    owner = account_artwork_owner(account)
    for i, line in enumerate(lines):
        product = products.get(line.sku)
        if product is None:
            errors[f"lines[{i}].sku"] = ["No product with this SKU is on sale."]
            continue
        try:
            with transaction.atomic():
                configuration, quantity = configuration_create(
                    product=product,
                    raw={"options": line.options, "quantity": line.quantity},
                    artwork_owner=owner,
                )
        except ApplicationError as error:  # options, rules, or artwork not the account's
            for option, problems in (error.errors or {"configuration": [error.detail]}).items():
                errors[f"lines[{i}].options.{option}"] = problems
            continue
        priced.append(
            account_line_price(
                account=account, product=product, configuration=configuration, quantity=quantity
            )
        )
    if errors:
        raise ApplicationError(
            "Some lines cannot be made as configured.", code="invalid_lines", errors=errors
        )
    if len({p.product.currency for p in priced}) > 1:
        raise ApplicationError(
            "Products priced in different currencies must be quoted separately.",
            code="mixed_currencies",
        )
    return priced


def lines_reprice(*, account: BusinessAccount, lines: list[dict[str, Any]]) -> list[PricedLine]:
    """Stored quote or order lines priced again today from their configurations."""
    configurations = Configuration.objects.select_related("product").in_bulk(
        [ln["configuration_id"] for ln in lines]
    )
    return [
        account_line_price(
            account=account,
            product=configurations[ln["configuration_id"]].product,
            configuration=configurations[ln["configuration_id"]],
            quantity=ln["quantity"],
        )
        for ln in lines
    ]


def line_snapshot(line: PricedLine) -> dict[str, Any]:
    return {
        "configuration_id": line.configuration.pk,
        "sku": line.product.sku,
        "name": {"en": line.product.name, "zh-hans": line.product.name_zh or line.product.name},
        "options": line.configuration.values,
        "quantity": line.quantity,
        "unit_price": price_of(line.quote.unit_price),
        "total": price_of(line.total),
        "breakdown": line.quote.breakdown,
    }


def quote_create(
    *,
    account: BusinessAccount,
    sandbox: bool,
    lines: list[LineInput],
    ship_to: dict[str, Any],
    shipping_method: str,
) -> MerchantQuote:
    """Price ``lines`` for the account and date every shipping method to ``ship_to``.

    An artwork option may name its picture by ``{"artwork_url": "https://..."}``: see
    ``artwork_urls_resolve`` (409 ``artwork_pending`` until a worker has fetched it).

    Raises ``ApplicationError``: ``invalid_lines`` (per line and option),
    ``invalid_address``, ``invalid_shipping_method``, ``artwork_fetch_failed``;
    ``Conflict`` ``artwork_pending``.
    """
    address = address_validate(raw=ship_to)
    method = shipping_method_get(code=shipping_method)
    fetched = artwork_urls_resolve(account=account, options=[ln.options for ln in lines])
    lines = [
        LineInput(ln.sku, options, ln.quantity) for ln, options in zip(lines, fetched, strict=True)
    ]
    priced = lines_configure(account=account, lines=lines)
    currency = priced[0].product.currency
    subtotal = sum((p.total for p in priced), Decimal("0"))
    promises = shipping_promises(lines=[promise_input(p) for p in priced], ship_to=address)
    sold = next((p for p in promises if p.code == method.code), None)
    refusal = express_refusal(sold.basis if sold else None, [p.product.name for p in priced])
    if refusal is not None:
        raise refusal
    methods, totals = [], {}
    for promise in promises:
        total = checkout_total(
            subtotal=subtotal,
            currency=currency,
            method=promise.method,
            country=address["country"],
        )
        totals[promise.code] = total
        methods.append(
            {
                "code": promise.code,
                "price": price_of(total.shipping),
                "total": price_of(total.total),
                "promised_date": promise.date.isoformat() if promise.date else None,
            }
        )
    chosen = next(m for m in methods if m["code"] == method.code)
    return MerchantQuote.objects.create(
        public_id="qt_" + secrets.token_hex(10),
        account=account,
        sandbox=sandbox,
        currency=currency,
        ship_to=address,
        shipping_method=method.code,
        lines=[line_snapshot(p) for p in priced],
        methods=methods,
        subtotal=subtotal,
        shipping_total=totals[method.code].shipping,
        total=totals[method.code].total,
        promised_date=chosen["promised_date"],
        valid_until=timezone.now() + QUOTE_VALIDITY,
    )
