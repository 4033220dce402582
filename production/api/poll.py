"""What the poll's two readers share: Django's view (``WorkOrderListApi``) and the shortcut
in front of Django (``production.api.poll_shortcut``): its path, how a query string is
read, its ETag and its body. Both answer a poll from these, so both give the same bytes.

The poll's ETag names the factory, its change sequence (``factory_feed_head``) and the
query, so comparing it needs only the key and that number.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.http import QueryDict

from production.models import WorkOrderStatus
from production.selectors.factory_api import JsonPage
from production.services.feed import factory_feed_head

POLL_PATH = "/api/factory/v1/work-orders/"
STATUSES = frozenset(WorkOrderStatus.values)
POLL_LIMIT = re.compile(r"[0-9]{1,3}")
CURSOR = re.compile(r"[A-Za-z0-9_=-]{1,200}")


def poll_etag(*, factory_id: int, query: QueryDict) -> str:
    """The ETag of the factory's poll with ``query`` as its work orders stand now."""
    head = factory_feed_head(factory_id=factory_id)
    digest = hashlib.sha256(f"{factory_id}:{head}:{query.urlencode()}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def etag_in(if_none_match: str, etag: str) -> bool:
    """True when the ``If-None-Match`` header value names ``etag`` (weak or strong)."""
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def quick_poll_query(query: QueryDict) -> dict[str, Any] | None:
    """The poll's parameters when ``query`` is a poll as clients send it (known statuses, a
    cursor as handed out, a plain limit, no ``updated_after``), else None: such a query
    goes through ``WorkOrderListQuerySerializer``, which reads the same values from what
    this accepts (a test compares both) and answers the 400s. ``cursor`` is only checked
    for its alphabet here; ``decode_cursor`` reads it.
    """
    statuses = query.getlist("status")
    limit = query.get("limit", "50")
    cursor = query.get("cursor")
    if (
        "updated_after" not in query
        and STATUSES.issuperset(statuses)
        and POLL_LIMIT.fullmatch(limit)
        and 1 <= int(limit) <= 200
        and (cursor is None or CURSOR.fullmatch(cursor))
    ):
        return {"status": statuses, "limit": int(limit), "cursor": cursor}
    return None


def poll_body(page: JsonPage) -> bytes:
    """The poll's JSON body; the page's results are JSON already, only the envelope is
    written here (as DRF's renderer writes it: compact, UTF-8)."""
    return f'{{"next":{json.dumps(page.next_cursor)},"results":{page.results}}}'.encode()
