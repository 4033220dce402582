"""Counter-offers as the router weighs them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from production.models import CounterOffer
from routing import Quote


def counter_quotes(*, work_order_ids: Sequence[int]) -> dict[int, dict[str, Quote]]:
    """Work order id -> factory code -> that plant's counter-offer as a ``routing.Quote``;
    one query."""
    out: dict[int, dict[str, Quote]] = defaultdict(dict)
    rows = CounterOffer.objects.filter(work_order_id__in=list(work_order_ids)).values_list(
        "work_order_id", "factory__code", "payout_amount", "extra_days"
    )
    for work_order_id, code, price, extra_days in rows:
        out[work_order_id][code] = Quote(price=price, extra_days=extra_days)
    return dict(out)
