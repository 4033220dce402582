"""An account's price list applied to a configured line: the list price, then the
account's contract price for the product or its percentage discount, shown as one more
line of the breakdown so the breakdown still adds up to the price."""

from __future__ import annotations

from decimal import Decimal

from configurator.money import quantize_money
from merchants.models import BusinessAccount, ContractPrice
from orders.models import Configuration, Product
from orders.services.configurations import PriceQuote, configuration_price
from orders.services.orders import PricedLine


def account_line_price(
    *, account: BusinessAccount, product: Product, configuration: Configuration, quantity: int
) -> PricedLine:
    """The line priced for ``account``. Raises ``ConfigurationInvalid`` when outdated."""
    listed = configuration_price(product=product, configuration=configuration)
    contract = (
        ContractPrice.objects.filter(account=account, product=product)
        .values_list("unit_price", flat=True)
        .first()
    )
    if contract is not None:
        off = listed.unit_price - contract
        line = {"code": "contract_price", "label": {"en": "Contract price", "zh-hans": "合同价"}}
    elif account.discount_percent:
        off = quantize_money(listed.unit_price * account.discount_percent / 100, product.currency)
        percent = format(account.discount_percent.normalize(), "f")
        line = {
            "code": "account_discount",
            "label": {"en": f"Account discount {percent}%", "zh-hans": f"企业折扣 {percent}%"},
        }
    else:
        return PricedLine(product, configuration, quantity, listed)
    adjustment = {
        **line,
        "kind": "discount",
        "amount": str(-off),
        "reason": {},
        "per_unit": True,
    }
    unit = listed.unit_price - off
    quote = PriceQuote(
        unit_price=unit,
        total=listed.total - off * quantity,
        breakdown=[*listed.breakdown, adjustment],
    )
    return PricedLine(product, configuration, quantity, quote)


def price_of(value: Decimal) -> str:
    return f"{value:.2f}"
